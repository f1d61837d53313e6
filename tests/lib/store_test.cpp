#include <gtest/gtest.h>
#include <sys/stat.h>

#include <thread>

#include "test_support.hpp"
#include "wenyuan/hash.hpp"
#include "wenyuan/store.hpp"

namespace wenyuan {
namespace {

using test::TempDir;

TEST(Hash, KnownVectors) {
    EXPECT_EQ(sha256_bytes(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    EXPECT_EQ(sha256_bytes("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    TempDir dir;
    std::string big(3 * 1024 * 1024 + 17, 'x');  // crosses the 1 MiB block boundary
    test::write_file(dir / "big", big);
    EXPECT_EQ(*sha256_file(dir / "big"), sha256_bytes(big));
    EXPECT_EQ(sha256_file(dir / "missing").error().code, Errc::not_found);
    EXPECT_TRUE(is_sha256_hex(sha256_bytes("abc")));
    EXPECT_FALSE(is_sha256_hex("BA7816BF8F01CFEA414140DE5DAE2223B00361A396177A9CB410FF61F20015AD"));
    EXPECT_FALSE(is_sha256_hex("../../etc/passwd"));
}

TEST(ObjectStore, StoresOnceByContent) {
    TempDir dir;
    ObjectStore store(dir.path());
    test::write_file(dir / "in/a.txt", "青铜鼎");
    test::write_file(dir / "in/b.txt", "青铜鼎");
    auto first = store.put_file(dir / "in/a.txt");
    ASSERT_TRUE(first) << first.error().message;
    EXPECT_FALSE(first->already_present);
    EXPECT_EQ(first->size, 9u);
    EXPECT_EQ(first->sha256, sha256_bytes("青铜鼎"));
    auto second = store.put_file(dir / "in/b.txt");
    ASSERT_TRUE(second);
    EXPECT_TRUE(second->already_present);
    EXPECT_EQ(second->sha256, first->sha256);
    EXPECT_EQ(test::read_file(store.path_of(first->sha256)), "青铜鼎");
    EXPECT_EQ(store.path_of(first->sha256), dir.path() / "objects" / first->sha256.substr(0, 2) / first->sha256);
    EXPECT_TRUE(store.leftover_temp_files().empty());
    EXPECT_EQ(store.list()->size(), 1u);
    EXPECT_TRUE(store.check(first->sha256));
}

TEST(ObjectStore, DetectsDamageAndLoss) {
    TempDir dir;
    ObjectStore store(dir.path());
    auto stored = store.put_bytes("stele rubbing");
    ASSERT_TRUE(stored);
    const auto path = store.path_of(stored->sha256);
    ::chmod(path.c_str(), 0644);
    test::write_file(path, "stele rubbinG");
    auto damaged = store.check(stored->sha256);
    ASSERT_FALSE(damaged);
    EXPECT_EQ(damaged.error().code, Errc::corrupt);
    EXPECT_NE(damaged.error().message.find(sha256_bytes("stele rubbinG")), std::string::npos);
    std::filesystem::remove(path);
    EXPECT_EQ(store.check(stored->sha256).error().code, Errc::not_found);
    // Putting the same bytes again heals the store.
    ASSERT_TRUE(store.put_bytes("stele rubbing"));
    EXPECT_TRUE(store.check(stored->sha256));
}

TEST(ObjectStore, MissingSourceNamesTheFile) {
    TempDir dir;
    ObjectStore store(dir.path());
    auto result = store.put_file(dir / "nope.jpg");
    ASSERT_FALSE(result);
    EXPECT_EQ(result.error().code, Errc::not_found);
    EXPECT_NE(result.error().message.find("nope.jpg"), std::string::npos);
    EXPECT_TRUE(store.leftover_temp_files().empty());
}

TEST(ObjectStore, ConcurrentPutsOfSameBytes) {
    TempDir dir;
    ObjectStore store(dir.path());
    std::vector<std::thread> threads;
    std::atomic<int> fresh{0};
    for (int i = 0; i < 8; ++i) {
        threads.emplace_back([&] {
            auto stored = store.put_bytes(std::string(200000, 'z'));
            ASSERT_TRUE(stored);
            if (!stored->already_present) ++fresh;
        });
    }
    for (auto& thread : threads) thread.join();
    EXPECT_GE(fresh.load(), 1);
    EXPECT_EQ(store.list()->size(), 1u);
    EXPECT_TRUE(store.leftover_temp_files().empty());
    EXPECT_TRUE(store.check(sha256_bytes(std::string(200000, 'z'))));
}

TEST(ObjectStore, ListsStrayFiles) {
    TempDir dir;
    ObjectStore store(dir.path());
    ASSERT_TRUE(store.put_bytes("a"));
    test::write_file(dir / "objects/zz/notes.txt", "?");
    std::vector<std::filesystem::path> strays;
    auto names = store.list([&](const std::filesystem::path& path) { strays.push_back(path); });
    ASSERT_TRUE(names);
    EXPECT_EQ(names->size(), 1u);
    ASSERT_EQ(strays.size(), 1u);
    EXPECT_EQ(strays[0].filename(), "notes.txt");
}

}  // namespace
}  // namespace wenyuan
