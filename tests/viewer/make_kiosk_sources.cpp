// Writes the source files of the kiosk test archive: pictures drawn by code (JPEG through
// TurboJPEG; one of 6000 × 4000 px so that it gets deep-zoom tiles), a turned-vessel model (PLY),
// WebVTT captions for a clip that kiosk_archive.cmake makes with ffmpeg, the manifest and an
// exhibition. Titles use 鼎 瓷 饕餮 敦, which ImGui's built-in Chinese range lacks.
//   make_kiosk_sources <folder>
#include <turbojpeg.h>

#include <array>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

namespace fs = std::filesystem;

namespace {

struct Colour {
    double r, g, b;
};

/// A picture: a warm ground, a vessel-like silhouette, bands of pattern; seeded by `seed`.
void write_picture(const fs::path& file, int width, int height, Colour ground, Colour body, int seed) {
    std::vector<unsigned char> rgb(std::size_t(width) * height * 3);
    const double cx = width * 0.5, cy = height * 0.55;
    const double rx = width * 0.28, ry = height * 0.36;
    for (int y = 0; y < height; ++y) {
        for (int x = 0; x < width; ++x) {
            const double u = (x - cx) / rx, v = (y - cy) / ry;
            const double inside = u * u + v * v;
            Colour c = ground;
            const double shade = 0.92 + 0.08 * std::sin((x + y * 0.5) * 0.002 * (seed + 1));
            if (inside < 1.0) {
                const double band = std::sin(v * 18.0 + seed) > 0.6 ? 0.75 : 1.0;
                const double light = 0.7 + 0.3 * (1.0 - u) * 0.5;
                const double fine = 0.9 + 0.1 * std::sin(x * 0.15) * std::sin(y * 0.15);
                c = {body.r * band * light * fine, body.g * band * light * fine, body.b * band * light * fine};
            } else {
                c = {c.r * shade, c.g * shade, c.b * shade};
            }
            unsigned char* p = &rgb[(std::size_t(y) * width + x) * 3];
            p[0] = static_cast<unsigned char>(std::fmin(255.0, c.r));
            p[1] = static_cast<unsigned char>(std::fmin(255.0, c.g));
            p[2] = static_cast<unsigned char>(std::fmin(255.0, c.b));
        }
    }
    tjhandle handle = tjInitCompress();
    unsigned char* jpeg = nullptr;
    unsigned long size = 0;
    tjCompress2(handle, rgb.data(), width, 0, height, TJPF_RGB, &jpeg, &size, TJSAMP_420, 88, 0);
    std::ofstream(file, std::ios::binary).write(reinterpret_cast<const char*>(jpeg), std::streamsize(size));
    tjFree(jpeg);
    tjDestroy(handle);
}

/// A vessel turned around the y axis, with vertex colours: 48 × 40 quads.
void write_vessel(const fs::path& file) {
    const int around = 48, along = 40;
    std::vector<std::array<double, 6>> vertices;
    for (int j = 0; j <= along; ++j) {
        const double t = double(j) / along;
        const double radius = 0.25 + 0.18 * std::sin(t * 3.14159 * 1.2) + 0.05 * std::cos(t * 12);
        for (int i = 0; i < around; ++i) {
            const double a = 2 * 3.14159265 * i / around;
            vertices.push_back({radius * std::cos(a), t - 0.5, radius * std::sin(a), 120 + 80 * t, 90 + 40 * t, 60});
        }
    }
    std::ofstream out(file);
    out << "ply\nformat ascii 1.0\nelement vertex " << vertices.size()
        << "\nproperty float x\nproperty float y\nproperty float z\nproperty uchar red\nproperty uchar green\nproperty uchar blue\n"
        << "element face " << along * around * 2 << "\nproperty list uchar int vertex_indices\nend_header\n";
    for (const auto& v : vertices) out << v[0] << ' ' << v[1] << ' ' << v[2] << ' ' << int(v[3]) << ' ' << int(v[4]) << ' ' << int(v[5]) << '\n';
    for (int j = 0; j < along; ++j) {
        for (int i = 0; i < around; ++i) {
            const int a = j * around + i, b = j * around + (i + 1) % around, c = a + around, d = b + around;
            out << "3 " << a << ' ' << c << ' ' << b << "\n3 " << b << ' ' << c << ' ' << d << '\n';
        }
    }
}

void write_text(const fs::path& file, const std::string& text) { std::ofstream(file, std::ios::binary) << text; }

}  // namespace

