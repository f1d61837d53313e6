#include <algorithm>
#include <cctype>

#include "archive_impl.hpp"
#include "clock.hpp"
#include "wenyuan/csv.hpp"

namespace wenyuan {
namespace {

std::string_view trim(std::string_view text) {
    while (!text.empty() && std::isspace(static_cast<unsigned char>(text.front()))) text.remove_prefix(1);
    while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back()))) text.remove_suffix(1);
    return text;
}

bool iequals(std::string_view a, std::string_view b) {
    return a.size() == b.size() &&
           std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
               return std::tolower(static_cast<unsigned char>(x)) ==
                      std::tolower(static_cast<unsigned char>(y));
           });
}

// "relic_categories.csv" → "relic_category"; "periods.csv" → "period".
std::string kind_for_file(std::string_view file_name) {
    const auto slash = file_name.find_last_of('/');
    if (slash != std::string_view::npos) file_name.remove_prefix(slash + 1);
    static const std::pair<const char*, const char*> kinds[] = {
        {"item_types.csv", "item_type"},       {"relic_categories.csv", "relic_category"},
        {"ich_categories.csv", "ich_category"}, {"periods.csv", "period"},
        {"grade.csv", "grade"},                 {"completeness.csv", "completeness"},
        {"condition.csv", "condition"},         {"acquisition.csv", "acquisition"},
    };
    for (const auto& [file, kind] : kinds) {
        if (file_name == file) return kind;
    }
    return {};
}

std::optional<int> parse_year(std::string_view text) {
    text = trim(text);
    if (text.empty()) return std::nullopt;
    try {
        return std::stoi(std::string(text));
    } catch (...) {
        return std::nullopt;
    }
}

Result<void> upsert_term(const sql::Db& db, const VocabTerm& term) {
    auto insert = db.prepare(
        "INSERT INTO vocab(kind, code, zh, en, parent, start_year, end_year, seq) "
        "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, (SELECT count(*) FROM vocab WHERE kind = ?1)) "
        "ON CONFLICT(kind, code) DO UPDATE SET zh = excluded.zh, en = excluded.en, "
        "parent = excluded.parent, start_year = excluded.start_year, end_year = excluded.end_year");
    if (!insert) return fail(std::move(insert).error());
    insert->bind(1, term.kind).bind(2, term.code).bind(3, term.zh).bind(4, term.en).bind(5, term.parent);
    insert->bind(6, term.start_year).bind(7, term.end_year);
    return insert->run();
}

}  // namespace

const std::vector<std::string>& vocabulary_kinds() {
    static const std::vector<std::string> kinds = {
        "item_type", "relic_category", "ich_category", "period",
        "grade",     "completeness",   "condition",    "acquisition"};
    return kinds;
}

Vocabulary::Vocabulary(std::vector<VocabTerm> terms) : terms_(std::move(terms)) {}

const VocabTerm* Vocabulary::find(std::string_view kind, std::string_view text) const {
    text = trim(text);
    if (text.empty()) return nullptr;
    for (const VocabTerm& term : terms_) {
        if (term.kind != kind) continue;
        if (term.code == text || term.zh == text || iequals(term.en, text) || iequals(term.code, text)) {
            return &term;
        }
    }
    return nullptr;
}

std::vector<const VocabTerm*> Vocabulary::terms(std::string_view kind) const {
    std::vector<const VocabTerm*> out;
    for (const VocabTerm& term : terms_) {
        if (term.kind == kind) out.push_back(&term);
    }
    return out;
}

std::vector<std::string> Vocabulary::kinds() const {
    std::vector<std::string> out;
    for (const VocabTerm& term : terms_) {
        if (std::find(out.begin(), out.end(), term.kind) == out.end()) out.push_back(term.kind);
    }
    return out;
}

