#include "search/recorded_tokens.hpp"

#include <cstring>
#include <utility>

namespace wenyuan::search {
namespace {

thread_local std::span<const RecordedTokens> t_replay;

}  // namespace

void RecordedTokens::record(TokenizerKind as, std::string_view from) noexcept {
    kind = as;
    source = from;
    text.clear();
    tokens.clear();
    complete = false;
    try {
        const TokenSink sink = [&](const Token& token) {
            tokens.push_back({static_cast<std::uint32_t>(text.size()), static_cast<std::uint32_t>(token.text.size()),
                              static_cast<std::uint32_t>(token.start), static_cast<std::uint32_t>(token.end),
                              token.colocated});
            text += token.text;
            return true;
        };
        if (as == TokenizerKind::content) {
            tokenize_text(from, TokenMode::document, sink);
        } else {
            tokenize_pinyin(from, TokenMode::document, sink);
        }
        complete = true;
    } catch (...) {
        tokens.clear();
    }
}

ReplayScope::ReplayScope(std::span<const RecordedTokens> recordings) noexcept { t_replay = recordings; }

ReplayScope::~ReplayScope() { t_replay = {}; }

const RecordedTokens* find_recording(TokenizerKind kind, std::string_view text) noexcept {
    for (const RecordedTokens& recording : t_replay) {
        if (recording.complete && recording.kind == kind && recording.source.size() == text.size() &&
            (text.empty() || std::memcmp(recording.source.data(), text.data(), text.size()) == 0)) {
            return &recording;
        }
    }
    return nullptr;
}

RecordingWorker::RecordingWorker(std::size_t count, std::size_t per_document, Fill fill)
    : count_(count), per_document_(per_document), fill_(std::move(fill)), slots_(kAhead * per_document) {
    thread_ = std::thread([this] { run(); });
}

RecordingWorker::~RecordingWorker() {
    stop_.store(true);
    released_.store(count_ + kAhead);  // wakes the worker if it waits for room
    released_.notify_one();
    thread_.join();
}

void RecordingWorker::run() {
    for (std::size_t i = 0; i < count_; ++i) {
        for (std::size_t free = released_.load(); i >= free + kAhead; free = released_.load()) released_.wait(free);
        if (stop_.load()) return;
        fill_(i, std::span<RecordedTokens>(slots_).subspan((i % kAhead) * per_document_, per_document_));
        recorded_.store(i + 1);
        recorded_.notify_one();
    }
}

std::span<const RecordedTokens> RecordingWorker::wait(std::size_t document) {
    for (std::size_t ready = recorded_.load(); ready <= document; ready = recorded_.load()) recorded_.wait(ready);
    return std::span<const RecordedTokens>(slots_).subspan((document % kAhead) * per_document_, per_document_);
}

void RecordingWorker::release(std::size_t document) {
    released_.store(document + 1);
    released_.notify_one();
}

}  // namespace wenyuan::search
