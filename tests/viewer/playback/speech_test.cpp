// Speech through espeak-ng's Mandarin voice: 你好 gives non-silent PCM of a plausible length, a
// missing voice is a clear error, and say()/stop() never hang.
#include <gtest/gtest.h>

#include <chrono>
#include <cmath>
#include <thread>

#include "kiosk/speech.hpp"
#include "test_support.hpp"

namespace wenyuan::kiosk {
namespace {

using namespace std::chrono_literals;

TEST(Speech, SynthesisesMandarin) {
    auto pcm = synthesize("你好");
    ASSERT_TRUE(pcm) << pcm.error().message;
    EXPECT_EQ(pcm->sample_rate, 22050);
    EXPECT_GT(pcm->seconds(), 0.3);  // two syllables at 150 words per minute
    EXPECT_LT(pcm->seconds(), 3.0);
    double energy = 0;
    int peak = 0;
    for (std::int16_t s : pcm->samples) {
        energy += double(s) * s;
        peak = std::max(peak, std::abs(int(s)));
    }
    EXPECT_GT(std::sqrt(energy / double(pcm->samples.size())), 300.0) << "not silence";
    EXPECT_GT(peak, 3000);
    // A longer text takes longer.
    auto longer = synthesize("欢迎来到村史馆，这是一件清代的青花瓷瓶。");
    ASSERT_TRUE(longer);
    EXPECT_GT(longer->seconds(), pcm->seconds() * 3);
}

TEST(Speech, MissingVoiceIsAClearError) {
    SpeechOptions options;
    options.voice = "no-such-voice";
    auto pcm = synthesize("你好", options);
    ASSERT_FALSE(pcm);
    EXPECT_EQ(pcm.error().code, Errc::unsupported);
    EXPECT_NE(pcm.error().message.find("'no-such-voice' is not installed"), std::string::npos) << pcm.error().message;
    auto speech = Speech::create(options);
    ASSERT_FALSE(speech);
    EXPECT_NE(speech.error().message.find("no-such-voice"), std::string::npos);
}

// espeak-ng calls exit(1) on missing data unless told not to: check, in a child process (espeak-ng
// initialises once per process), that we get our error instead.
TEST(Speech, MissingDataIsAnErrorNotAnExit) {
    test::TempDir empty;
    const auto result = test::run({test::binary("kiosk_speech_test").string(), "--gtest_filter=Speech.SynthesisesMandarin"},
                                  {"ESPEAK_DATA_PATH=" + empty.path().string()});
    EXPECT_NE(result.exit_code, 0);
    EXPECT_NE(result.out.find("speech: espeak-ng cannot start"), std::string::npos) << result.out << result.err;
}

TEST(Speech, SaysStopsAndSwitchesOff) {
    for (bool device : {true, false}) {
        SpeechOptions options;
        options.audio_device = device;
        auto speech = Speech::create(options);
        ASSERT_TRUE(speech) << speech.error().message;
        speech->say("你好，欢迎参观。");
        EXPECT_TRUE(speech->speaking());
        const auto until = std::chrono::steady_clock::now() + 15s;
        while (speech->speaking() && std::chrono::steady_clock::now() < until) std::this_thread::sleep_for(10ms);
        EXPECT_FALSE(speech->speaking()) << "finishes on its own";
        EXPECT_EQ(speech->error(), "");
        // A long text stopped at once.
        std::string text;
        for (int i = 0; i < 40; ++i) text += "这是一段很长的讲解词，用来测试停止。";
        speech->say(text);
        const auto started = std::chrono::steady_clock::now();
        speech->stop();
        EXPECT_FALSE(speech->speaking());
        EXPECT_LT(std::chrono::steady_clock::now() - started, 2s);
        speech->set_enabled(false);
        speech->say("你好");
        EXPECT_FALSE(speech->speaking()) << "switched off";
        EXPECT_FALSE(speech->enabled());
    }
}

}  // namespace
}  // namespace wenyuan::kiosk
