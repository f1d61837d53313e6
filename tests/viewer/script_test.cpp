#include <gtest/gtest.h>

#include "app/options.hpp"
#include "app/script.hpp"

namespace wenyuan::kiosk {
namespace {

TEST(Script, ATapIsMovePressRelease) {
    auto script = Script::parse("# a comment\ntap 100 200\nwait 2\nkey escape\ntype qt # not a comment\n", "s.txt");
    ASSERT_TRUE(script) << script.error().message;
    EXPECT_EQ(script->frames(), 3u + 2u + 2u + 2u);
    FrameInput a = script->next(), b = script->next(), c = script->next();
    EXPECT_TRUE(a.pointer && !a.down);
    EXPECT_TRUE(b.down);
    EXPECT_FLOAT_EQ(b.x, 100);
    EXPECT_FLOAT_EQ(b.y, 200);
    EXPECT_FALSE(c.down);
    FrameInput w = script->next();
    EXPECT_TRUE(w.pointer);  // the pointer stays where it was
    EXPECT_FALSE(w.down);
    script->next();
    FrameInput k = script->next();
    ASSERT_EQ(k.keys.size(), 1u);
    EXPECT_EQ(k.keys[0], "escape");
    script->next();
    EXPECT_EQ(script->next().text, "qt # not a comment");
    script->next();
    EXPECT_TRUE(script->finished());
    EXPECT_FALSE(script->next().down);
}

TEST(Script, ADragHoldsAndMovesInSteps) {
    auto script = Script::parse("drag 0 0 100 50 4\n", "d");
    ASSERT_TRUE(script);
    EXPECT_EQ(script->frames(), 1u + 5u + 1u);
    script->next();
    FrameInput mid = script->next();
    mid = script->next();
    mid = script->next();
    EXPECT_TRUE(mid.down);
    EXPECT_FLOAT_EQ(mid.x, 50);
    EXPECT_FLOAT_EQ(mid.y, 25);
}

TEST(Script, ErrorsNameTheFileAndLine) {
    auto bad = Script::parse("tap 1 2\nfly 3 4\n", "flow.txt");
    ASSERT_FALSE(bad);
    EXPECT_NE(bad.error().message.find("flow.txt:2"), std::string::npos);
    EXPECT_NE(bad.error().message.find("fly"), std::string::npos);
    EXPECT_FALSE(Script::parse("tap 1\n", "x"));
    EXPECT_FALSE(Script::parse("key f1\n", "x"));
    EXPECT_FALSE(Script::parse("wait -3\n", "x"));
    EXPECT_FALSE(Script::load("/nonexistent/flow.txt"));
}

TEST(Options, ParsesTheScreenshotCommandLine) {
    auto options = parse_options({"arch", "--screenshot", "o.png", "--size", "1920x1080", "--frames", "12", "--elder"});
    ASSERT_TRUE(options) << options.error().message;
    EXPECT_EQ(options->archive, "arch");
    EXPECT_EQ(options->width, 1920);
    EXPECT_EQ(options->height, 1080);
    EXPECT_EQ(options->frames, 12);
    EXPECT_TRUE(options->elder);
    EXPECT_TRUE(options->windowed);  // screenshots never go fullscreen
    EXPECT_FALSE(parse_options({"arch", "--size", "big"}));
    EXPECT_FALSE(parse_options({"arch", "--frames", "0"}));
    EXPECT_FALSE(parse_options({"a", "b"}));
    EXPECT_FALSE(parse_options({}));
    EXPECT_FALSE(parse_options({"--set-pin", "12"}));
    EXPECT_TRUE(parse_options({"--set-pin", "2580"}));
}

}  // namespace
}  // namespace wenyuan::kiosk
