// Work split over two threads: a search's passes over a large result set use the second core,
// which a kiosk otherwise leaves idle while it waits for the results. Private to the library.
#pragma once

#include <cstddef>
#include <functional>

namespace wenyuan::search {

/// Calls work(half, count) on a thread of its own while this thread calls work(0, half), with
/// half = count / 2, and returns when both are done. The two calls must write to separate
/// places. When no thread can be started, this thread makes both calls. An exception from the
/// other thread's call (std::bad_alloc) is rethrown here, after both are done.
void in_two_halves(std::size_t count, const std::function<void(std::size_t from, std::size_t to)>& work);

}  // namespace wenyuan::search
