#include <gtest/gtest.h>

#include <sys/stat.h>

#include "app/config.hpp"
#include "test_support.hpp"

namespace wenyuan::kiosk {
namespace {

TEST(Config, MissingFileGivesDefaultsAndTheDefaultPin) {
    test::TempDir dir;
    auto config = load_config(dir / "kiosk.conf");
    ASSERT_TRUE(config) << config.error().message;
    EXPECT_EQ(config->idle_seconds, 90);
    EXPECT_EQ(config->usage_db, dir / "usage.db");
    EXPECT_TRUE(config->pin_matches("0000"));
    EXPECT_FALSE(config->pin_matches("1234"));
}

TEST(Config, ThePinIsStoredSaltedAndHashedAndOtherLinesStay) {
    test::TempDir dir;
    const auto file = dir / "sub/kiosk.conf";
    test::write_file(file, "museum_name = 青石村文化站\nidle_seconds = 120\n");
    ASSERT_TRUE(store_pin(file, "2580"));
    const std::string text = test::read_file(file);
    EXPECT_EQ(text.find("2580"), std::string::npos);  // never in clear
    EXPECT_NE(text.find("museum_name = 青石村文化站"), std::string::npos);
    struct stat st {};
    ASSERT_EQ(stat(file.c_str(), &st), 0);
    EXPECT_EQ(st.st_mode & 0777, 0600u);
    auto config = load_config(file);
    ASSERT_TRUE(config) << config.error().message;
    EXPECT_EQ(config->museum_name, "青石村文化站");
    EXPECT_EQ(config->idle_seconds, 120);
    EXPECT_TRUE(config->pin_matches("2580"));
    EXPECT_FALSE(config->pin_matches("0000"));
    EXPECT_FALSE(config->pin_matches("25800"));
    EXPECT_EQ(config->pin_salt.size(), 32u);
    // A new PIN replaces the old one with a fresh salt.
    const std::string salt = config->pin_salt;
    ASSERT_TRUE(store_pin(file, "2580"));
    auto again = load_config(file);
    ASSERT_TRUE(again);
    EXPECT_NE(again->pin_salt, salt);
    EXPECT_TRUE(again->pin_matches("2580"));
}

TEST(Config, MalformedLinesNameTheFileAndLine) {
    test::TempDir dir;
    test::write_file(dir / "a.conf", "idle_seconds = 90\ncolour = red\n");
    auto bad = load_config(dir / "a.conf");
    ASSERT_FALSE(bad);
    EXPECT_NE(bad.error().message.find("a.conf:2"), std::string::npos);
    test::write_file(dir / "b.conf", "idle_seconds = soon\n");
    EXPECT_FALSE(load_config(dir / "b.conf"));
    test::write_file(dir / "c.conf", "pin_hash = abc\n");
    EXPECT_FALSE(load_config(dir / "c.conf"));
}

}  // namespace
}  // namespace wenyuan::kiosk
