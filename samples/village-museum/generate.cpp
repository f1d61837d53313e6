// Writes the source files of the village-museum sample: pictures drawn by code, texts, a lathe
// model and a synthesised opera excerpt, next to manifest.csv. Nothing is downloaded.
//
// usage: generate_village_sources <out-dir> <manifest.csv>
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <functional>
#include <random>
#include <string>
#include <vector>

#include "canvas.hpp"
#include "exhibits.hpp"

namespace {

namespace fs = std::filesystem;
using sample::Canvas;
using sample::Rgb;
using sample::in_ellipse;
using sample::mix;

void bronze_ding(const fs::path& file) {
    Canvas c(1200, 900, {0, 0, 0});
    c.vertical_gradient({236, 231, 220}, {200, 192, 178});
    const Rgb bronze{86, 110, 86}, dark{48, 66, 54};
    auto patina = [&](double x, double y) { return mix(bronze, dark, 0.5 + 0.5 * std::sin(x * 0.05 + y * 0.03)); };
    c.fill([](double x, double y) { return in_ellipse(x, y, 600, 470, 300, 230) && y > 330; }, patina);           // belly
    c.fill([](double x, double y) { return y > 318 && y < 346 && x > 290 && x < 910; }, [&](double, double) { return dark; });  // rim
    for (double lx : {420.0, 600.0, 780.0})                                                                          // legs
        c.fill([lx](double x, double y) { return y > 640 && y < 800 && std::fabs(x - lx) < 26 - (y - 640) * 0.05; }, patina);
    for (double hx : {380.0, 820.0})                                                                                 // handles
        c.fill([hx](double x, double y) { return in_ellipse(x, y, hx, 270, 46, 60) && !in_ellipse(x, y, hx, 275, 26, 40); }, patina);
    c.fill([](double x, double y) { return y > 380 && y < 410 && in_ellipse(x, y, 600, 470, 296, 230); },          // pattern band
           [&](double x, double) { return static_cast<int>(x / 18) % 2 ? dark : Rgb{120, 140, 110}; });
    c.save_bmp(file);
}

void celadon_bowl(const fs::path& file) {
    Canvas c(1000, 800, {0, 0, 0});
    c.vertical_gradient({244, 241, 234}, {214, 208, 196});
    const Rgb glaze{150, 184, 160}, deep{104, 140, 120};
    c.fill([](double x, double y) { return in_ellipse(x, y, 500, 330, 330, 380) && y > 330 && y < 620; },
           [&](double x, double y) { return mix(glaze, deep, std::fabs(x - 500) / 360 + (y - 330) / 1200); });
    c.fill([](double x, double y) { return in_ellipse(x, y, 500, 330, 330, 60); }, [&](double, double) { return Rgb{170, 200, 176}; });
    c.fill([](double x, double y) { return y >= 620 && y < 660 && std::fabs(x - 500) < 110; }, [&](double, double) { return deep; });
    for (int petal = 0; petal < 9; ++petal) {  // carved lotus petals
        const double px = 250 + petal * 62.5;
        c.fill([px](double x, double y) { return in_ellipse(x, y, px, 500, 26, 80) && !in_ellipse(x, y, px, 500, 20, 72); },
               [&](double, double) { return deep; });
    }
    c.save_bmp(file);
}

void stele_rubbing(const fs::path& file) {
    Canvas c(900, 1400, {22, 22, 24});
    std::mt19937 random(1886);
    for (int col = 0; col < 12; ++col) {  // columns of "characters", read top to bottom, right to left
        for (int row = 0; row < 20; ++row) {
            if (random() % 11 == 0) continue;
            const int x0 = 800 - col * 62, y0 = 140 + row * 58;
            for (int stroke = 0; stroke < 5; ++stroke) {
                const bool across = random() % 2;
                const int sx = x0 + static_cast<int>(random() % 30), sy = y0 + static_cast<int>(random() % 30);
                for (int t = 0; t < 24; ++t)
                    for (int k = 0; k < 5; ++k) c.set(across ? sx + t - 12 : sx + k, across ? sy + k : sy + t - 12, {226, 222, 214});
            }
        }
    }
    std::normal_distribution<double> grain(0, 9);
    for (int y = 0; y < c.height(); ++y)
        for (int x = 0; x < c.width(); ++x) {
            const Rgb p = c.get(x, y);
            const int n = static_cast<int>(grain(random));
            auto clamp = [](int v) { return static_cast<std::uint8_t>(std::clamp(v, 0, 255)); };
            c.set(x, y, {clamp(p.r + n), clamp(p.g + n), clamp(p.b + n)});
        }
    c.save_bmp(file);
}

void factory(const fs::path& file) {
    Canvas c(1600, 900, {0, 0, 0});
    c.vertical_gradient({168, 196, 214}, {232, 226, 210});
    const Rgb brick{150, 70, 52}, roof{72, 76, 82}, glass{190, 210, 220};
    c.fill([](double, double y) { return y > 760; }, [](double, double) { return Rgb{120, 116, 100}; });
    c.fill([](double x, double y) { return x > 160 && x < 1440 && y > 420 && y <= 760; }, [&](double x, double y) {
        return (static_cast<int>(y) % 24 < 2 || static_cast<int>(x + (static_cast<int>(y) / 24 % 2) * 20) % 40 < 2) ? Rgb{200, 190, 176} : brick;
    });
    for (int tooth = 0; tooth < 8; ++tooth) {  // the saw-tooth roof
        const double x0 = 160 + tooth * 160;
        c.fill([x0](double x, double y) { return x >= x0 && x < x0 + 160 && y <= 420 && y > 420 - (x - x0) * 0.9; }, [&](double, double) { return roof; });
        c.fill([x0](double x, double y) { return x >= x0 + 150 && x < x0 + 160 && y <= 420 && y > 276; }, [&](double, double) { return glass; });
    }
    for (int w = 0; w < 10; ++w) c.fill([w](double x, double y) { return x > 220 + w * 122 && x < 290 + w * 122 && y > 500 && y < 640; }, [&](double, double) { return glass; });
    c.fill([](double x, double y) { return x > 1300 && x < 1350 && y > 120 && y <= 420; }, [&](double, double) { return brick; });  // chimney
    c.fill([](double x, double y) { return y > 450 && y < 490 && x > 640 && x < 960; }, [](double, double) { return Rgb{183, 53, 43}; });  // red sign
    c.save_bmp(file);
}

void embroidery(const fs::path& file) {
    Canvas c(1000, 1000, {0, 0, 0});
    c.fill([](double, double) { return true; }, [](double x, double y) {  // satin sheen
        return mix({236, 226, 200}, {250, 244, 228}, 0.5 + 0.5 * std::sin((x + y) * 0.02));
    });
    for (int petal = 0; petal < 8; ++petal) {  // a peony
        const double a = petal * M_PI / 4;
        c.fill([a](double x, double y) { return in_ellipse(x, y, 500 + std::cos(a) * 120, 420 + std::sin(a) * 120, 110, 110); },
               [a](double x, double y) { return mix({183, 53, 43}, {236, 120, 130}, 0.5 + 0.5 * std::sin(x * 0.2 + y * 0.2 + a)); });
    }
    c.fill([](double x, double y) { return in_ellipse(x, y, 500, 420, 70, 70); }, [](double, double) { return Rgb{230, 190, 60}; });
    c.fill([](double x, double y) { return std::fabs(x - 500 - (y - 540) * 0.2) < 10 && y > 540 && y < 900; }, [](double, double) { return Rgb{60, 110, 60}; });
    for (double side : {-1.0, 1.0})
        c.fill([side](double x, double y) { return in_ellipse(x, y, 500 + side * 110, 720, 100, 40); }, [](double x, double) {
            return mix({60, 110, 60}, {120, 170, 90}, 0.5 + 0.5 * std::sin(x * 0.3));
        });
    c.save_bmp(file);
}

// A lathe from boxes and a cylinder, in metres (bed 2.1 m long).
void lathe(const fs::path& file) {
    std::ofstream out(file);
    out << "# C616 lathe, generated by the Wenyuan sample generator\no lathe\n";
    int base = 1;
    auto box = [&](const char* name, double x0, double y0, double z0, double x1, double y1, double z1) {
        out << "g " << name << "\n";
        for (int i = 0; i < 8; ++i) out << "v " << (i & 1 ? x1 : x0) << ' ' << (i & 2 ? y1 : y0) << ' ' << (i & 4 ? z1 : z0) << "\n";
        const int f[6][4] = {{0, 2, 3, 1}, {4, 5, 7, 6}, {0, 1, 5, 4}, {2, 6, 7, 3}, {0, 4, 6, 2}, {1, 3, 7, 5}};
        for (const auto& q : f) out << "f " << base + q[0] << ' ' << base + q[1] << ' ' << base + q[2] << ' ' << base + q[3] << "\n";
        base += 8;
    };
    box("legs_left", 0.05, 0, 0.05, 0.35, 0.75, 0.45);
    box("legs_right", 1.75, 0, 0.05, 2.05, 0.75, 0.45);
    box("bed", 0, 0.75, 0.1, 2.1, 0.95, 0.4);
    box("headstock", 0, 0.95, 0.05, 0.45, 1.35, 0.45);
    box("tailstock", 1.7, 0.95, 0.12, 1.95, 1.2, 0.38);
    box("carriage", 0.9, 0.95, 0.0, 1.2, 1.05, 0.5);
    out << "g chuck\n";
    const int segments = 24;
    for (int i = 0; i < segments; ++i) {
        const double a = 2 * M_PI * i / segments;
        for (double x : {0.45, 0.6}) out << "v " << x << ' ' << 1.15 + 0.12 * std::cos(a) << ' ' << 0.25 + 0.12 * std::sin(a) << "\n";
    }
    for (int i = 0; i < segments; ++i) {
        const int a = base + 2 * i, b = base + 2 * ((i + 1) % segments);
        out << "f " << a << ' ' << b << ' ' << b + 1 << ' ' << a + 1 << "\n";
    }
}

// Eight seconds of a pentatonic line over woodblock beats: a stand-in for an opera recording.
void opera_wav(const fs::path& file) {
    const int rate = 22050, seconds = 8;
    std::vector<std::int16_t> samples(static_cast<size_t>(rate * seconds));
    const double notes[] = {392.0, 440.0, 523.25, 587.33, 523.25, 440.0, 392.0, 329.63};
    for (size_t i = 0; i < samples.size(); ++i) {
        const double t = static_cast<double>(i) / rate;
        const int note = static_cast<int>(t) % 8;
        const double local = t - std::floor(t);
        double v = 0.35 * std::sin(2 * M_PI * notes[note] * t + 0.4 * std::sin(2 * M_PI * 5.5 * t)) * std::min(1.0, local * 8) * (1.1 - local);
        const double beat = std::fmod(t, 0.5);
        v += 0.5 * std::exp(-beat * 60) * std::sin(2 * M_PI * 1800 * beat);
        samples[i] = static_cast<std::int16_t>(std::clamp(v, -1.0, 1.0) * 30000);
    }
    std::ofstream out(file, std::ios::binary);
    auto put = [&](std::uint32_t v, int bytes) { for (int i = 0; i < bytes; ++i) out.put(static_cast<char>(v >> (8 * i))); };
    const std::uint32_t data = static_cast<std::uint32_t>(samples.size() * 2);
    out << "RIFF"; put(36 + data, 4); out << "WAVEfmt "; put(16, 4); put(1, 2); put(1, 2); put(rate, 4);
    put(rate * 2, 4); put(2, 2); put(16, 2); out << "data"; put(data, 4);
    out.write(reinterpret_cast<const char*>(samples.data()), static_cast<std::streamsize>(data));
}

// The stage video's raw frames; build_archive.cmake passes the same numbers to ffmpeg.
constexpr int kVideoWidth = 640, kVideoHeight = 360, kVideoFps = 12, kVideoSeconds = 8;

void text(const fs::path& file, const char* body) { std::ofstream(file) << body; }

}  // namespace

