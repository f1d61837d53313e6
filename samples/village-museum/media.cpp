// Recordings for the exhibitions: frames of a figure on a village opera stage (encoded by the
// ffmpeg CLI at build time, with the synthesised opera excerpt as its sound), their captions, and
// a narration stand-in with captions.
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <cstring>
#include <iterator>
#include <string>

#include "canvas.hpp"
#include "exhibits.hpp"

namespace sample {
namespace {

void write_wav(const fs::path& file, const std::vector<std::int16_t>& samples, int rate) {
    std::ofstream out(file, std::ios::binary);
    auto put = [&](std::uint32_t v, int bytes) {
        for (int i = 0; i < bytes; ++i) out.put(static_cast<char>(v >> (8 * i)));
    };
    const auto data = static_cast<std::uint32_t>(samples.size() * 2);
    out << "RIFF";
    put(36 + data, 4);
    out << "WAVEfmt ";
    put(16, 4);
    put(1, 2);
    put(1, 2);
    put(static_cast<std::uint32_t>(rate), 4);
    put(static_cast<std::uint32_t>(rate * 2), 4);
    put(2, 2);
    put(16, 2);
    out << "data";
    put(data, 4);
    out.write(reinterpret_cast<const char*>(samples.data()), static_cast<std::streamsize>(data));
}

/// One frame at time `t` seconds: curtains, a painted backdrop, the stage floor, a lantern, and a
/// performer in a red robe whose water sleeves (水袖) swing as she crosses the stage.
void stage_frame(Canvas& c, double t, double seconds) {
    const double w = c.width(), h = c.height();
    c.fill([](double, double) { return true; }, [&](double x, double y) {
        if (y > h * 0.78) return mix({120, 84, 52}, {80, 54, 34}, (y - h * 0.78) / (h * 0.22));  // the boards
        const double hills = h * 0.5 + h * 0.06 * std::sin(x / w * 9 + 1);
        return y > hills ? mix({84, 120, 100}, {60, 90, 76}, (y - hills) / h) : mix({214, 200, 168}, {190, 176, 140}, y / h);
    });
    const double sway = std::sin(t * 1.3) * 6;
    for (double side : {0.0, 1.0}) {  // the red curtains with their folds
        c.fill([&](double x, double y) { return side ? x > w * 0.86 + sway - y * 0.03 : x < w * 0.14 + sway + y * 0.03; },
               [&](double x, double) { return mix({150, 24, 30}, {200, 40, 44}, 0.5 + 0.5 * std::sin(x * 0.35)); });
    }
    c.fill([&](double, double y) { return y < h * 0.1; }, [&](double x, double) {
        return static_cast<int>(x / 24) % 2 ? Rgb{190, 150, 40} : Rgb{160, 30, 34};
    });
    const double lx = w * 0.72 + std::sin(t * 2) * 4;  // a lantern
    c.line(lx, h * 0.1, lx, h * 0.2, 1, {40, 30, 20});
    c.fill([&](double x, double y) { return in_ellipse(x, y, lx, h * 0.25, w * 0.025, h * 0.05); }, [](double, double) { return Rgb{230, 70, 40}; });
    // The performer crosses from left to right and back, her sleeves swinging.
    const double px = w * (0.3 + 0.4 * (0.5 - 0.5 * std::cos(2 * M_PI * t / seconds))), py = h * 0.78;
    const double s = h / 270;
    const Rgb robe{196, 40, 60}, skin{238, 206, 180}, hair{20, 16, 18}, sleeve{246, 244, 238};
    c.fill([&](double x, double y) { return y > py - 120 * s && y < py && std::fabs(x - px) < (14 + (y - py + 120 * s) * 0.22) * s; },
           [&](double x, double) { return mix(robe, {150, 20, 40}, 0.5 + 0.5 * std::sin(x * 0.4)); });
    c.fill([&](double x, double y) { return in_ellipse(x, y, px, py - 134 * s, 12 * s, 14 * s); }, [&](double, double) { return skin; });
    c.fill([&](double x, double y) { return in_ellipse(x, y, px, py - 146 * s, 15 * s, 9 * s); }, [&](double, double) { return hair; });
    for (double side : {-1.0, 1.0}) {
        const double a = 0.6 + 0.7 * std::sin(t * 3 + side);  // the sleeve's swing
        const double sx = px + side * 16 * s, sy = py - 108 * s;
        for (int k = 0; k < 40; ++k) {
            const double r = k * 2.2 * s, bend = a + k * 0.025 * std::sin(t * 4);
            c.line(sx + side * r * std::cos(bend), sy + r * std::sin(bend), sx + side * (r + 2.2 * s) * std::cos(bend), sy + (r + 2.2 * s) * std::sin(bend),
                   std::max(2.0, 6 * s), sleeve);
        }
    }
}

constexpr const char* kOperaCuesZh[][3] = {
    {"00:00:00.300", "00:00:02.300", "（帮腔）秋江河下水悠悠——"},
    {"00:00:02.300", "00:00:04.300", "一叶扁舟逐浪流"},
    {"00:00:04.300", "00:00:06.300", "陈妙常：艄翁，快快开船！"},
    {"00:00:06.300", "00:00:08.000", "（示例录像与唱腔均由程序合成）"},
};
constexpr const char* kOperaCuesEn[][3] = {
    {"00:00:00.300", "00:00:02.300", "(Chorus) The autumn river flows on and on—"},
    {"00:00:02.300", "00:00:04.300", "A little boat drifts on the waves"},
    {"00:00:04.300", "00:00:06.300", "Chen Miaochang: Boatman, cast off, quickly!"},
    {"00:00:06.300", "00:00:08.000", "(The sample video and singing are synthesised by our generator)"},
};
constexpr const char* kNarrationZh[][3] = {
    {"00:00:00.500", "00:00:04.000", "欢迎来到青石村村史馆。"},
    {"00:00:04.000", "00:00:08.000", "一九五八年，全村人一起修起了青石水库。"},
    {"00:00:08.000", "00:00:12.000", "请跟着我们，看看老照片、老物件里的故事。"},
};
constexpr const char* kNarrationEn[][3] = {
    {"00:00:00.500", "00:00:04.000", "Welcome to the Qingshi village history hall."},
    {"00:00:04.000", "00:00:08.000", "In 1958 the whole village built the Qingshi reservoir together."},
    {"00:00:08.000", "00:00:12.000", "Come and hear the stories in old photographs and old things."},
};

template <std::size_t N>
void write_vtt(const fs::path& file, const char* const (&cues)[N][3]) {
    std::ofstream out(file);
    out << "WEBVTT\n";
    for (std::size_t i = 0; i < N; ++i) out << "\n" << i + 1 << "\n" << cues[i][0] << " --> " << cues[i][1] << "\n" << cues[i][2] << "\n";
}

/// Runs espeak-ng's Mandarin voice on `text` into `wav`; false when espeak-ng is not installed or fails.
bool espeak(const std::string& text, const fs::path& wav) {
    const pid_t child = fork();
    if (child < 0) return false;
    if (child == 0) {
        execlp("espeak-ng", "espeak-ng", "-v", "cmn", "-s", "150", "-w", wav.c_str(), text.c_str(), static_cast<char*>(nullptr));
        _exit(127);
    }
    int status = 0;
    return waitpid(child, &status, 0) == child && WIFEXITED(status) && WEXITSTATUS(status) == 0;
}

/// The 16-bit mono samples of a PCM WAV at 22,050 Hz (what espeak-ng writes); empty otherwise.
std::vector<std::int16_t> read_wav(const fs::path& file) {
    std::ifstream in(file, std::ios::binary);
    const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    const auto u32 = [&](std::size_t at) {
        std::uint32_t v = 0;
        for (int i = 3; i >= 0; --i) v = v << 8 | static_cast<unsigned char>(bytes[at + static_cast<std::size_t>(i)]);
        return v;
    };
    if (bytes.size() < 44 || bytes.compare(0, 4, "RIFF") != 0 || bytes.compare(8, 4, "WAVE") != 0) return {};
    std::size_t at = 12;
    bool pcm = false;
    while (at + 8 <= bytes.size()) {
        const std::string id = bytes.substr(at, 4);
        const std::size_t size = u32(at + 4);
        if (id == "fmt " && at + 24 <= bytes.size()) {
            pcm = static_cast<unsigned char>(bytes[at + 8]) == 1 && static_cast<unsigned char>(bytes[at + 10]) == 1 && u32(at + 12) == 22050 &&
                  static_cast<unsigned char>(bytes[at + 22]) == 16;
        }
        if (id == "data") {
            if (!pcm) return {};
            const std::size_t end = std::min(bytes.size(), at + 8 + size);  // a streamed header may overstate the size
            std::vector<std::int16_t> samples((end - at - 8) / 2);
            std::memcpy(samples.data(), bytes.data() + at + 8, samples.size() * 2);
            return samples;
        }
        at += 8 + size + (size & 1);
    }
    return {};
}

std::string timecode(double seconds) {
    char text[32];
    const int ms = static_cast<int>(seconds * 1000 + 0.5);
    std::snprintf(text, sizeof text, "%02d:%02d:%02d.%03d", ms / 3600000, ms / 60000 % 60, ms / 1000 % 60, ms % 1000);
    return text;
}

}  // namespace

bool spoken_narration(const fs::path& wav, const fs::path& stem) {
    const int rate = 22050;
    std::vector<std::int16_t> all(static_cast<std::size_t>(rate / 2), 0);  // half a second of silence first
    std::string zh = "WEBVTT\n", en = "WEBVTT\n";
    const std::size_t lines = std::size(kNarrationZh);
    for (std::size_t i = 0; i < lines; ++i) {
        const fs::path part = wav.string() + ".part.wav";
        if (!espeak(kNarrationZh[i][2], part)) return false;
        const std::vector<std::int16_t> spoken = read_wav(part);
        fs::remove(part);
        if (spoken.empty()) return false;
        const double start = static_cast<double>(all.size()) / rate;
        all.insert(all.end(), spoken.begin(), spoken.end());
        const double end = static_cast<double>(all.size()) / rate;
        all.insert(all.end(), static_cast<std::size_t>(rate * 6 / 10), 0);  // a pause between sentences
        const std::string cue = std::to_string(i + 1) + "\n" + timecode(start) + " --> " + timecode(end) + "\n";
        zh += "\n" + cue + kNarrationZh[i][2] + "\n";
        en += "\n" + cue + kNarrationEn[i][2] + "\n";
    }
    write_wav(wav, all, rate);
    std::ofstream(stem.string() + ".zh.vtt") << zh;
    std::ofstream(stem.string() + ".en.vtt") << en;
    return true;
}

void opera_stage_frames(const fs::path& file, int width, int height, int fps, int seconds) {
    std::ofstream out(file, std::ios::binary);
    Canvas c(width, height, {0, 0, 0});
    for (int frame = 0; frame < fps * seconds; ++frame) {
        stage_frame(c, static_cast<double>(frame) / fps, seconds);
        c.append_rgb(out);
    }
}

void opera_stage_captions(const fs::path& stem) {
    write_vtt(fs::path(stem.string() + ".zh.vtt"), kOperaCuesZh);
    write_vtt(fs::path(stem.string() + ".en.vtt"), kOperaCuesEn);
}

void narration_wav(const fs::path& file) {
    // Syllable-like bursts of a voiced tone with a falling pitch per phrase: a stand-in for speech.
    const int rate = 22050, seconds = 12;
    std::vector<std::int16_t> samples(static_cast<std::size_t>(rate * seconds));
    double phase = 0;
    for (std::size_t i = 0; i < samples.size(); ++i) {
        const double t = static_cast<double>(i) / rate;
        const double phrase = std::fmod(t, 4.0), syllable = std::fmod(t, 0.25);
        const double pitch = 180 - 30 * phrase / 4 + 25 * std::sin(t * 7);
        phase += 2 * M_PI * pitch / rate;
        const double voiced = phrase > 0.5 && phrase < 3.6 ? std::sin(M_PI * syllable / 0.25) : 0;
        const double v = 0.3 * voiced * (std::sin(phase) + 0.5 * std::sin(2 * phase) + 0.25 * std::sin(3 * phase));
        samples[i] = static_cast<std::int16_t>(std::clamp(v, -1.0, 1.0) * 30000);
    }
    write_wav(file, samples, rate);
}

void narration_captions(const fs::path& stem) {
    write_vtt(fs::path(stem.string() + ".zh.vtt"), kNarrationZh);
    write_vtt(fs::path(stem.string() + ".en.vtt"), kNarrationEn);
}

}  // namespace sample
