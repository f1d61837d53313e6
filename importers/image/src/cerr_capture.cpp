#include "cerr_capture.hpp"

#include <iostream>
#include <mutex>
#include <streambuf>

namespace wenyuan::image {
namespace {

thread_local std::string* captured = nullptr;

class Router final : public std::streambuf {
public:
    explicit Router(std::streambuf* through) : through_(through) {}

protected:
    int_type overflow(int_type c) override {
        if (traits_type::eq_int_type(c, traits_type::eof())) return traits_type::not_eof(c);
        if (captured) {
            captured->push_back(traits_type::to_char_type(c));
            return c;
        }
        return through_ ? through_->sputc(traits_type::to_char_type(c)) : c;
    }
    std::streamsize xsputn(const char* text, std::streamsize count) override {
        if (captured) {
            captured->append(text, static_cast<std::size_t>(count));
            return count;
        }
        return through_ ? through_->sputn(text, count) : count;
    }
    int sync() override { return !captured && through_ ? through_->pubsync() : 0; }

private:
    std::streambuf* through_;
};

}  // namespace

void route_cerr_once() {
    static std::once_flag once;
    std::call_once(once, [] {
        static Router router(std::cerr.rdbuf());
        std::cerr.rdbuf(&router);
    });
}

CerrCapture::CerrCapture() { captured = &text_; }

CerrCapture::~CerrCapture() { captured = nullptr; }

std::string CerrCapture::reason() const {
    std::string reason = text_;
    // "… error: (-2:Unspecified error) <reason> in function '…'"
    if (const auto code = reason.find("error: ("); code != std::string::npos) {
        if (const auto close = reason.find(") ", code); close != std::string::npos) reason.erase(0, close + 2);
    }
    if (const auto where = reason.find(" in function '"); where != std::string::npos) reason.erase(where);
    for (char& c : reason) {
        if (c == '\n' || c == '\r' || c == '\t') c = ' ';
    }
    while (!reason.empty() && reason.back() == ' ') reason.pop_back();
    return reason;
}

}  // namespace wenyuan::image