int main(int argc, char** argv) {
    if (argc != 3) {
        std::fprintf(stderr, "usage: %s <out-dir> <manifest.csv>\n", argv[0]);
        return 2;
    }
    const fs::path out = argv[1];
    for (const char* sub : {"images", "texts", "models", "models/kiln", "audio", "video"}) fs::create_directories(out / sub);
    fs::copy_file(argv[2], out / "manifest.csv", fs::copy_options::overwrite_existing);
    bronze_ding(out / "images/bronze_ding.bmp");
    celadon_bowl(out / "images/celadon_bowl.bmp");
    stele_rubbing(out / "images/stele_rubbing.bmp");
    factory(out / "images/red_star_factory.bmp");
    embroidery(out / "images/shu_embroidery.bmp");
    lathe(out / "models/lathe.obj");
    opera_wav(out / "audio/sichuan_opera_excerpt.wav");
    sample::old_photo(out / "images/reservoir_1958.bmp");
    sample::chronicle_scan(out / "images/chronicle_1958_page.bmp");
    sample::lathe_blueprint(out / "images/c616_blueprint.bmp");
    sample::kiln_section(out / "images/kiln_section.bmp");
    sample::kiln_model(out / "models/kiln");
    // Encoded to MP4 with the opera excerpt as its sound by build_archive.cmake (ffmpeg CLI).
    sample::opera_stage_frames(out / "video/opera_stage.rgb", kVideoWidth, kVideoHeight, kVideoFps, kVideoSeconds);
    sample::opera_stage_captions(out / "video/opera_stage");
    if (!sample::spoken_narration(out / "audio/village_narration.wav", out / "audio/village_narration")) {
        std::printf("espeak-ng is not installed: the narration is a synthesised stand-in\n");
        sample::narration_wav(out / "audio/village_narration.wav");
        sample::narration_captions(out / "audio/village_narration");
    }
    text(out / "texts/village_chronicle_1958.txt",
         "青石村志·一九五八年纪事\n\n"
         "是年春，全村劳力分三班上工地，在村北山坳修筑青石水库。男社员挑土筑坝，妇女运石，老人孩子送茶送饭。\n"
         "秋收后办起公共食堂，设在龙王庙旧址。冬月，水库大坝合龙，可灌溉农田八百余亩。\n\n"
         "Spring that year, the whole village worked in three shifts to build the Qingshi reservoir in the valley north of the village.\n");
    text(out / "texts/factory_oral_history.txt",
         "采访对象：李桂兰（1944年生），红星机械厂车工\n采访时间：2019年6月\n\n"
         "问：您是哪一年进厂的？\n答：一九六二年，十八岁。那时候厂里三班倒，我开的就是那台C616车床。\n"
         "问：厂里最难忘的事？\n答：技术比武，我车的水泵轴公差最小，厂长发了一个搪瓷缸子，现在还留着。\n");
    text(out / "texts/inheritor_chen_xiuying.txt",
         "陈秀英，1951年生于青石村，县级蜀绣代表性传承人。十四岁随母学绣，擅长“晕针”和“滚针”，\n"
         "代表作《芙蓉鲤鱼》。2010年牵头成立青石村绣娘合作社，先后带出徒弟三十余人。\n");
    text(out / "texts/ledger_internal.txt", "村集体工分账册（1962年）摘录。含社员个人信息，仅供内部研究，不对外展示。\n");
    std::printf("sample sources written to %s\n", out.c_str());
    return 0;
}