int main(int argc, char** argv) {
    if (argc != 2) {
        std::fprintf(stderr, "usage: make_kiosk_sources <folder>\n");
        return 2;
    }
    const fs::path out = argv[1];
    fs::create_directories(out);
    write_picture(out / "ding.jpg", 1600, 1200, {236, 229, 214}, {92, 110, 86}, 1);
    write_picture(out / "bowl.jpg", 1400, 1050, {240, 236, 226}, {126, 168, 150}, 2);
    write_picture(out / "dun.jpg", 1200, 1200, {228, 220, 204}, {110, 92, 70}, 3);
    write_picture(out / "scroll.jpg", 6000, 4000, {232, 224, 200}, {150, 60, 45}, 4);
    write_picture(out / "workshop.jpg", 1600, 900, {210, 214, 218}, {80, 80, 96}, 5);
    write_vessel(out / "vessel.ply");
    write_text(out / "clip.zh.vtt",
               "WEBVTT\n\n00:00:00.000 --> 00:00:02.000\n老师傅在车床前讲解工艺\n\n"
               "00:00:02.000 --> 00:00:04.000\n这台车床用了三十多年\n");
    write_text(out / "manifest.csv",
               "file,key,type,title,title_en,description,description_en,period,date,material,place,access,keywords,collection,segments\n"
               "ding.jpg,T-DING,relic,西周青铜鼎,Western Zhou bronze ding,三足圆鼎，口沿下饰一周窃曲纹，腹部有烟炱痕迹。1973年村民修水渠时出土。,"
               "A round three-legged bronze ding found in 1973.,西周,约公元前900年,青铜,村东台地,public,鼎; 青铜,村史馆,\n"
               "bowl.jpg,T-BOWL,relic,宋代青瓷碗,Song celadon bowl,敞口斜腹，通体施青釉，釉色莹润，外壁刻莲瓣纹。,A celadon bowl with carved lotus petals.,"
               "南宋,1150年前后,瓷,张家老宅,public,瓷; 青瓷,村史馆,\n"
               "dun.jpg,T-DUN,relic,饕餮纹铜敦,Bronze dui with taotie masks,器身饰饕餮纹，盖可却置。,A bronze food vessel with taotie masks.,"
               "战国,,青铜,村东台地,public,敦; 饕餮,村史馆,\n"
               "scroll.jpg,T-SCROLL,document,青石村全图,Map of Qingshi village,清代绘制的村落全图，绘有水渠、祠堂与龙王庙。,"
               "A Qing map of the village with its channels and temple.,清,光绪年间,纸,青石村,public,地图; 水渠,村史馆,\n"
               "workshop.jpg,T-SHOP,industrial_site,红星机械厂旧厂房,Red Star works workshop,建于1958年的锯齿形屋顶车间。,"
               "A saw-tooth-roofed workshop built in 1958.,中华人民共和国,1958年,砖,县城北郊,public,工业遗产,老厂记忆,\n"
               "vessel.ply,T-VESSEL,industrial_object,铸铁花瓶模型,Cast-iron vase model,厂里翻砂车间的练习作品，扫描为三维模型。,"
               "A foundry apprentice piece scanned in 3D.,中华人民共和国,1970年代,铸铁,红星机械厂,public,三维; 铸造,老厂记忆,\n"
               "clip.mp4,T-CLIP,story,车床师傅的一天,A day with the lathe master,老师傅讲解车床操作的录像，配有字幕。,"
               "A video of the lathe master with captions.,中华人民共和国,2019年,,红星机械厂,public,录像; 车床,老厂记忆,\"0:00-0:02 开机讲解; 0:02-0:04 三十年的老车床\"\n");
    write_text(out / "village.json", R"({
  "id": "cunshiguan",
  "title": "村史馆",
  "title_en": "Village history hall",
  "intro": "从西周青铜鼎到清代村图，看青石村三千年的变迁。",
  "intro_en": "Three thousand years of Qingshi village.",
  "cover": "T-DING",
  "languages": ["zh", "en"],
  "sections": [
    {"title": "青铜与瓷", "title_en": "Bronze and porcelain", "exhibits": [
      {"item": "T-DING", "caption": "村里年代最早的文物"},
      {"item": "T-BOWL", "caption": "张氏后人捐赠"},
      {"item": "T-DUN"}]},
    {"title": "村落与水利", "title_en": "The village and its water", "exhibits": [
      {"item": "T-SCROLL", "caption": "放大看水渠与祠堂"}]}
  ],
  "tours": [{"title": "十分钟导览", "title_en": "A ten-minute tour", "stops": [
    {"item": "T-DING", "narration": "这件青铜鼎是1973年修水渠时挖出来的。"},
    {"item": "T-SCROLL", "narration": "村图上能找到今天的水渠。"}]}]
}
)");
    write_text(out / "factory.json", R"({
  "id": "laochangjiyi",
  "title": "老厂记忆",
  "title_en": "Memories of the old works",
  "intro": "红星机械厂的厂房、机器和人。",
  "intro_en": "The Red Star works: its halls, machines and people.",
  "cover": "T-SHOP",
  "sections": [
    {"title": "厂房与机器", "exhibits": [
      {"item": "T-SHOP"}, {"item": "T-VESSEL", "caption": "可以旋转查看"}, {"item": "T-CLIP", "segment": 2, "caption": "带字幕的录像"}]}
  ]
}
)");
    return 0;
}
