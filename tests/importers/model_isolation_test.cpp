// Isolation: a crash, a hang or an allocation blow-up in the parser becomes a one-line error
// naming the file, the other files go on, and the archive is untouched.
#include <signal.h>
#include <unistd.h>

#include <thread>

#include "isolate.hpp"
#include "model_fixtures.hpp"
#include "model_helpers.hpp"

namespace wenyuan {
namespace {

model::IsolationLimits quick_limits() {
    model::IsolationLimits limits;
    limits.timeout = std::chrono::milliseconds(1500);
    limits.memory_bytes = std::uint64_t{512} << 20;
    return limits;
}

TEST(ModelIsolation, ReturnsTheChildsBytes) {
    auto out = model::run_isolated([] { return Result<std::string>(std::string("青铜\0器", 7)); }, quick_limits());
    ASSERT_TRUE(out) << out.error().message;
    EXPECT_EQ(*out, std::string("青铜\0器", 7));
}

TEST(ModelIsolation, PassesTheChildsErrorThrough) {
    auto out = model::run_isolated([]() -> Result<std::string> { return fail(Errc::corrupt, "face 3 refers to vertex 9"); },
                                   quick_limits());
    ASSERT_FALSE(out);
    EXPECT_EQ(out.error().code, Errc::corrupt);
    EXPECT_EQ(out.error().message, "face 3 refers to vertex 9");
}

TEST(ModelIsolation, CrashBecomesAnError) {
    auto out = model::run_isolated([]() -> Result<std::string> {
        ::raise(SIGSEGV);
        return std::string("unreachable");
    }, quick_limits());
    ASSERT_FALSE(out);
    EXPECT_EQ(out.error().code, Errc::corrupt);
    EXPECT_EQ(out.error().message, "the parser crashed (SIGSEGV: Segmentation fault)");
}

TEST(ModelIsolation, HangIsStoppedAtTheTimeout) {
    const auto started = std::chrono::steady_clock::now();
    auto out = model::run_isolated([]() -> Result<std::string> {
        for (;;) ::pause();
    }, quick_limits());
    ASSERT_FALSE(out);
    EXPECT_EQ(out.error().code, Errc::limit);
    EXPECT_EQ(out.error().message, "the parser did not finish within 1500 ms and was stopped");
    EXPECT_LT(std::chrono::steady_clock::now() - started, std::chrono::seconds(10));
}

TEST(ModelIsolation, AllocationBlowUpIsStopped) {
    auto out = model::run_isolated([]() -> Result<std::string> {
        std::vector<std::vector<char>> hog;
        for (int i = 0; i < 64; ++i) hog.emplace_back(std::size_t{256} << 20, 'x');  // 16 GiB in all
        return std::to_string(hog.size());
    }, quick_limits());
    ASSERT_FALSE(out);
    EXPECT_EQ(out.error().code, Errc::limit);
    EXPECT_EQ(out.error().message, "the parser needed more than 512 MiB of memory and was stopped");
}

TEST(ModelIsolation, ManyAtOnceFromThreads) {
    std::vector<std::thread> threads;
    std::atomic<int> ok{0};
    for (int t = 0; t < 4; ++t) {
        threads.emplace_back([&, t] {
            auto out = model::run_isolated([t] { return Result<std::string>(std::to_string(t)); }, quick_limits());
            ok += out && *out == std::to_string(t);
        });
    }
    for (auto& thread : threads) thread.join();
    EXPECT_EQ(ok, 4);
}

// The importer with a test hook that crashes, hangs or hogs memory for chosen file names.
ModelImporterSettings hostile_settings() {
    ModelImporterSettings settings;
    settings.timeout = std::chrono::seconds(3);
    settings.memory_bytes = std::uint64_t{1} << 30;
    settings.before_parse = [](const std::filesystem::path& file) {
        const std::string name = file.filename().string();
        if (name == "crash.ply") ::raise(SIGSEGV);
        if (name == "abort.ply") std::abort();
        if (name == "hang.ply") {
            for (;;) ::pause();
        }
        if (name == "hog.ply") {
            std::vector<std::vector<char>> hog;
            for (int i = 0; i < 64; ++i) hog.emplace_back(std::size_t{256} << 20, 'x');
        }
    };
    return settings;
}

TEST(ModelImporterIsolation, HostileParsersLeaveTheArchiveUntouched) {
    test::ModelFixture f(hostile_settings());
    for (const char* name : {"crash.ply", "abort.ply", "hang.ply", "hog.ply"}) {
        test::write_scan_ply(f.dir / "in" / name, 16, 8 + static_cast<int>(std::strlen(name)));
    }
    test::write_scan_ply(f.dir / "in/good.ply", 16, 8);
    const ImportSummary summary = f.run({f.dir / "in"}, 3);
    EXPECT_EQ(summary.imported, 1u);
    ASSERT_EQ(summary.failed.size(), 4u);
    std::map<std::string, std::string> errors;
    for (const auto& failure : summary.failed) errors[std::filesystem::path(failure.path).filename().string()] = failure.error;
    EXPECT_EQ(errors["crash.ply"], "model importer: crash.ply: the parser crashed (SIGSEGV: Segmentation fault)");
    EXPECT_EQ(errors["abort.ply"], "model importer: abort.ply: the parser crashed (SIGABRT: Aborted)");
    EXPECT_EQ(errors["hang.ply"], "model importer: hang.ply: the parser did not finish within 3 s and was stopped");
    EXPECT_EQ(errors["hog.ply"], "model importer: hog.ply: the parser needed more than 1024 MiB of memory and was stopped");
    for (const auto& [name, error] : errors) EXPECT_EQ(error.find('\n'), std::string::npos) << name;

    // Only the good model's objects are stored: its original and derivatives.
    ASSERT_EQ(summary.item_ids.size(), 1u);
    std::set<std::string> shas;
    for (const Asset& asset : f.assets(summary.item_ids[0])) shas.insert(asset.sha256);
    EXPECT_EQ(f.object_count(), shas.size());
    EXPECT_TRUE(f.archive.store().leftover_temp_files().empty());
    f.expect_verified();
}

}  // namespace
}  // namespace wenyuan
