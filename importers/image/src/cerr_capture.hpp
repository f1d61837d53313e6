// OpenCV 4.6's imread prints a decoder's failure to std::cerr ("imread_('…'): can't read data:
// OpenCV(4.6.0) …: error: (-2:Unspecified error) Unexpected end of input stream in function
// 'readBlock'") and returns an empty image. This keeps that text for the failure's message
// instead of letting it reach the process's stderr as a second, third and fourth line.
#pragma once

#include <string>

namespace wenyuan::image {

/// Installs, once per process, a std::cerr buffer that passes everything through to the buffer
/// it replaces except what a thread writes while it has a CerrCapture open. Call before worker
/// threads start (make_image_importer does): replacing the buffer races with a thread writing.
void route_cerr_once();

/// While it exists, what this thread writes to std::cerr is kept here (route_cerr_once must have
/// run; otherwise nothing is kept and the text goes to stderr as before). Other threads and an
/// embedding application's own use of std::cerr are unaffected. Scopes do not nest.
class CerrCapture {
public:
    CerrCapture();
    ~CerrCapture();
    CerrCapture(const CerrCapture&) = delete;
    CerrCapture& operator=(const CerrCapture&) = delete;

    /// The reason in OpenCV's message ("Unexpected end of input stream"), or what was written,
    /// on one line; empty when nothing was.
    std::string reason() const;

private:
    std::string text_;
};

}  // namespace wenyuan::image
