// A closed scan through the model importer: every level of detail it writes is a solid to the
// kiosk (mesh_solid.hpp), so the kiosk leaves out the hidden half of the triangles at whichever
// level it draws. The simplifier's fins used to make every simplified level fail.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "glb_mesh.hpp"
#include "mesh_solid.hpp"
#include "model_fixtures.hpp"
#include "process.hpp"
#include "test_support.hpp"

namespace wenyuan::kiosk {
namespace {

std::string name(FaceCull cull) { return cull == FaceCull::back ? "back" : cull == FaceCull::front ? "front" : "none"; }

TEST(ScanLevels, EveryLevelOfAClosedScanIsASolid) {
    test::TempDir dir;
    // 400 rings: the pinholes at the poles add up to 2.6 % of the diagonal, under the 3 % a solid
    // may have. 319,200 triangles: the first level is simplified in slabs when there are cores.
    const std::size_t triangles = test::write_scan_ply(dir / "scan.ply", 400, 400);
    std::filesystem::create_directories(dir / "out");
    auto report = model::process_model({dir / "scan.ply", dir / "out", false, {}});
    ASSERT_TRUE(report) << report.error().message;
    const auto json = nlohmann::json::parse(*report);
    std::vector<std::string> targets;
    std::vector<std::string> culls;
    for (const auto& output : json["outputs"]) {
        if (output["role"] != "lod") continue;
        auto mesh = load_glb(dir / "out" / output["file"].get<std::string>());
        ASSERT_TRUE(mesh) << mesh.error().message;
        targets.push_back(output["tech"]["target"]);
        culls.push_back(name(solid_face_cull(*mesh)));
    }
    ASSERT_EQ(targets, (std::vector<std::string>{"full", "25%", "≤50000", "5%"}));
    EXPECT_EQ(json["tech"]["triangles"], triangles);
    // The generated scan is wound clockwise seen from outside, so its front faces are the hidden
    // ones; what matters is that the full model is a solid and every level is culled alike.
    EXPECT_EQ(culls[0], "front");
    for (std::size_t i = 1; i < culls.size(); ++i) EXPECT_EQ(culls[i], culls[0]) << targets[i];
}

}  // namespace
}  // namespace wenyuan::kiosk
