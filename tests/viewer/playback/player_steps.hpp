// Steps shared by the MediaPlayer tests: options without GL, and driving update() the way the
// kiosk's frame loop does until something happens.
#pragma once

#include <chrono>
#include <thread>

#include "kiosk/media_player.hpp"

namespace wenyuan::test {

inline kiosk::MediaPlayer::Options no_gl(bool audio_device = true) {
    kiosk::MediaPlayer::Options options;
    options.gl = false;
    options.audio_device = audio_device;
    return options;
}

/// Calls update() every 5 ms until `done()` or `limit` passes; returns whether `done()` held.
template <class Done>
bool run_until(kiosk::MediaPlayer& player, Done done, std::chrono::milliseconds limit = std::chrono::seconds(10)) {
    const auto until = std::chrono::steady_clock::now() + limit;
    while (std::chrono::steady_clock::now() < until) {
        player.update();
        if (done()) return true;
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    return false;
}

/// Waits until the player has left State::opening.
inline bool opened(kiosk::MediaPlayer& player) {
    return run_until(player, [&] { return player.state() != kiosk::MediaPlayer::State::opening; });
}

}  // namespace wenyuan::test
