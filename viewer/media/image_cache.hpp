// Images for the screens: decoded on a worker thread (TurboJPEG), uploaded on the main thread,
// kept as textures up to a memory budget and evicted least-recently-used, so that days of
// browsing keep memory flat. A missing or undecodable object is remembered as failed, logged
// once, and drawn as a placeholder by the caller.
#pragma once

#include <condition_variable>
#include <cstdint>
#include <deque>
#include <filesystem>
#include <functional>
#include <mutex>
#include <string>
#include <thread>
#include <unordered_map>
#include <unordered_set>

#include "gfx/texture.hpp"
#include "media/jpeg.hpp"
#include "wenyuan/result.hpp"

namespace wenyuan::kiosk {

class ImageCache {
public:
    /// Texture budgets: a GPU's own memory, and a software rasteriser's, where every texture is
    /// resident in this process (two 2048 px previews with mipmaps are 34 MB).
    static constexpr std::size_t kGpuBudget = 64u << 20, kSoftwareBudget = 40u << 20;

    /// `objects_root` is the archive folder (objects/xx/hash); `max_texture` the GPU limit.
    ImageCache(std::filesystem::path archive_root, int max_texture, std::size_t budget_bytes = kGpuBudget);
    ~ImageCache();
    ImageCache(const ImageCache&) = delete;
    ImageCache& operator=(const ImageCache&) = delete;

    enum class State { loading, ready, failed };

    /// The texture of an object decoded to at least `max_edge` px on its long edge, or nullptr
    /// while it loads (the request is queued) or when it failed (see state()).
    const Texture* object(const std::string& sha256, int max_edge);
    /// The same for any bytes: `key` names them, `read` fetches them on the worker thread.
    const Texture* custom(const std::string& key, int max_edge, std::function<Result<std::string>()> read);
    State state(const std::string& sha256, int max_edge) const;
    State state_of_key(const std::string& key) const;

    /// Main thread, once a frame: uploads finished decodes (all of them when `wait`: used for
    /// deterministic screenshots, after waiting for every queued decode), then evicts textures
    /// beyond the budget that were not used this frame. Returns the number uploaded.
    int pump(bool wait);
    /// Drops queued requests that were not asked for again this frame (tiles scrolled away).
    void drop_stale_requests();

    std::size_t texture_bytes() const noexcept { return bytes_; }
    std::size_t textures() const noexcept { return textures_.size(); }
    std::size_t pending() const;

private:
    struct Request {
        std::string key;
        int max_edge = 0;
        std::function<Result<std::string>()> read;
    };
    struct Done {
        std::string key;
        Result<Pixels> pixels;
    };
    struct Entry {
        Texture texture;
        std::uint64_t used = 0;
    };
    static std::string key_for(const std::string& sha256, int max_edge);
    void worker();

    std::filesystem::path root_;
    int max_texture_;
    std::size_t budget_;
    std::size_t bytes_ = 0;
    std::uint64_t frame_ = 1;
    std::unordered_map<std::string, Entry> textures_;
    std::unordered_set<std::string> failed_;
    std::unordered_set<std::string> requested_;  ///< queued or decoding
    std::unordered_set<std::string> wanted_this_frame_;

    mutable std::mutex mutex_;
    std::condition_variable wake_, finished_;
    std::deque<Request> queue_;  ///< newest first: the latest view matters most
    std::deque<Done> done_;
    int busy_ = 0;
    bool stop_ = false;
    std::thread thread_;
};

}  // namespace wenyuan::kiosk
