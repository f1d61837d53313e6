#include "media/image_cache.hpp"

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <sstream>
#include <vector>

namespace wenyuan::kiosk {

namespace {

Result<std::string> read_object(const std::filesystem::path& file) {
    std::ifstream in(file, std::ios::binary);
    if (!in) return fail(Errc::not_found, file.string() + ": missing from the object store");
    std::ostringstream bytes;
    bytes << in.rdbuf();
    return bytes.str();
}

}  // namespace

ImageCache::ImageCache(std::filesystem::path archive_root, int max_texture, std::size_t budget_bytes)
    : root_(std::move(archive_root)), max_texture_(max_texture), budget_(budget_bytes), thread_([this] { worker(); }) {}

ImageCache::~ImageCache() {
    {
        std::lock_guard lock(mutex_);
        stop_ = true;
        queue_.clear();
    }
    wake_.notify_all();
    thread_.join();
}

std::string ImageCache::key_for(const std::string& sha256, int max_edge) {
    return sha256 + "@" + std::to_string(max_edge);
}

const Texture* ImageCache::object(const std::string& sha256, int max_edge) {
    if (sha256.size() != 64) return nullptr;
    const std::filesystem::path file = root_ / "objects" / sha256.substr(0, 2) / sha256;
    return custom(key_for(sha256, max_edge), max_edge, [file] { return read_object(file); });
}

const Texture* ImageCache::custom(const std::string& key, int max_edge, std::function<Result<std::string>()> read) {
    if (auto found = textures_.find(key); found != textures_.end()) {
        found->second.used = frame_;
        return &found->second.texture;
    }
    if (failed_.count(key)) return nullptr;
    wanted_this_frame_.insert(key);
    if (requested_.insert(key).second) {
        std::lock_guard lock(mutex_);
        queue_.push_front({key, max_edge, std::move(read)});
        wake_.notify_one();
    }
    return nullptr;
}

ImageCache::State ImageCache::state_of_key(const std::string& key) const {
    if (textures_.count(key)) return State::ready;
    if (failed_.count(key)) return State::failed;
    return State::loading;
}

ImageCache::State ImageCache::state(const std::string& sha256, int max_edge) const {
    if (sha256.size() != 64) return State::failed;
    return state_of_key(key_for(sha256, max_edge));
}

std::size_t ImageCache::pending() const {
    std::lock_guard lock(mutex_);
    return queue_.size() + std::size_t(busy_) + done_.size();
}

void ImageCache::worker() {
    for (;;) {
        Request request;
        {
            std::unique_lock lock(mutex_);
            wake_.wait(lock, [&] { return stop_ || !queue_.empty(); });
            if (stop_) return;
            request = std::move(queue_.front());
            queue_.pop_front();
            ++busy_;
        }
        Result<Pixels> pixels = [&]() -> Result<Pixels> {
            auto bytes = request.read();
            if (!bytes) return fail(std::move(bytes).error());
            return decode_image(*bytes, request.max_edge, request.key);
        }();
        {
            std::lock_guard lock(mutex_);
            done_.push_back({std::move(request.key), std::move(pixels)});
            --busy_;
        }
        finished_.notify_all();
    }
}

void ImageCache::drop_stale_requests() {
    std::lock_guard lock(mutex_);
    for (auto it = queue_.begin(); it != queue_.end();) {
        if (!wanted_this_frame_.count(it->key)) {
            requested_.erase(it->key);
            it = queue_.erase(it);
        } else {
            ++it;
        }
    }
}

int ImageCache::pump(bool wait) {
    std::deque<Done> done;
    {
        std::unique_lock lock(mutex_);
        if (wait) finished_.wait(lock, [&] { return queue_.empty() && busy_ == 0; });
        done.swap(done_);
    }
    int uploaded = 0;
    for (Done& item : done) {
        requested_.erase(item.key);
        if (!item.pixels) {
            std::fprintf(stderr, "wenyuan-kiosk: image %s: %s (showing a placeholder)\n", item.key.c_str(),
                         item.pixels.error().message.c_str());
            failed_.insert(item.key);
            continue;
        }
        Texture texture = Texture::upload(*item.pixels, max_texture_, true);
        if (!texture) {
            std::fprintf(stderr, "wenyuan-kiosk: image %s: %d x %d exceeds the GPU's %d px textures (placeholder)\n",
                         item.key.c_str(), item.pixels->width, item.pixels->height, max_texture_);
            failed_.insert(item.key);
            continue;
        }
        bytes_ += texture.bytes();
        textures_[item.key] = {std::move(texture), frame_};
        ++uploaded;
    }
    if (bytes_ > budget_) {
        std::vector<std::pair<std::uint64_t, std::string>> by_age;
        for (const auto& [key, entry] : textures_)
            if (entry.used < frame_) by_age.emplace_back(entry.used, key);
        std::sort(by_age.begin(), by_age.end());
        for (const auto& [used, key] : by_age) {
            if (bytes_ <= budget_ * 3 / 4) break;
            bytes_ -= textures_[key].texture.bytes();
            textures_.erase(key);
        }
    }
    if (failed_.size() > 4096) failed_.clear();
    wanted_this_frame_.clear();
    ++frame_;
    return uploaded;
}

}  // namespace wenyuan::kiosk
