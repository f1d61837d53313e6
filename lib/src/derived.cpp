#include "archive_impl.hpp"

namespace wenyuan {

// The catalog has no derived state yet beyond its own tables; the search index hooks in here.
Result<void> Archive::Impl::on_item_changed(std::int64_t) { return {}; }
Result<void> Archive::Impl::verify_derived(std::vector<VerifyProblem>&) const { return {}; }

}  // namespace wenyuan
