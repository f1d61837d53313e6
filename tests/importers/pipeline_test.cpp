// The import pipeline with test importers: derivatives are attached to their original, and a
// failing importer leaves the archive exactly as it was.
#include <gtest/gtest.h>

#include <condition_variable>
#include <mutex>

#include "test_support.hpp"
#include "wenyuan/import_pipeline.hpp"

namespace wenyuan {
namespace {

// Reads text files; makes an upper-case "preview" derivative, or fails on files saying "broken".
class TextImporter final : public Importer {
public:
    std::string_view name() const noexcept override { return "text"; }
    int score(const Sniffed& sniffed) const noexcept override { return sniffed.mime == "text/plain" ? 50 : 0; }

private:
    Result<ImportOutput> do_import(ImportJob& job) const override {
        const std::string text = test::read_file(job.source());
        std::string upper = text;
        for (char& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
        auto preview = job.store_derivative("preview", upper, "text/plain", "preview.txt", R"({"chars":)" + std::to_string(text.size()) + "}");
        if (!preview) return fail(std::move(preview).error());
        if (text.find("broken") != std::string::npos) return fail(Errc::corrupt, "truncated at byte 3");
        ImportOutput output;
        output.item.title = "text: " + text;
        output.derivatives.push_back(*preview);
        output.warnings.push_back("all lower case");
        return output;
    }
};

struct Fixture {
    test::TempDir dir;
    Archive archive = std::move(*Archive::create(dir / "a"));
    ImporterRegistry registry;
    Fixture() {
        registry.add(make_any_file_importer());
        registry.add(std::make_unique<TextImporter>());
    }
    ImportSummary run(const std::vector<std::filesystem::path>& inputs) {
        ImportRequest request;
        request.inputs = inputs;
        request.agent = "test";
        request.jobs = 2;
        auto summary = import_files(archive, registry, request);
        EXPECT_TRUE(summary) << summary.error().message;
        return *summary;
    }
};

TEST(Pipeline, BestImporterMakesDerivatives) {
    Fixture f;
    test::write_file(f.dir / "in/note.txt", "village well");
    test::write_file(f.dir / "in/data.bin", std::string("\x00\x01\x02\x03", 4));
    const ImportSummary summary = f.run({f.dir / "in"});
    EXPECT_EQ(summary.imported, 2u);
    ASSERT_EQ(summary.item_ids.size(), 2u);
    // Sorted plan order: data.bin, then note.txt.
    auto assets = f.archive.assets(summary.item_ids[1]);
    ASSERT_EQ(assets->size(), 2u);
    EXPECT_EQ((*assets)[0].role, "original");
    EXPECT_EQ((*assets)[1].role, "preview");
    EXPECT_EQ(*(*assets)[1].derived_from, (*assets)[0].id);
    EXPECT_EQ((*assets)[1].tech_json, R"({"chars":12})");
    EXPECT_EQ((*assets)[0].warnings, std::vector<std::string>{"all lower case"});
    EXPECT_EQ(f.archive.item(summary.item_ids[1])->title, "text: village well");
    EXPECT_EQ(f.archive.assets(summary.item_ids[0])->size(), 1u);  // the fallback makes no derivatives
    EXPECT_EQ(f.archive.events(0, summary.item_ids[1])->size(), 2u);  // ingestion and derivation
}

TEST(Pipeline, FailureLeavesArchiveUnchanged) {
    Fixture f;
    test::write_file(f.dir / "in/broken.txt", "broken scroll");
    test::write_file(f.dir / "in/good.txt", "good scroll");
    const ImportSummary summary = f.run({f.dir / "in"});
    EXPECT_EQ(summary.imported, 1u);
    ASSERT_EQ(summary.failed.size(), 1u);
    EXPECT_NE(summary.failed[0].path.find("broken.txt"), std::string::npos);
    EXPECT_EQ(summary.failed[0].error, "text importer: broken.txt: truncated at byte 3");
    // Only the good file's original and preview are stored; nothing of the broken one remains.
    EXPECT_EQ(f.archive.store().list()->size(), 2u);
    EXPECT_TRUE(f.archive.store().leftover_temp_files().empty());
    auto report = f.archive.verify();
    EXPECT_TRUE(report->ok);
    EXPECT_TRUE(report->unreferenced.empty());
}

// Two files whose derivatives are the same bytes, imported at the same time: "fails" stores the
// shared derivative first and fails only after "works" has found it already stored.
class SharedDerivativeImporter final : public Importer {
public:
    std::string_view name() const noexcept override { return "shared"; }
    int score(const Sniffed& sniffed) const noexcept override { return sniffed.mime == "text/plain" ? 50 : 0; }

private:
    Result<ImportOutput> do_import(ImportJob& job) const override {
        const bool failing = test::read_file(job.source()) == "fails";
        if (!failing) wait_for(first_stored_);
        auto shared = job.store_derivative("preview", "SHARED PREVIEW", "text/plain", "preview.txt");
        if (!shared) return fail(std::move(shared).error());
        signal(failing ? first_stored_ : second_stored_);
        if (failing) {
            wait_for(second_stored_);
            return fail(Errc::corrupt, "gave up after its preview");
        }
        ImportOutput output;
        output.derivatives.push_back(*shared);
        return output;
    }
    void signal(bool& flag) const {
        std::lock_guard lock(mutex_);
        flag = true;
        changed_.notify_all();
    }
    void wait_for(const bool& flag) const {
        std::unique_lock lock(mutex_);
        changed_.wait_for(lock, std::chrono::seconds(20), [&] { return flag; });
    }
    mutable std::mutex mutex_;
    mutable std::condition_variable changed_;
    mutable bool first_stored_ = false, second_stored_ = false;
};

TEST(Pipeline, AFailureKeepsTheObjectsAGoodFileShares) {
    Fixture f;
    f.registry = ImporterRegistry();
    f.registry.add(make_any_file_importer());
    f.registry.add(std::make_unique<SharedDerivativeImporter>());
    test::write_file(f.dir / "in/a.txt", "fails");
    test::write_file(f.dir / "in/b.txt", "works");
    const ImportSummary summary = f.run({f.dir / "in"});  // two jobs: both files at once
    ASSERT_EQ(summary.failed.size(), 1u);
    EXPECT_EQ(summary.failed[0].error, "shared importer: a.txt: gave up after its preview");
    ASSERT_EQ(summary.imported, 1u) << "the good file failed too";
    auto assets = f.archive.assets(summary.item_ids[0]);
    ASSERT_EQ(assets->size(), 2u);
    EXPECT_TRUE(f.archive.store().contains((*assets)[1].sha256));
    // The failed file's original is gone again; the shared preview stays.
    EXPECT_EQ(f.archive.store().list()->size(), 2u);
    auto report = f.archive.verify();
    EXPECT_TRUE(report->ok);
    EXPECT_TRUE(report->unreferenced.empty());
}

}  // namespace
}  // namespace wenyuan
