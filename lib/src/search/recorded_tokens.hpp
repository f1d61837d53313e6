// Tokens computed ahead of FTS5, on another thread, and replayed by the tokenizers (see
// fts5_tokenizer.cpp) when FTS5 asks for the same text. A bulk insert tokenizes its documents on a
// worker thread while the connection's thread writes the index, so the two cores share the work.
// Private to the library.
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <span>
#include <thread>
#include <string>
#include <string_view>
#include <vector>

#include "search/tokenizer.hpp"

namespace wenyuan::search {

/// Which tokenizer a recording belongs to.
enum class TokenizerKind : std::uint8_t { content, pinyin };

/// The document-mode tokens of one text.
struct RecordedTokens {
    struct Entry {
        std::uint32_t offset = 0;  ///< into `text`
        std::uint32_t size = 0;
        std::uint32_t start = 0, end = 0;
        bool colocated = false;
    };
    TokenizerKind kind = TokenizerKind::content;
    std::string_view source;  ///< the text tokenized; must outlive the replay
    std::string text;         ///< token texts back to back
    std::vector<Entry> tokens;
    bool complete = false;    ///< false when recording failed (out of memory): not replayed

    /// Records the tokens of `source` (document mode), reusing this object's buffers. Never throws:
    /// on failure `complete` is false.
    void record(TokenizerKind kind, std::string_view source) noexcept;
};

/// While one exists, the FTS5 tokenizers on this thread replay these recordings for any text
/// (document mode) equal to a recording's source, and tokenize anything else as usual. Scopes
/// do not nest.
class ReplayScope {
  public:
    explicit ReplayScope(std::span<const RecordedTokens> recordings) noexcept;
    ~ReplayScope();
    ReplayScope(const ReplayScope&) = delete;
    ReplayScope& operator=(const ReplayScope&) = delete;
};

/// The recording for `text` on this thread (see ReplayScope), or nullptr.
const RecordedTokens* find_recording(TokenizerKind kind, std::string_view text) noexcept;

/// Records the tokens of documents 0 … count-1 on a thread of its own, a bounded number ahead of
/// the consumer, which takes them in order: wait(i), use, release(i). `fill(i, slots)` records
/// document i into `per_document` slots (RecordedTokens::record); it runs on the worker thread and
/// must not throw. Starting the thread can throw std::system_error; the destructor stops and
/// joins it whether or not every document was taken. One consumer thread.
class RecordingWorker {
  public:
    using Fill = std::function<void(std::size_t document, std::span<RecordedTokens> slots)>;
    RecordingWorker(std::size_t count, std::size_t per_document, Fill fill);
    ~RecordingWorker();
    RecordingWorker(const RecordingWorker&) = delete;
    RecordingWorker& operator=(const RecordingWorker&) = delete;

    /// Document i's recordings, once recorded (blocks until then). i must be the next one taken.
    std::span<const RecordedTokens> wait(std::size_t document);
    /// Gives document i's slots back for reuse.
    void release(std::size_t document);

  private:
    void run();

    static constexpr std::size_t kAhead = 256;  // documents recorded ahead of the consumer
    std::size_t count_, per_document_;
    Fill fill_;
    std::vector<RecordedTokens> slots_;  // kAhead × per_document, a ring
    std::atomic<std::size_t> recorded_{0};  // documents [0, recorded_) are ready
    std::atomic<std::size_t> released_{0};  // documents [0, released_) are done with
    std::atomic<bool> stop_{false};
    std::thread thread_;
};

}  // namespace wenyuan::search
