// The exhibit screen's live media: a recording (video or audio with captions), a 3D model, the
// recorded narration of a tour stop and text-to-speech. Built on viewer/playback when it is part
// of the build (WENYUAN_KIOSK_PLAYBACK); otherwise every draw_* returns false and the screens
// show the poster. Main thread only; GL calls happen inside draw_* and update().
#pragma once

#include <memory>
#include <string>

#include "app/content.hpp"
#include "ui/widgets.hpp"

namespace wenyuan::kiosk {

class MediaStage {
public:
    /// `archive_root` locates objects; `deterministic` (screenshots) opens recordings paused
    /// without an audio device and waits for their first picture, so that frames repeat exactly.
    MediaStage(std::string archive_root, bool deterministic, bool speech);
    ~MediaStage();
    MediaStage(const MediaStage&) = delete;
    MediaStage& operator=(const MediaStage&) = delete;

    /// Whether live media can be shown at all in this build.
    static bool available();

    /// Once a frame, before drawing: uploads decoded frames and models.
    void update(double last_frame_ms);
    /// The model of `exhibit` with orbit (drag), zoom (wheel) and + / − / reset. False: not shown.
    bool draw_model(Ui& ui, const ExhibitView& exhibit, const Rect& area);
    /// The recording with play / pause, a seek bar, captions and its chapters as chips below
    /// (a tap seeks); it starts at the exhibit's segment, if any. False: not shown.
    bool draw_recording(Ui& ui, const ExhibitView& exhibit, const Rect& area);
    /// Starts a tour stop's narration from its beginning: the recorded narration (an object
    /// hash) when there is one, else `text` read aloud (when speech is on); both empty: silence.
    void narrate(const std::string& sha256, const std::string& text = {});
    /// Whether the narration is still going (opening, playing, or being read aloud). Always false
    /// in deterministic (screenshot) runs, where recordings open paused: tours there wait for
    /// the visitor, so frames repeat exactly.
    bool narrating() const;
    /// Reads text aloud (espeak-ng's Mandarin voice); empty stops.
    void speak(const std::string& text);
    bool speaking() const;
    /// Whether reading aloud works here (speech built in, enabled, and the engine started).
    bool can_speak() const;
    /// Idle: stop and rewind everything, free the loaded media.
    void reset();
    /// Another exhibit is shown: closes the recording (decoder, frame pool, picture) and frees
    /// the model unless they belong to `item_id`; the tour narration goes on.
    void release_except(std::int64_t item_id);
    /// Triangles of the model level being shown (0: no model shown); `--stats` names it.
    std::size_t model_triangles() const;

private:
    /// The chapter chips under a recording; returns the height they take at the bottom of `area`
    /// (0 without chapters). `draw` false only measures.
    float draw_chapters(Ui& ui, const ExhibitView& exhibit, const Rect& area, bool draw);

    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace wenyuan::kiosk
