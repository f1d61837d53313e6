// File-type sniffing: crafted headers in memory, files on disk, and the shared real-world corpus.
#include "wenyuan/sniff.hpp"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <cstdio>
#include <map>
#include <string>

#include "test_support.hpp"

namespace wenyuan {
namespace {

using namespace std::string_literals;

Sniffed sniff(std::string_view bytes, std::string_view name = "",
              std::optional<std::uint64_t> size = {}) {
    return sniff_bytes(std::as_bytes(std::span(bytes.data(), bytes.size())), name, size);
}

std::string le32(std::uint32_t v) {
    return {static_cast<char>(v), static_cast<char>(v >> 8), static_cast<char>(v >> 16),
            static_cast<char>(v >> 24)};
}
std::string le16(std::uint32_t v) {
    return {static_cast<char>(v), static_cast<char>(v >> 8)};
}
std::string be32(std::uint32_t v) {
    return {static_cast<char>(v >> 24), static_cast<char>(v >> 16), static_cast<char>(v >> 8),
            static_cast<char>(v)};
}

// A ZIP local file header for `name` with `data` stored after it.
std::string zip_entry(std::string_view name, std::string_view data, std::uint16_t flags = 0) {
    return "PK\x03\x04\x14\0"s + le16(flags) + le16(0) + le32(0) + le32(0) +
           le32(static_cast<std::uint32_t>(data.size())) +
           le32(static_cast<std::uint32_t>(data.size())) +
           le16(static_cast<std::uint32_t>(name.size())) + le16(0) + std::string(name) +
           std::string(data);
}

// An Ogg beginning-of-stream page holding one packet.
std::string ogg_page(std::string_view packet, std::uint32_t serial) {
    return "OggS\0\x02"s + std::string(8, '\0') + le32(serial) + le32(0) + le32(0) + "\x01"s +
           static_cast<char>(packet.size()) + std::string(packet);
}

std::string ftyp(std::string_view major, std::string_view compatible = "isom") {
    return be32(static_cast<std::uint32_t>(16 + compatible.size())) + "ftyp" + std::string(major) +
           le32(0) + std::string(compatible) + be32(8) + "free";
}

// Two MPEG-1 layer III frames, 128 kbit/s at 44.1 kHz: 417 bytes each.
std::string mp3_frames() {
    std::string frame = "\xFF\xFB\x90\x00"s + std::string(413, '\x55');
    return frame + frame;
}

// Two AAC ADTS frames of 20 bytes.
std::string adts_frames() {
    std::string frame = "\xFF\xF1\x50\x80\x02\x9F\xFC"s + std::string(13, '\x21');
    return frame + frame;
}

std::string three_ds() {
    return "\x4D\x4D"s + le32(100) + le16(0x0002) + le32(10) + le32(3) + std::string(84, '\0');
}

std::string tga_header() {
    // No id, no colour map, uncompressed true colour, 2×2, 24 bits, then four pixels.
    return "\0\0\x02"s + std::string(9, '\0') + le16(2) + le16(2) + "\x18\x20"s +
           std::string(12, '\x7F');
}

struct Case {
    const char* what;
    std::string bytes;
    const char* name;
    const char* mime;
    const char* kind;
};

TEST(Sniff, CraftedHeaders) {
    const std::string ts_packet = "\x47"s + std::string(187, '\x11');
    const std::string bmp = "BM"s + le32(70) + le32(0) + le32(54) + le32(40) + le32(1) + le32(1) +
                            std::string(48, '\0');
    const std::string stl_binary =
        "solid but really binary" + std::string(57, ' ') + le32(2) + std::string(100, '\x01');
    const std::vector<Case> cases = {
        {"JPEG", "\xFF\xD8\xFF\xE0\0\x10JFIF\0"s, "", "image/jpeg", "image"},
        {"PNG", "\x89PNG\r\n\x1A\n\0\0\0\x0DIHDR"s, "", "image/png", "image"},
        {"GIF", "GIF89a\x01\0\x01\0"s, "", "image/gif", "image"},
        {"TIFF II", "II*\0\x08\0\0\0"s, "", "image/tiff", "image"},
        {"TIFF MM", "MM\0*\0\0\0\x08"s, "", "image/tiff", "image"},
        {"BigTIFF", "II+\0\x08\0\0\0"s, "", "image/tiff", "image"},
        {"DNG is a TIFF", "II*\0\x08\0\0\0"s, "IMG_0001.DNG", "image/x-adobe-dng", "image"},
        {"BMP", bmp, "", "image/bmp", "image"},
        {"WebP", "RIFF\x24\0\0\0WEBPVP8 "s, "", "image/webp", "image"},
        {"JP2", "\0\0\0\x0CjP  \r\n\x87\n\0\0\0\024ftypjp2 "s, "", "image/jp2", "image"},
        {"J2K codestream", "\xFF\x4F\xFF\x51\0\x2F"s, "", "image/x-jp2-codestream", "image"},
        {"HEIC", ftyp("heic", "mif1heic"), "", "image/heic", "image"},
        {"TGA by name", tga_header(), "duckCM.tga", "image/x-tga", "image"},
        {"PDF", "%PDF-1.7\n%\xE2\xE3\xCF\xD3\n"s, "", "application/pdf", "document"},
        {"ZIP", zip_entry("notes.txt", "hello"), "", "application/zip", "archive"},
        {"DOCX",
         zip_entry("[Content_Types].xml", "<Types/>") + zip_entry("word/document.xml", "<w/>"), "",
         "application/vnd.openxmlformats-officedocument.wordprocessingml.document", "document"},
        {"ZAE by name", zip_entry("manifest.xml", "", 0x08), "duck.zae", "model/vnd.collada+zip",
         "model"},
        {"ZAE by content", zip_entry("duck.dae", "<COLLADA/>"), "", "model/vnd.collada+zip",
         "model"},
        {"EPUB", zip_entry("mimetype", "application/epub+zip"), "", "application/epub+zip",
         "document"},
        {"MP4 isom", ftyp("isom", "isomiso2avc1mp41"), "", "video/mp4", "video"},
        {"MP4 mp42", ftyp("mp42", "mp42isom"), "", "video/mp4", "video"},
        {"M4A brand", ftyp("M4A ", "M4A isom"), "", "audio/mp4", "audio"},
        {"isom named .m4a", ftyp("isom"), "song.m4a", "audio/mp4", "audio"},
        {"MOV", ftyp("qt  ", "qt  "), "", "video/quicktime", "video"},
        {"MP4 with a 442-byte ftyp", "\0\0\1\272ftypisom"s + std::string(434, 'a'), "", "video/mp4",
         "video"},
        {"old MOV", be32(8) + "wide" + be32(100) + "mdat", "", "video/quicktime", "video"},
        {"3GP", ftyp("3gp5", "3gp5isom"), "", "video/3gpp", "video"},
        {"MKV", "\x1A\x45\xDF\xA3\xA3\x42\x86\x81\x01\x42\x82\x88matroska"s, "", "video/x-matroska",
         "video"},
        {"WebM", "\x1A\x45\xDF\xA3\x9F\x42\x86\x81\x01\x42\x82\x84webm"s, "", "video/webm",
         "video"},
        {"AVI", "RIFF\0\0\0\0AVI LIST"s, "", "video/x-msvideo", "video"},
        {"WAV", "RIFF\x24\0\0\0WAVEfmt "s, "", "audio/wav", "audio"},
        {"MP3 ID3", "ID3\x04\0\0\0\0\0\x0A"s + std::string(10, '\0') + "\xFF\xFB\x90\x00"s, "",
         "audio/mpeg", "audio"},
        {"MP3 frames", mp3_frames(), "", "audio/mpeg", "audio"},
        {"AAC ADTS", adts_frames(), "", "audio/aac", "audio"},
        {"FLAC", "fLaC\0\0\0\x22"s, "", "audio/flac", "audio"},
        {"Ogg Vorbis", ogg_page("\x01vorbis\0\0\0\0\x02", 1), "", "audio/ogg", "audio"},
        {"Ogg Opus", ogg_page("OpusHead\x01\x02", 1), "", "audio/opus", "audio"},
        {"Ogg Theora", ogg_page("\x80theora\x03\x02", 1) + ogg_page("\x01vorbis\0", 2), "clip.ogg",
         "video/ogg", "video"},
        {"AMR", "#!AMR\n\x3C"s, "", "audio/amr", "audio"},
        {"AMR-WB", "#!AMR-WB\n\x04"s, "", "audio/amr-wb", "audio"},
        {"MPEG-TS", ts_packet + ts_packet + ts_packet, "", "video/mp2t", "video"},
        {"MPEG-PS", "\0\0\x01\xBA\x44\0\x04\0\x04\x01"s, "", "video/mpeg", "video"},
        {"PLY ascii", "ply\nformat ascii 1.0\nelement vertex 8\n", "", "model/x-ply", "model"},
        {"PLY binary", "ply\r\nformat binary_little_endian 1.0\r\nend_header\r\n\x01\x02\x03"s, "",
         "model/x-ply", "model"},
        {"STL ascii", "solid cube\n  facet normal 0 0 1\n    outer loop\n", "", "model/stl",
         "model"},
        {"OBJ",
         "# Blender\nmtllib a.mtl\no Cube\nv 1 1 1\nv 1 -1 1\nvt 0 0\nvn 0 0 1\nusemtl m\ns off\nf "
         "1/1/1 2/1/1 1/1/1\n",
         "", "model/obj", "model"},
        {"MTL",
         "# materials\nnewmtl bronze\nKa 0.2 0.2 0.2\nKd 0.6 0.4 0.2\nmap_Kd 青铜.jpg\nillum 2\n",
         "", "model/mtl", "model"},
        {"glTF JSON",
         "{\n  \"asset\" : {\n    \"generator\" : \"x\",\n    \"version\" : \"2.0\"\n  },\n  "
         "\"scenes\": []\n}\n",
         "", "model/gltf+json", "model"},
        {"GLB", "glTF\x02\0\0\0\x40\0\0\0"s, "", "model/gltf-binary", "model"},
        {"FBX binary", "Kaydara FBX Binary  \0\x1A\0\xE8\x1C\0\0"s, "", "model/x-fbx", "model"},
        {"FBX ascii", "; FBX 7.4.0 project file\n; ----\n", "", "model/x-fbx", "model"},
        {"COLLADA",
         "<?xml version=\"1.0\"?>\n<!-- duck -->\n<COLLADA xmlns=\"x\" version=\"1.4.1\">\n", "",
         "model/vnd.collada+xml", "model"},
        {"3DS", three_ds(), "", "model/x-3ds", "model"},
        {"OFF", "OFF\n8 6 0\n-0.5 -0.5 0.5\n", "", "model/x-off", "model"},
        {"WebVTT", "\xEF\xBB\xBFWEBVTT\n\n00:00.000 --> 00:01.000\n你好\n"s, "", "text/vtt",
         "captions"},
        {"SRT", "1\r\n00:00:01,000 --> 00:00:04,000\r\n地球仪\r\n\r\n2\r\n", "",
         "application/x-subrip", "captions"},
        {"CSV without a name", "文件,名称\na.jpg,鼎\nb.jpg,壶\n", "", "text/csv", "text"},
        {"CSV by name", "just one line\n", "list.csv", "text/csv", "text"},
        {"TSV without a name", "a\tb\n1\t2\n", "", "text/tab-separated-values", "text"},
        {"plain text", "床前明月光，疑是地上霜。\n举头望明月，低头思故乡。\n", "", "text/plain",
         "text"},
        {"GBK text", "\xc7\xe0\xcd\xad\xc6\xf7\n"s, "", "text/plain", "text"},
        {"XML", "<?xml version=\"1.0\"?><catalog><item/></catalog>", "", "application/xml", "text"},
        {"SVG", "<svg xmlns=\"http://www.w3.org/2000/svg\"/>", "", "image/svg+xml", "image"},
        {"HTML", "<!DOCTYPE html>\n<html><body>x</body></html>", "", "text/html", "document"},
        {"JSON", "[{\"title\": \"静夜思\"}]", "", "application/json", "text"},
        {"unknown", "\x01\x02\x03\x04\x05\x06"s, "", "application/octet-stream", "other"},
    };
    for (const Case& c : cases) {
        const Sniffed sniffed = sniff(c.bytes, c.name);
        EXPECT_EQ(sniffed.mime, c.mime) << c.what;
        EXPECT_EQ(sniffed.kind, c.kind) << c.what;
        EXPECT_TRUE(sniffed.extension_agrees) << c.what;
    }
}

TEST(Sniff, BinaryStlNeedsTheSizeOrTheName) {
    const std::string stl =
        "solid but really binary" + std::string(57, ' ') + le32(2) + std::string(100, '\x01');
    EXPECT_EQ(sniff(stl, "", stl.size()).mime, "model/stl");
    EXPECT_EQ(sniff(stl, "", stl.size() + 1).mime, "application/octet-stream");
    EXPECT_EQ(sniff(stl, "part.STL").mime, "model/stl");
    EXPECT_EQ(sniff(stl, "").mime, "application/octet-stream");
}

TEST(Sniff, WeakSignaturesNeedConfirmation) {
    // One MPEG audio frame header whose next frame lies beyond the head: only a .mp3 name confirms
    // it.
    const std::string one_frame = "\xFF\xFB\x90\x00"s + std::string(16, '\0');
    EXPECT_EQ(sniff(one_frame).mime, "application/octet-stream");
    EXPECT_EQ(sniff(one_frame, "a.mp3").mime, "audio/mpeg");
    // A TGA header without the name is just bytes; named .tga with a nonsense header it is unknown.
    EXPECT_EQ(sniff(tga_header()).mime, "application/octet-stream");
    const Sniffed bad_tga = sniff("\0\x07\x63"s + std::string(20, '\x03'), "x.tga");
    EXPECT_EQ(bad_tga.mime, "application/octet-stream");
    EXPECT_FALSE(bad_tga.extension_agrees);
    // Two sync bytes are not a transport stream; "G" starts plenty of text.
    EXPECT_EQ(sniff("\x47"s + std::string(187, 'a') + "\x47" + std::string(10, 'b')).mime,
              "text/plain");
    // Prose starting with OFF is not a mesh.
    EXPECT_EQ(sniff("OFF season notes\n").mime, "text/plain");
}

TEST(Sniff, ExtensionAgreement) {
    const std::string png = "\x89PNG\r\n\x1A\n\0\0\0\x0DIHDR"s;
    const Sniffed misnamed = sniff(png, "青铜器.JPG");
    EXPECT_EQ(misnamed.mime, "image/png");
    EXPECT_EQ(misnamed.kind, "image");
    EXPECT_EQ(misnamed.extension_mime, "image/jpeg");
    EXPECT_FALSE(misnamed.extension_agrees);

    const Sniffed text_as_jpeg = sniff("这不是图片\n", "photo.jpg");
    EXPECT_EQ(text_as_jpeg.mime, "text/plain");
    EXPECT_FALSE(text_as_jpeg.extension_agrees);

    for (const char* name :
         {"a/b/青铜器.PNG", "青铜器．ＰＮＧ", ".png", "png", "PNG", "x.tar.Png"}) {
        const Sniffed sniffed = sniff(png, name);
        EXPECT_EQ(sniffed.extension_mime, "image/png") << name;
        EXPECT_TRUE(sniffed.extension_agrees) << name;
    }
    const Sniffed unnamed = sniff(png, "");
    EXPECT_EQ(unnamed.extension_mime, "");
    EXPECT_TRUE(unnamed.extension_agrees);
    const Sniffed unknown_extension = sniff(png, "scan.xyz123");
    EXPECT_EQ(unknown_extension.extension_mime, "");
    EXPECT_TRUE(unknown_extension.extension_agrees);

    // A more general extension agrees; a sibling does not.
    EXPECT_TRUE(
        sniff(zip_entry("[Content_Types].xml", "") + zip_entry("word/a.xml", ""), "report.zip")
            .extension_agrees);
    EXPECT_TRUE(sniff("<COLLADA version=\"1.4.1\">", "duck.xml").extension_agrees);
    EXPECT_TRUE(sniff("v 1 2 3\nf 1 1 1\n", "mesh.txt").extension_agrees);
    EXPECT_TRUE(sniff(ogg_page("\x80theora", 1), "clip.ogg").extension_agrees);
    const Sniffed vtt_as_srt = sniff("WEBVTT\n\n00:00.000 --> 00:01.000\nhi\n", "captions.srt");
    EXPECT_EQ(vtt_as_srt.mime, "text/vtt");
    EXPECT_FALSE(vtt_as_srt.extension_agrees);
    EXPECT_FALSE(sniff(mp3_frames(), "song.wav").extension_agrees);
    // Where the bytes are ambiguous text, the extension decides.
    EXPECT_EQ(sniff("just text\n", "notes.md").mime, "text/markdown");
    EXPECT_EQ(sniff("something\n", "subs.srt").mime, "application/x-subrip");
    EXPECT_EQ(sniff("<root/>", "model.dae").mime, "model/vnd.collada+xml");
    // A .bin name promises nothing.
    EXPECT_TRUE(sniff(png, "buffer.bin").extension_agrees);

    const Sniffed empty = sniff("", "scan.jpg");
    EXPECT_EQ(empty.mime, "application/x-empty");
    EXPECT_EQ(empty.kind, "other");
    EXPECT_FALSE(empty.extension_agrees);
}

TEST(Sniff, Lookups) {
    EXPECT_EQ(mime_for_extension("古籍.PDF"), "application/pdf");
    EXPECT_EQ(mime_for_extension(".zae"), "model/vnd.collada+zip");
    EXPECT_EQ(mime_for_extension("m4a"), "audio/mp4");
    EXPECT_EQ(mime_for_extension("noext/"), "");
    EXPECT_EQ(mime_for_extension("a.x y"), "");
    EXPECT_EQ(kind_for_mime("text/vtt"), "captions");
    EXPECT_EQ(kind_for_mime("model/vnd.collada+zip"), "model");
    EXPECT_EQ(kind_for_mime("application/x-nonsense"), "other");
}

TEST(SniffFile, FilesOnDisk) {
    test::TempDir dir;
    const std::string png = "\x89PNG\r\n\x1A\n\0\0\0\x0DIHDR"s + std::string(100, '\0');
    test::write_file(dir / "青铜器.JPG", png);
    const auto misnamed = sniff_file(dir / "青铜器.JPG");
    ASSERT_TRUE(misnamed) << misnamed.error().message;
    EXPECT_EQ(misnamed->mime, "image/png");
    EXPECT_EQ(misnamed->extension_mime, "image/jpeg");
    EXPECT_FALSE(misnamed->extension_agrees);

    // Binary STL: sniff_file knows the size, so no name is needed.
    const std::string stl = std::string(80, '\0') + le32(3) + std::string(150, '\x02');
    test::write_file(dir / "扫描件", stl);
    EXPECT_EQ(sniff_file(dir / "扫描件")->mime, "model/stl");

    // More text than is read: the cut-off last line does not matter.
    std::string obj = "# big scan\n";
    while (obj.size() < 3 * kSniffBytes) obj += "v 0.123456 1.234567 2.345678\n";
    test::write_file(dir / "scan.data", obj);
    EXPECT_EQ(sniff_file(dir / "scan.data")->mime, "model/obj");

    test::write_file(dir / "empty.jpg", "");
    const auto empty = sniff_file(dir / "empty.jpg");
    ASSERT_TRUE(empty);
    EXPECT_EQ(empty->mime, "application/x-empty");
    EXPECT_EQ(empty->kind, "other");
    EXPECT_FALSE(empty->extension_agrees);

    const auto folder = sniff_file(dir.path());
    ASSERT_FALSE(folder);
    EXPECT_EQ(folder.error().code, Errc::invalid_argument);
    EXPECT_EQ(folder.error().message, "sniff: " + dir.path().string() + ": a folder, not a file");

    const auto missing = sniff_file(dir / "none.png");
    ASSERT_FALSE(missing);
    EXPECT_EQ(missing.error().code, Errc::not_found);
    EXPECT_EQ(missing.error().message, "sniff: " + (dir / "none.png").string() + ": no such file");

    ASSERT_EQ(::mkfifo((dir / "pipe.jpg").c_str(), 0600), 0);
    const auto pipe = sniff_file(dir / "pipe.jpg");
    ASSERT_FALSE(pipe);
    EXPECT_EQ(pipe.error().code, Errc::unsupported);
}

TEST(SniffFile, SharedCorpusSniffsAsItsExtensionSays) {
    const auto root = test::shared_data("");
    if (!std::filesystem::is_directory(root)) GTEST_SKIP() << "no shared data at " << root;
    std::map<std::string, std::size_t> kinds;
    std::size_t checked = 0;
    std::printf("%-9s %-30s %-28s %s\n", "kind", "mime", "extension says", "file");
    for (const auto& entry : std::filesystem::recursive_directory_iterator(root)) {
        if (!entry.is_regular_file()) continue;
        const auto sniffed = sniff_file(entry.path());
        ASSERT_TRUE(sniffed) << sniffed.error().message;
        const auto relative = entry.path().lexically_relative(root).string();
        if (relative.find("behaim_globe_1492/") == std::string::npos) {
            std::printf("%-9s %-30s %-28s %s\n", sniffed->kind.c_str(), sniffed->mime.c_str(),
                        sniffed->extension_mime.c_str(), relative.c_str());
        }
        ++kinds[sniffed->kind];
        if (sniffed->extension_mime.empty()) continue;
        ++checked;
        if (sniffed->extension_mime == "application/ogg") {  // .ogg holds audio or video
            EXPECT_TRUE(sniffed->kind == "audio" || sniffed->kind == "video") << relative;
        } else {
            EXPECT_EQ(sniffed->kind, kind_for_mime(sniffed->extension_mime)) << relative;
        }
        EXPECT_TRUE(sniffed->extension_agrees) << relative << ": " << sniffed->mime;
    }
    for (const char* kind : {"image", "model", "video", "audio", "text", "captions"}) {
        EXPECT_GT(kinds[kind], 0u) << kind;
    }
    EXPECT_GT(checked, 100u);
}

}  // namespace
}  // namespace wenyuan
