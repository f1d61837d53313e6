// Shared by the model importer's tests: an archive with the model importer registered, and
// Assimp's own triangle count for a file (read in an isolated child, as the importer does).
#pragma once

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "test_support.hpp"
#include "wenyuan/import_pipeline.hpp"
#include "wenyuan/model_importer.hpp"

namespace wenyuan::test {

struct ModelFixture {
    TempDir dir;
    Archive archive = std::move(*Archive::create(dir / "archive"));
    ImporterRegistry registry;

    explicit ModelFixture(ModelImporterSettings settings = {}) {
        registry.add(make_model_importer(std::move(settings)));
        registry.add(make_any_file_importer());
    }

    ImportSummary run(const std::vector<std::filesystem::path>& inputs, unsigned jobs = 2) {
        ImportRequest request;
        request.inputs = inputs;
        request.agent = "test";
        request.jobs = jobs;
        auto summary = import_files(archive, registry, request);
        EXPECT_TRUE(summary) << summary.error().message;
        return summary ? *summary : ImportSummary{};
    }

    /// The assets of an item, by role (the first of each role).
    std::vector<Asset> assets(std::int64_t item) {
        auto all = archive.assets(item);
        EXPECT_TRUE(all);
        return all ? *all : std::vector<Asset>{};
    }

    /// Number of object files in the store.
    std::size_t object_count() const {
        std::size_t n = 0;
        for (const auto& entry : std::filesystem::recursive_directory_iterator(dir / "archive/objects")) {
            n += entry.is_regular_file();
        }
        return n;
    }

    std::filesystem::path object_path(const std::string& sha) const { return dir / "archive/objects" / sha.substr(0, 2) / sha; }

    void expect_verified() {
        auto report = archive.verify();
        ASSERT_TRUE(report);
        EXPECT_TRUE(report->ok);
        EXPECT_TRUE(report->problems.empty());
        EXPECT_TRUE(report->unreferenced.empty());
    }
};

/// Triangles Assimp reads from `file` (aiProcess_Triangulate | aiProcess_SortByPType), counted
/// over meshes; -1 when Assimp fails. A file without extension (a stored object) is read as GLB. Runs Assimp in a child with a 60 s and 2 GiB limit.
long long assimp_triangles(const std::filesystem::path& file);

inline nlohmann::json tech_of(const Asset& asset) { return nlohmann::json::parse(asset.tech_json); }

}  // namespace wenyuan::test
