// Source files for the sample exhibitions (村史馆 and 老厂记忆), all made by code: an old
// photograph, a scanned chronicle page, technical drawings, opera video frames with captions, a
// narration and a kiln model. See exhibitions/*.json for how they are shown.
#pragma once

#include <filesystem>

namespace sample {

// drawings.cpp
void old_photo(const std::filesystem::path& file);         ///< a sepia photograph: building the reservoir, 1958
void chronicle_scan(const std::filesystem::path& file);    ///< a scanned page of the hand-copied chronicle
void lathe_blueprint(const std::filesystem::path& file);   ///< a blueprint (晒图) of the C616 lathe
void kiln_section(const std::filesystem::path& file);      ///< a section drawing of the down-draught kiln

// media.cpp
/// Raw rgb24 frames (width×height, `fps`, `seconds`) of a figure on a village opera stage, for
/// FFmpeg's rawvideo demuxer.
void opera_stage_frames(const std::filesystem::path& file, int width, int height, int fps, int seconds);
/// Chinese and English WebVTT captions for the stage video (`<stem>.zh.vtt`, `<stem>.en.vtt`).
void opera_stage_captions(const std::filesystem::path& stem);
/// A stand-in for a spoken narration (voiced, syllable-like tones; 12 s, 22.05 kHz mono WAV) and
/// its captions, which carry the words.
void narration_wav(const std::filesystem::path& file);
void narration_captions(const std::filesystem::path& stem);
/// The same narration spoken by espeak-ng's Mandarin voice (Debian package espeak-ng), with
/// captions timed to the speech. False, writing nothing usable, when espeak-ng is not installed.
bool spoken_narration(const std::filesystem::path& wav, const std::filesystem::path& stem);

// kiln.cpp
/// A down-draught kiln (倒焰窑) as a surface of revolution with a chimney: `kiln.obj`, `kiln.mtl`
/// and a brick texture `kiln_brick.bmp` in `dir`.
void kiln_model(const std::filesystem::path& dir);

}  // namespace sample
