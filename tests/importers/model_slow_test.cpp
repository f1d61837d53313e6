// Slow model tests (label `slow`): a two-million-triangle scan through the whole importer.
#include "model_fixtures.hpp"
#include "model_helpers.hpp"

namespace wenyuan {
namespace {

// Two million triangles through the whole importer: the kiosk level stays within 50,000.
TEST(ModelLodSlow, TwoMillionTriangleScan) {
    test::ModelFixture f;
    const std::size_t triangles = test::write_scan_ply(f.dir / "in/big_scan.ply", 1000, 1001);
    const ImportSummary summary = f.run({f.dir / "in"}, 1);
    ASSERT_EQ(summary.imported, 1u);
    const auto tech = test::tech_of(f.assets(summary.item_ids[0])[0]);
    EXPECT_EQ(tech["triangles"], triangles);
    const auto& lods = tech["lods"];
    ASSERT_EQ(lods.size(), 4u);
    EXPECT_NEAR(lods[1]["triangles"].get<double>(), 0.25 * triangles, 0.25 * triangles * 0.2);
    EXPECT_NEAR(lods[2]["triangles"].get<double>(), 0.05 * triangles, 0.05 * triangles * 0.2);
    EXPECT_LE(lods[3]["triangles"].get<long long>(), 50000);
}

}  // namespace
}  // namespace wenyuan