Result<void> seed_vocabulary(const sql::Db& db, std::string_view file_name, std::string_view text) {
    const std::string kind = kind_for_file(file_name);
    if (kind.empty()) {
        return fail(Errc::invalid_argument, std::string(file_name) + ": not a known vocabulary file");
    }
    auto table = parse_csv(text, file_name);
    if (!table) return fail(std::move(table).error());
    if (!table->row_errors.empty()) {
        const auto& first = table->row_errors.front();
        return fail(Errc::invalid_argument, first.message);
    }
    auto column = [&](std::string_view name) -> int {
        for (std::size_t i = 0; i < table->header.size(); ++i) {
            if (table->header[i] == name) return static_cast<int>(i);
        }
        return -1;
    };
    const int zh = column("zh"), en = column("en"), code = column("code"), parent = column("parent"),
              start = column("start_year"), end = column("end_year");
    if (zh < 0) return fail(Errc::invalid_argument, std::string(file_name) + ": no 'zh' column");
    for (const CsvRow& row : table->rows) {
        auto cell = [&](int index) -> std::string {
            return index >= 0 && static_cast<std::size_t>(index) < row.cells.size()
                       ? std::string(trim(row.cells[index]))
                       : std::string();
        };
        const std::string zh_text = cell(zh);
        if (zh_text.empty()) continue;
        VocabTerm term{kind, code >= 0 ? cell(code) : zh_text, zh_text, cell(en), cell(parent), {}, {}};
        if (start >= 0) term.start_year = parse_year(cell(start));
        if (end >= 0) term.end_year = parse_year(cell(end));
        WENYUAN_TRY(upsert_term(db, term));
    }
    return {};
}

Result<void> Archive::Impl::load_vocabulary() {
    auto loaded = read_vocabulary(db);
    if (!loaded) return fail(std::move(loaded).error());
    vocabulary = std::move(*loaded);
    return {};
}

Result<Vocabulary> read_vocabulary(const sql::Db& db) {
    auto stmt = db.prepare(
        "SELECT kind, code, zh, en, parent, start_year, end_year FROM vocab ORDER BY kind, seq");
    if (!stmt) return fail(std::move(stmt).error());
    std::vector<VocabTerm> terms;
    WENYUAN_TRY(stmt->each([&](const sql::Stmt& row) {
        VocabTerm term{row.text(0), row.text(1), row.text(2), row.text(3), row.text(4), {}, {}};
        if (auto y = row.opt_int64(5)) term.start_year = static_cast<int>(*y);
        if (auto y = row.opt_int64(6)) term.end_year = static_cast<int>(*y);
        terms.push_back(std::move(term));
    }));
    // Present kinds in the documented order rather than alphabetically.
    std::stable_sort(terms.begin(), terms.end(), [](const VocabTerm& a, const VocabTerm& b) {
        const auto& kinds = vocabulary_kinds();
        return std::find(kinds.begin(), kinds.end(), a.kind) < std::find(kinds.begin(), kinds.end(), b.kind);
    });
    return Vocabulary(std::move(terms));
}

Result<void> Archive::add_vocabulary_term(const VocabTerm& term, std::string_view agent) {
    WENYUAN_TRY(impl_->require_writable("add a vocabulary term"));
    const auto& kinds = vocabulary_kinds();
    if (std::find(kinds.begin(), kinds.end(), term.kind) == kinds.end()) {
        return fail(Errc::invalid_argument, "vocabulary: unknown kind '" + term.kind + "'");
    }
    if (trim(term.zh).empty()) {
        return fail(Errc::invalid_argument, "vocabulary: a term needs a Chinese name (zh)");
    }
    auto tx = sql::Transaction::begin(impl_->db);
    if (!tx) return fail(std::move(tx).error());
    VocabTerm stored = term;
    if (stored.code.empty()) stored.code = stored.zh;
    WENYUAN_TRY(upsert_term(impl_->db, stored));
    Event event;
    event.time = now_utc_iso();
    event.type = "vocabulary_change";
    event.agent = std::string(agent);
    event.outcome = "success";
    event.detail = stored.kind + " " + stored.code + " = " + stored.zh + (stored.en.empty() ? "" : " / " + stored.en);
    WENYUAN_TRY(impl_->insert_event(event));
    WENYUAN_TRY(tx->commit());
    return impl_->load_vocabulary();
}

}  // namespace wenyuan
