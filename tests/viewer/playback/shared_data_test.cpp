// The playback components on the real files in ../shared/data (Debian packages' samples): every
// recording in av/ opens, seeks and plays with the right picture size (a portrait phone clip
// stands upright), and every GLB the model importer writes for the models in 3d/ reads back with
// the importer's own triangle counts; every level of the Stanford bunny, a closed scan, is a solid.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include <chrono>
#include <set>
#include <thread>

#include "glb_mesh.hpp"
#include "kiosk/media_player.hpp"
#include "mesh_solid.hpp"
#include "player_steps.hpp"
#include "process.hpp"
#include "test_support.hpp"

namespace wenyuan::kiosk {
namespace {

using namespace std::chrono_literals;
using State = MediaPlayer::State;

using test::run_until;

TEST(SharedData, EveryRecordingOpensSeeksAndPlays) {
    const auto root = test::shared_data("av");
    if (!std::filesystem::exists(root)) GTEST_SKIP() << "no " << root;
    const std::set<std::string> media = {".avi", ".flac", ".m4a", ".mkv", ".mp3", ".mp4", ".mpeg", ".mpg", ".ogg", ".opus", ".wav", ".webm"};
    int played = 0;
    for (const auto& entry : std::filesystem::recursive_directory_iterator(root)) {
        if (!entry.is_regular_file() || !media.count(entry.path().extension().string())) continue;
        const std::string name = entry.path().filename().string();
        MediaPlayer player(test::no_gl(false));
        player.open(entry.path());
        ASSERT_TRUE(test::opened(player)) << name;
        ASSERT_EQ(player.state(), State::paused) << name << ": " << player.error();
        EXPECT_GT(player.duration(), 0) << name;
        player.seek(player.duration() / 2);
        EXPECT_TRUE(run_until(player, [&] { return !player.picture_pending(); }, 10s)) << name;
        if (player.has_video()) {
            EXPECT_GT(player.picture_width(), 0) << name;
            EXPECT_LE(player.picture_width(), 1280) << name;
            EXPECT_LE(player.picture_height(), 800) << name;
            EXPECT_NEAR(player.picture_time(), player.duration() / 2, 1.0) << name;
        }
        if (name == "behaim_globe_DERIVED_rotate90_displaymatrix.mp4") {  // 1280×720 frames, turned upright
            EXPECT_EQ(player.picture_width(), 450);
            EXPECT_EQ(player.picture_height(), 800);
            EXPECT_NEAR(player.display_aspect(), 720.0 / 1280.0, 0.01);
        }
        const double from = player.position();
        player.play();
        EXPECT_TRUE(run_until(player, [&] { return player.position() > from + 0.1 || player.state() == State::ended; }, 10s))
            << name;
        EXPECT_NE(player.state(), State::error) << name << ": " << player.error();
        ++played;
    }
    EXPECT_GE(played, 40);
}

TEST(SharedData, ImporterGlbsReadBack) {
    const auto root = test::shared_data("3d");
    if (!std::filesystem::exists(root)) GTEST_SKIP() << "no " << root;
    test::TempDir dir;
    int checked = 0;
    for (const char* model : {"statues_artifacts/greek_vase/greek_vase.obj", "textured/collada_duck/duck.dae",
                              "textured/behaim_globe_DERIVED/behaim_globe_embedded.glb", "scanned/stanford_bunny_35k.obj",
                              "scanned/apple.ply", "textured/obj_spider/spider.obj"}) {
        const auto out = dir / std::to_string(checked);
        std::filesystem::create_directories(out);
        auto report = model::process_model({root / model, out, false, {}});
        ASSERT_TRUE(report) << model << ": " << report.error().message;
        const auto json = nlohmann::json::parse(*report);
        for (const auto& output : json["outputs"]) {
            if (output["role"] != "model" && output["role"] != "lod") continue;
            auto mesh = load_glb(out / output["file"].get<std::string>());
            ASSERT_TRUE(mesh) << model << ": " << mesh.error().message;
            const auto& tech = output["role"] == "lod" ? output["tech"] : json["tech"];
            if (output["role"] == "lod") {
                EXPECT_EQ(mesh->triangles, tech["triangles"].get<std::size_t>()) << model;
            }
            EXPECT_EQ(mesh->images.size() > 0, json["tech"].value("textures_usable", 0) > 0) << model;
            EXPECT_TRUE(mesh->warnings.empty()) << model << ": " << mesh->warnings.front();
            if (std::string_view(model) == "scanned/stanford_bunny_35k.obj" && output["role"] == "lod") {
                EXPECT_TRUE(solid_face_cull(*mesh) == FaceCull::back) << model << " " << tech["target"] << " is no solid";
            }
        }
        ++checked;
    }
}

}  // namespace
}  // namespace wenyuan::kiosk
