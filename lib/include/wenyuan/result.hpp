// Result<T>: the value of an operation that can fail in an expected way.
//
// Shaped like C++23 std::expected<T, Error> (has_value, value, error, operator*, value_or) so that
// it can become an alias once the compiler has it. Failures that are programmer errors are
// asserted instead; exceptions never cross the library boundary.
#pragma once

#include <cassert>
#include <string>
#include <utility>
#include <variant>

namespace wenyuan {

/// The kind of an expected failure. Callers branch on this; people read Error::message.
enum class Errc {
    io,                ///< the operating system refused a read, write, rename or fsync
    not_found,         ///< a file, item, asset or object does not exist
    already_exists,    ///< the thing to create is already there
    corrupt,           ///< the bytes are not what they claim to be (hash mismatch, bad format)
    invalid_argument,  ///< a value given by the user is not acceptable (bad field, bad CSV cell)
    unsupported,       ///< a format or feature this build cannot handle
    limit,             ///< a configured limit was exceeded (size, dimensions, memory, time)
    version,           ///< the archive was written by a newer Wenyuan
    busy,              ///< the archive is locked by another writer
    internal,          ///< a bug or an unexpected library failure; the message says which
};

/// An expected failure: a kind and a one-line message that names the origin and the reason,
/// for example "catalog: item 42: unknown field 'colour' (see `wenyuan fields`)".
struct Error {
    Errc code = Errc::internal;
    std::string message;
};

/// The failure half of a Result, as std::unexpected is for std::expected.
struct Unexpected {
    Error error;
};

/// Makes a failed Result of any type: `return fail(Errc::io, "store: " + path + ": disk full");`
inline Unexpected fail(Errc code, std::string message) {
    return Unexpected{Error{code, std::move(message)}};
}
inline Unexpected fail(Error error) { return Unexpected{std::move(error)}; }

template <class T>
class [[nodiscard]] Result {
public:
    Result(T value) : state_(std::in_place_index<0>, std::move(value)) {}  // NOLINT: implicit like expected
    Result(Unexpected failure) : state_(std::in_place_index<1>, std::move(failure.error)) {}  // NOLINT

    bool has_value() const noexcept { return state_.index() == 0; }
    explicit operator bool() const noexcept { return has_value(); }

    T& value() & { assert(has_value()); return std::get<0>(state_); }
    const T& value() const& { assert(has_value()); return std::get<0>(state_); }
    T&& value() && { assert(has_value()); return std::get<0>(std::move(state_)); }

    const Error& error() const& { assert(!has_value()); return std::get<1>(state_); }
    Error&& error() && { assert(!has_value()); return std::get<1>(std::move(state_)); }

    T& operator*() & { return value(); }
    const T& operator*() const& { return value(); }
    T&& operator*() && { return std::move(*this).value(); }
    T* operator->() { return &value(); }
    const T* operator->() const { return &value(); }

    template <class U>
    T value_or(U&& fallback) const& {
        return has_value() ? value() : static_cast<T>(std::forward<U>(fallback));
    }

private:
    std::variant<T, Error> state_;
};

template <>
class [[nodiscard]] Result<void> {
public:
    Result() = default;
    Result(Unexpected failure) : error_(std::move(failure.error)), failed_(true) {}  // NOLINT

    bool has_value() const noexcept { return !failed_; }
    explicit operator bool() const noexcept { return has_value(); }
    void value() const { assert(has_value()); }
    const Error& error() const& { assert(failed_); return error_; }
    Error&& error() && { assert(failed_); return std::move(error_); }

private:
    Error error_;
    bool failed_ = false;
};

}  // namespace wenyuan

/// Returns the error of `expr` (a Result) from the enclosing function, which must return a Result.
#define WENYUAN_TRY(expr)                                            \
    do {                                                             \
        auto&& wenyuan_try_result_ = (expr);                         \
        if (!wenyuan_try_result_) return ::wenyuan::fail(std::move(wenyuan_try_result_).error()); \
    } while (0)
