// Fonts with ImGui's null backend (a context and an atlas, no window, no GL): the glyphs the
// content needs are in the atlas, the atlas fits the texture limit, and Chinese wraps properly.
#include <gtest/gtest.h>
#include <imgui.h>

#include "app/strings.hpp"
#include "ui/fonts.hpp"
#include "ui/glyphs.hpp"
#include "ui/text_layout.hpp"

namespace wenyuan::kiosk {
namespace {

bool in_ranges(const ImWchar* ranges, ImWchar c) {
    for (; ranges[0]; ranges += 2)
        if (c >= ranges[0] && c <= ranges[1]) return true;
    return false;
}

/// An ImGui context for one test: the null backend.
struct NullImGui {
    NullImGui() {
        ImGui::CreateContext();
        ImGui::GetIO().IniFilename = nullptr;
    }
    ~NullImGui() { ImGui::DestroyContext(); }
};

TEST(Glyphs, RangesComeFromTheTextAndCoverWhatImGuisCommonRangeMisses) {
    GlyphSet set;
    set.add("饕餮纹铜敦 宋代青瓷碗 西周青铜鼎");
    const auto ranges = set.ranges();
    for (char32_t c : {U'瓷', U'鼎', U'饕', U'餮', U'敦'}) {
        EXPECT_TRUE(set.contains(c));
        EXPECT_TRUE(in_ranges(reinterpret_cast<const ImWchar*>(ranges.data()), ImWchar(c)));
    }
    NullImGui imgui;
    const ImWchar* common = ImGui::GetIO().Fonts->GetGlyphRangesChineseSimplifiedCommon();
    // The finding: ImGui's own "common Chinese" range leaves these out.
    EXPECT_FALSE(in_ranges(common, ImWchar(U'饕')));
    EXPECT_FALSE(in_ranges(common, ImWchar(U'餮')));
    EXPECT_TRUE(set.contains(U'A'));
    EXPECT_EQ(ranges.back(), 0);
}

TEST(Glyphs, InvalidUtf8IsSkipped) {
    GlyphSet set;
    const std::size_t before = set.size();
    set.add(std::string("\xE7\x93", 2));  // a truncated 瓷
    set.add(std::string("\xFF\xFE", 2));
    EXPECT_EQ(set.size(), before);
    set.add("\xF0\x9F\x98\x80");  // beyond the BMP: left out (16-bit ImWchar)
    EXPECT_EQ(set.size(), before);
}

TEST(Fonts, TheAtlasHoldsTheContentGlyphsWithinTheTextureLimit) {
    auto data = FontData::open();
    ASSERT_TRUE(data) << data.error().message;
    NullImGui imgui;
    GlyphSet text, display;
    for (const std::string& s : all_ui_strings()) text.add(s), display.add(s);
    text.add("饕餮纹铜敦。宋代青瓷碗，西周青铜鼎。");
    display.add("饕餮纹铜敦");
    const Metrics metrics = Metrics::for_screen(1280, 800, false);
    auto fonts = build_fonts(*ImGui::GetIO().Fonts, *data, metrics, text, text, display, 2048);
    ASSERT_TRUE(fonts) << fonts.error().message;
    EXPECT_LE(fonts->atlas_width, 2048);
    EXPECT_LE(fonts->atlas_height, 2048);
    for (char32_t c : {U'瓷', U'鼎', U'饕', U'餮', U'敦', U'搜', U'索'})
        EXPECT_NE(fonts->body->FindGlyphNoFallback(ImWchar(c)), nullptr) << std::uint32_t(c);
    EXPECT_NE(fonts->title->FindGlyphNoFallback(ImWchar(U'饕')), nullptr);
    EXPECT_EQ(fonts->title->FindGlyphNoFallback(ImWchar(U'瓷')), nullptr);  // titles only get title glyphs
    EXPECT_FLOAT_EQ(fonts->body->FontSize, 24);

    // A small texture limit with elder sizes: the sizes shrink until the atlas fits.
    auto small = build_fonts(*ImGui::GetIO().Fonts, *data, Metrics::for_screen(1280, 800, true), text, text, display, 1024);
    ASSERT_TRUE(small) << small.error().message;
    EXPECT_LE(small->atlas_width, 1024);
    EXPECT_LE(small->atlas_height, 1024);
    EXPECT_LT(small->shrink, 1.0f);
    EXPECT_NE(small->body->FindGlyphNoFallback(ImWchar(U'餮')), nullptr);
}

TEST(TextLayout, ChineseWrapsBetweenCharactersAndKeepsPunctuationOnTheLine) {
    auto data = FontData::open();
    ASSERT_TRUE(data);
    NullImGui imgui;
    GlyphSet text, display;
    const std::string story = "三足圆鼎，口沿下饰一周窃曲纹，腹部有烟炱痕迹。Villagers found it in 1973.";
    text.add(story);
    auto fonts = build_fonts(*ImGui::GetIO().Fonts, *data, Metrics::for_screen(1280, 800, false), text, text, display, 2048);
    ASSERT_TRUE(fonts);
    const float width = 24 * 7.5f;  // about seven characters at 24 px
    const auto lines = wrap_lines(fonts->body, 24, story, width);
    ASSERT_GE(lines.size(), 4u);
    for (const std::string& line : lines) {
        EXPECT_LE(fonts->body->CalcTextSizeA(24, 1e9f, 0, line.c_str()).x, width + 0.5f) << line;
        EXPECT_NE(line.rfind("，", 0), 0u) << "a line starts with a comma: " << line;
        EXPECT_NE(line.rfind("。", 0), 0u) << line;
    }
    std::string joined;
    for (const std::string& line : lines) joined += line;
    EXPECT_NE(joined.find("1973."), std::string::npos);  // words are not cut when they fit
    const std::string cut = truncate_to(fonts->body, 24, "饕餮纹铜敦饕餮纹铜敦饕餮纹铜敦", 24 * 5);
    EXPECT_LE(fonts->body->CalcTextSizeA(24, 1e9f, 0, cut.c_str()).x, 24 * 5 + 0.5f);
    EXPECT_EQ(cut.substr(cut.size() - 3), "…");
    EXPECT_EQ(truncate_to(fonts->body, 24, "鼎", 100), "鼎");
}

}  // namespace
}  // namespace wenyuan::kiosk
