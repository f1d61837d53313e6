#include "archive_impl.hpp"
#include "search/index.hpp"

namespace wenyuan {

// Derived state is the search index; it changes in the caller's transaction.
Result<void> Archive::Impl::on_item_changed(std::int64_t item_id) {
    facts.mark_dirty(item_id);
    return search::reindex_item(db, item_id, vocabulary);
}

Result<void> Archive::Impl::on_item_added(const Item& item, bool has_timed) {
    facts.mark_dirty(item.id);
    return search::index_new_item(db, item, vocabulary, has_timed, pending_text);
}

Result<void> Archive::Impl::verify_derived(std::vector<VerifyProblem>& problems, std::vector<std::string>& notes) const {
    return search::check_index(db, read_only, schema_version, vocabulary, problems, notes);
}

}  // namespace wenyuan
