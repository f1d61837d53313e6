// `wenyuan import` with 3D models: the model importer is registered, companions become assets,
// a broken model fails with one line naming it while the rest is imported, and verify passes.
#include "../importers/model_fixtures.hpp"
#include "cli_helpers.hpp"

namespace wenyuan {
namespace {

TEST(CliModel, ImportsAModelFolder) {
    test::TempDir dir;
    const auto archive = (dir / "archive").string();
    ASSERT_EQ(test::wenyuan({"init", archive}).exit_code, 0);
    test::write_textured_obj(dir / "in/窑址", "窑", "textures/砖.jpg", 8);
    test::write_scan_ply(dir / "in/scan.ply", 24, 12);
    test::write_file(dir / "in/broken.ply", "ply\nformat ascii 1.0\nelement vertex 3\nprop");
    const auto summary = test::wenyuan_json({"import", archive, (dir / "in").string(), "--no-progress"}, 1);
    EXPECT_EQ(summary["imported"], 2);
    ASSERT_EQ(summary["failed"].size(), 1u);
    EXPECT_EQ(summary["failed"][0]["error"], "model importer: broken.ply: the PLY header is cut off (no end_header line)");
    const auto show = test::wenyuan_json({"show", archive, std::to_string(summary["items"][1].get<int>())});
    std::vector<std::string> roles;
    for (const auto& asset : show["assets"]) roles.push_back(asset["role"]);
    EXPECT_EQ(roles, (std::vector<std::string>{"original", "model", "lod", "preview", "thumbnail", "material", "texture"}));
    EXPECT_EQ(show["assets"][0]["tech"]["triangles"], 128);
    const auto verify = test::wenyuan({"verify", archive});
    EXPECT_EQ(verify.exit_code, 0) << verify.out << verify.err;
}

}  // namespace
}  // namespace wenyuan
