#include "search/halves.hpp"

#include <exception>
#include <optional>
#include <system_error>
#include <thread>

namespace wenyuan::search {

void in_two_halves(std::size_t count, const std::function<void(std::size_t from, std::size_t to)>& work) {
    const std::size_t half = count / 2;
    std::exception_ptr failure;
    std::optional<std::thread> other;
    try {
        other.emplace([&] {
            try {
                work(half, count);
            } catch (...) {
                failure = std::current_exception();
            }
        });
    } catch (const std::system_error&) {
        work(half, count);  // no second thread
    }
    try {
        work(0, half);
    } catch (...) {
        if (other) other->join();  // a joinable thread must not be destroyed
        throw;
    }
    if (other) other->join();
    if (failure) std::rethrow_exception(failure);
}

}  // namespace wenyuan::search
