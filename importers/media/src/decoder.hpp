// Decoding frames of one stream after a seek. Private to the media importer; one decoder per
// call, so it is re-entrant.
#pragma once

#include "av_handles.hpp"
#include "wenyuan/result.hpp"

namespace wenyuan::media {

/// A decoder bound to one stream of an open input. Move-only.
class StreamDecoder {
public:
    /// Opens the stream's decoder. Errors: Errc::unsupported (no decoder), Errc::corrupt.
    static Result<StreamDecoder> open(AVFormatContext* input, int stream_index, int threads = 1);

    /// The first frame whose time is at or after `seconds` (`exact`), or simply the first frame
    /// decoded after seeking to the key frame before `seconds` (not `exact`: cheaper, for contact
    /// sheets). Gives up after `max_packets` packets of the stream. Errors: Errc::corrupt when
    /// nothing could be decoded there.
    Result<FramePtr> frame_at(double seconds, bool exact, int max_packets = 2000);

    /// The next decoded frame in file order; an empty pointer at the end of the stream.
    /// Errors: Errc::corrupt when the stream cannot be decoded at all.
    Result<FramePtr> next_frame();

    /// Goes back to the start of the stream.
    void rewind();

    /// Seconds of a frame's best-effort timestamp (0 when unknown).
    double time_of(const AVFrame& frame) const;

    AVCodecContext* codec() const { return codec_.get(); }
    AVStream* stream() const { return stream_; }
    /// Packets that failed to decode so far (damaged data is skipped, and counted).
    int decode_errors() const { return decode_errors_; }

private:
    StreamDecoder(AVFormatContext* input, AVStream* stream, CodecPtr codec);
    Result<FramePtr> decode_until(double seconds, bool exact, int max_packets);
    AVFormatContext* input_;
    AVStream* stream_;
    CodecPtr codec_;
    PacketPtr packet_;
    bool drained_ = false;
    int decode_errors_ = 0;
};

/// A resampler from a decoder's sound (any layout, format and rate; an unspecified layout is
/// taken as the default for its channel count) to `layout`, `format` and `rate`.
/// Errors: Errc::unsupported when swresample refuses.
Result<SwrPtr> make_resampler(const AVCodecContext& decoder, const AVChannelLayout& layout, AVSampleFormat format, int rate);

}  // namespace wenyuan::media
