// wenyuan publish: IIIF Presentation 3.0 manifests, level-0 tiles, Dublin Core, GLB and WebVTT of
// public items only.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "package_fixture.hpp"
#include "wenyuan/publish.hpp"
#include "wenyuan/tar.hpp"

namespace wenyuan::test {
namespace {

using json = nlohmann::json;

AssetDraft stored(Archive& archive, const std::string& role, const std::string& mime, const std::string& bytes,
                  const std::string& lang = "") {
    AssetDraft draft = stored_asset(archive, role, mime, bytes, lang);
    if (role == "preview") draft.tech_json = R"({"width": 640, "height": 480})";
    return draft;
}

TEST(Publish, PublicItemsAsIiifDublinCoreGlbAndWebVtt) {
    TempDir dir;
    auto archive = Archive::create(dir / "a");
    ASSERT_TRUE(archive);

    // A tiled image: the tiles tar holds a level-0 tile set whose info.json id is a placeholder.
    {
        auto tiles_tar = TarWriter::create(dir / "tiles.tar");
        ASSERT_TRUE(tiles_tar);
        ASSERT_TRUE(tiles_tar->add("info.json", R"({"@context":"http://iiif.io/api/image/3/context.json","id":"tiles","type":"ImageService3","profile":"level0","width":5000,"height":3000})"));
        ASSERT_TRUE(tiles_tar->add("0,0,256,256/256,256/0/default.jpg", "jpeg bytes"));
        ASSERT_TRUE(tiles_tar->finish());
    }
    Item image;
    image.title = "青铜鼎";
    image.title_en = "Bronze ding";
    image.description = "饕餮纹";
    image.access = Access::public_access;
    image.keywords = {"青铜", "鼎"};
    auto image_id = archive->add_item(image, {stored(*archive, "preview", "image/jpeg", "preview bytes"),
                                              stored(*archive, "thumbnail", "image/jpeg", "thumb bytes"),
                                              stored(*archive, "tiles", "application/x-tar", read_file(dir / "tiles.tar"))},
                                      {}, "test");
    ASSERT_TRUE(image_id) << image_id.error().message;

    Item model;
    model.title = "老厂房模型";
    model.access = Access::public_access;
    ASSERT_TRUE(archive->add_item(model, {stored(*archive, "lod", "model/gltf-binary", "glTF fake")}, {}, "test"));

    Item video;
    video.title = "采茶戏";
    video.access = Access::public_access;
    ASSERT_TRUE(archive->add_item(video, {stored(*archive, "access", "video/mp4", "mp4 fake"),
                                          stored(*archive, "captions", "text/vtt", "WEBVTT\n\n00:00.000 --> 00:01.000\n唱\n", "zh")},
                                  {}, "test"));

    Item secret;
    secret.title = "内部档案";
    secret.access = Access::restricted;
    ASSERT_TRUE(archive->add_item(secret, {stored(*archive, "preview", "image/jpeg", "secret preview")}, {}, "test"));

    PublishOptions options;
    options.out = dir / "site";
    options.base_url = "https://museum.example/open";
    auto published = publish_static(*archive, options);
    ASSERT_TRUE(published) << published.error().message;
    EXPECT_EQ(published->items, 3u);
    EXPECT_EQ(published->tiled_images, 1u);
    EXPECT_EQ(published->models, 1u);
    EXPECT_EQ(published->recordings, 1u);
    EXPECT_EQ(published->captions, 1u);

    const auto uid = archive->item(*image_id)->uid;
    const json manifest = json::parse(read_file(dir / "site/items" / uid / "manifest.json"));
    EXPECT_EQ(manifest["@context"], "http://iiif.io/api/presentation/3/context.json");
    EXPECT_EQ(manifest["type"], "Manifest");
    EXPECT_EQ(manifest["id"], "https://museum.example/open/items/" + uid + "/manifest.json");
    EXPECT_EQ(manifest["label"]["zh"][0], "青铜鼎");
    EXPECT_EQ(manifest["label"]["en"][0], "Bronze ding");
    const json& canvas = manifest["items"][0];
    EXPECT_EQ(canvas["type"], "Canvas");
    EXPECT_EQ(canvas["width"], 5000);
    const json& body = canvas["items"][0]["items"][0]["body"];
    EXPECT_EQ(body["type"], "Image");
    EXPECT_EQ(body["service"][0]["profile"], "level0");
    EXPECT_EQ(body["service"][0]["id"], "https://museum.example/open/iiif/" + uid);
    const json info = json::parse(read_file(dir / "site/iiif" / uid / "info.json"));
    EXPECT_EQ(info["id"], "https://museum.example/open/iiif/" + uid);
    EXPECT_EQ(read_file(dir / "site/iiif" / uid / "0,0,256,256/256,256/0/default.jpg"), "jpeg bytes");

    const std::string dc = read_file(dir / "site/items" / uid / "dc.xml");
    EXPECT_NE(dc.find("<dc:title xml:lang=\"zh\">青铜鼎</dc:title>"), std::string::npos);
    EXPECT_NE(dc.find("<dc:subject>鼎</dc:subject>"), std::string::npos);

    // Models as GLB, recordings with WebVTT captions as supplementing annotations.
    const json collection = json::parse(read_file(dir / "site/collection.json"));
    ASSERT_EQ(collection["items"].size(), 3u);
    bool saw_model = false, saw_video = false;
    for (const json& entry : collection["items"]) {
        const std::string id = entry["id"];
        const std::string path = id.substr(std::string("https://museum.example/open/").size());
        const json m = json::parse(read_file(dir / "site" / path));
        const json& b = m["items"][0]["items"][0]["items"][0]["body"];
        if (b["type"] == "Model") {
            saw_model = true;
            EXPECT_EQ(b["format"], "model/gltf-binary");
            EXPECT_EQ(read_file(dir / "site" / std::string(b["id"]).substr(28)), "glTF fake");
        }
        if (b["type"] == "Video") {
            saw_video = true;
            const json& caption = m["items"][0]["annotations"][0]["items"][0];
            EXPECT_EQ(caption["motivation"], "supplementing");
            EXPECT_EQ(caption["body"]["format"], "text/vtt");
            EXPECT_EQ(caption["body"]["language"], "zh");
        }
    }
    EXPECT_TRUE(saw_model);
    EXPECT_TRUE(saw_video);

    // Nothing of the restricted item anywhere.
    const auto secret_items = archive->list_items();
    for (const Item& item : *secret_items) {
        if (item.access == Access::public_access) continue;
        EXPECT_FALSE(std::filesystem::exists(dir / "site/items" / item.uid));
        const auto assets = archive->assets(item.id);
        ASSERT_TRUE(assets);
        for (const Asset& asset : *assets) {
            EXPECT_FALSE(std::filesystem::exists(dir / "site/files" / (asset.sha256 + ".jpg")));
        }
    }
}

}  // namespace
}  // namespace wenyuan::test
