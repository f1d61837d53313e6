// Built when viewer/playback is absent: the screens show posters.
#include "app/media_stage.hpp"

namespace wenyuan::kiosk {

struct MediaStage::Impl {};

MediaStage::MediaStage(std::string, bool, bool) {}
MediaStage::~MediaStage() = default;
bool MediaStage::available() { return false; }
void MediaStage::update(double) {}
bool MediaStage::draw_model(Ui&, const ExhibitView&, const Rect&) { return false; }
bool MediaStage::draw_recording(Ui&, const ExhibitView&, const Rect&) { return false; }
void MediaStage::narrate(const std::string&, const std::string&) {}
bool MediaStage::narrating() const { return false; }
void MediaStage::speak(const std::string&) {}
bool MediaStage::speaking() const { return false; }
bool MediaStage::can_speak() const { return false; }
void MediaStage::reset() {}
void MediaStage::release_except(std::int64_t) {}
std::size_t MediaStage::model_triangles() const { return 0; }

}  // namespace wenyuan::kiosk
