// Exhibitions in the catalog (schema version 5): one row per exhibition holding its document with
// every item reference resolved to an id.
#include <algorithm>
#include <cstdio>
#include <set>

#include "../archive_impl.hpp"
#include "../clock.hpp"
#include "exhibition_sql.hpp"
#include "wenyuan/exhibition.hpp"

namespace wenyuan {
namespace {

/// Refs by id only: keys can be edited later, ids cannot.
void forget_keys(Exhibition& e) {
    e.cover.key.clear();
    for (Section& section : e.sections) {
        for (Exhibit& exhibit : section.exhibits) {
            exhibit.item.key.clear();
            exhibit.audio.key.clear();
        }
    }
    for (Tour& tour : e.tours) {
        for (TourStop& stop : tour.stops) {
            stop.item.key.clear();
            stop.audio.key.clear();
        }
    }
}

Result<std::optional<std::int64_t>> find_row(const sql::Db& db, std::string_view slug_or_id) {
    auto stmt = db.prepare("SELECT id FROM exhibitions WHERE slug = ?1 OR CAST(id AS TEXT) = ?1");
    if (!stmt) return fail(std::move(stmt).error());
    stmt->bind(1, slug_or_id);
    auto row = stmt->step();
    if (!row) return fail(std::move(row).error());
    if (!*row) return std::optional<std::int64_t>();
    return std::optional<std::int64_t>(stmt->int64(0));
}

Error not_found(std::string_view slug_or_id) {
    return Error{Errc::not_found, "exhibition '" + std::string(slug_or_id) + "': no such exhibition (see `wenyuan exhibition list`)"};
}

std::string problems_text(const std::vector<ExhibitionProblem>& problems) {
    std::string out;
    for (const ExhibitionProblem& p : problems) out += (out.empty() ? "" : "; ") + p.where + ": " + p.problem;
    return out;
}

/// Index pairs out of "sections[1].exhibits[3]…" or "tours[0].stops[2]…".
bool indices(const std::string& where, const char* pattern, std::size_t& a, std::size_t& b) {
    return std::sscanf(where.c_str(), pattern, &a, &b) == 2;
}

/// Takes out of `e` whatever each problem is about. Audio and segment problems only lose the
/// audio guide or the starting segment.
void drop(Exhibition& e, const std::vector<ExhibitionProblem>& problems) {
    std::vector<std::pair<std::size_t, std::size_t>> exhibits, stops;
    for (const ExhibitionProblem& p : problems) {
        std::size_t a = 0, b = 0;
        const bool audio = p.where.size() > 6 && p.where.ends_with(".audio");
        if (p.where == "cover") {
            e.cover = {};
        } else if (indices(p.where, "sections[%zu].exhibits[%zu]", a, b) && a < e.sections.size() &&
                   b < e.sections[a].exhibits.size()) {
            if (audio) e.sections[a].exhibits[b].audio = {};
            else if (p.where.ends_with(".segment")) e.sections[a].exhibits[b].segment.reset();  // start at the beginning
            else exhibits.emplace_back(a, b);
        } else if (indices(p.where, "tours[%zu].stops[%zu]", a, b) && a < e.tours.size() && b < e.tours[a].stops.size()) {
            if (audio) e.tours[a].stops[b].audio = {};
            else stops.emplace_back(a, b);
        }
    }
    // Erase from the back so that earlier indices stay valid.
    const auto erase_all = [](auto& pairs, auto&& erase) {
        std::sort(pairs.begin(), pairs.end());
        pairs.erase(std::unique(pairs.begin(), pairs.end()), pairs.end());
        for (auto it = pairs.rbegin(); it != pairs.rend(); ++it) erase(it->first, it->second);
    };
    erase_all(exhibits, [&](std::size_t s, std::size_t x) { e.sections[s].exhibits.erase(e.sections[s].exhibits.begin() + x); });
    erase_all(stops, [&](std::size_t t, std::size_t x) { e.tours[t].stops.erase(e.tours[t].stops.begin() + x); });
    std::erase_if(e.sections, [](const Section& s) { return s.exhibits.empty(); });
    // A stop whose exhibit was taken out goes with it.
    std::set<std::int64_t> shown;
    for (const Section& section : e.sections) {
        for (const Exhibit& exhibit : section.exhibits) shown.insert(exhibit.item.id);
    }
    for (Tour& tour : e.tours) std::erase_if(tour.stops, [&](const TourStop& s) { return !shown.count(s.item.id); });
    std::erase_if(e.tours, [](const Tour& t) { return t.stops.empty(); });
}

Result<Exhibition> read_row(const sql::Stmt& row) {
    auto parsed = parse_exhibition(row.text(1), "exhibition " + row.text(0));
    if (!parsed) return fail(Errc::corrupt, "catalog: " + parsed.error().message);
    parsed->id = row.int64(0);
    parsed->updated_at = row.text(2);
    return parsed;
}

}  // namespace

Result<void> create_exhibition_tables(const sql::Db& db) {
    return db.exec(R"sql(
CREATE TABLE exhibitions (
  id INTEGER PRIMARY KEY,
  slug TEXT NOT NULL UNIQUE,
  title TEXT NOT NULL CHECK (title <> ''),
  document TEXT NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
)sql");
}

Result<void> verify_exhibitions(const sql::Db& db, std::vector<VerifyProblem>& problems) {
    auto rows = db.prepare("SELECT id, document, updated_at, slug FROM exhibitions ORDER BY id");
    if (!rows) return fail(std::move(rows).error());
    auto item = db.prepare("SELECT count(*) FROM items WHERE id = ?1");
    if (!item) return fail(std::move(item).error());
    std::optional<Error> error;
    WENYUAN_TRY(rows->each([&](const sql::Stmt& row) {
        const std::string name = "exhibition " + row.text(3);
        auto e = read_row(row);
        if (!e) {
            problems.push_back({name, e.error().message});
            return;
        }
        const auto check = [&](const ItemRef& ref, const std::string& where) {
            if (ref.empty() || error) return;
            if (ref.id == 0) {
                problems.push_back({name, where + ": refers to '" + ref.key + "' by key, not by id"});
                return;
            }
            item->reset();
            item->bind(1, ref.id);
            auto found = item->step();
            if (!found) error = found.error();
            else if (item->int64(0) == 0) problems.push_back({name, where + ": item " + std::to_string(ref.id) + " does not exist"});
        };
        check(e->cover, "cover");
        for (std::size_t s = 0; s < e->sections.size(); ++s) {
            for (std::size_t x = 0; x < e->sections[s].exhibits.size(); ++x) {
                const std::string at = "sections[" + std::to_string(s) + "].exhibits[" + std::to_string(x) + "]";
                check(e->sections[s].exhibits[x].item, at + ".item");
                check(e->sections[s].exhibits[x].audio, at + ".audio");
            }
        }
        for (std::size_t t = 0; t < e->tours.size(); ++t) {
            for (std::size_t x = 0; x < e->tours[t].stops.size(); ++x) {
                const std::string at = "tours[" + std::to_string(t) + "].stops[" + std::to_string(x) + "]";
                check(e->tours[t].stops[x].item, at + ".item");
                check(e->tours[t].stops[x].audio, at + ".audio");
            }
        }
    }));
    if (error) return fail(*error);
    return {};
}

Result<std::int64_t> save_exhibition(Archive& archive, Exhibition exhibition, std::string_view agent) {
    Archive::Impl& impl = archive.impl();
    WENYUAN_TRY(impl.require_writable("save an exhibition"));
    auto tx = sql::Transaction::begin(impl.db);
    if (!tx) return fail(std::move(tx).error());
    auto problems = validate_exhibition(archive, exhibition);
    if (!problems) return fail(std::move(problems).error());
    if (!problems->empty()) {
        return fail(Errc::invalid_argument, "exhibition '" + exhibition.slug + "': " + std::to_string(problems->size()) +
                                                " problem(s), nothing saved: " + problems_text(*problems));
    }
    forget_keys(exhibition);
    const std::string document = exhibition_to_json(exhibition);
    const std::string time = now_utc_iso();
    auto existing = find_row(impl.db, exhibition.slug);
    if (!existing) return fail(std::move(existing).error());
    std::int64_t id = 0;
    if (*existing) {
        id = **existing;
        auto stmt = impl.db.prepare("UPDATE exhibitions SET title = ?2, document = ?3, updated_at = ?4 WHERE id = ?1");
        if (!stmt) return fail(std::move(stmt).error());
        WENYUAN_TRY(stmt->bind(1, id).bind(2, exhibition.title).bind(3, document).bind(4, time).run());
    } else {
        auto stmt = impl.db.prepare(
            "INSERT INTO exhibitions(slug, title, document, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?4)");
        if (!stmt) return fail(std::move(stmt).error());
        WENYUAN_TRY(stmt->bind(1, exhibition.slug).bind(2, exhibition.title).bind(3, document).bind(4, time).run());
        id = impl.db.last_insert_id();
    }
    WENYUAN_TRY(impl.insert_event({0, time, "metadata_change", std::nullopt, "", std::string(agent), "success",
                                   std::string(*existing ? "exhibition updated: " : "exhibition added: ") + exhibition.slug}));
    WENYUAN_TRY(tx->commit());
    return id;
}

Result<std::vector<ExhibitionSummary>> list_exhibitions(const Archive& archive) {
    auto stmt = archive.impl().db.prepare("SELECT id, document, updated_at FROM exhibitions ORDER BY title, id");
    if (!stmt) return fail(std::move(stmt).error());
    std::vector<ExhibitionSummary> out;
    std::optional<Error> error;
    WENYUAN_TRY(stmt->each([&](const sql::Stmt& row) {
        auto e = read_row(row);
        if (!e) {
            if (!error) error = e.error();
            return;
        }
        ExhibitionSummary summary{e->id, e->slug, e->title, e->title_en, e->sections.size(), 0, e->tours.size(), e->updated_at};
        for (const Section& section : e->sections) summary.exhibits += section.exhibits.size();
        out.push_back(std::move(summary));
    }));
    if (error) return fail(*error);
    return out;
}

Result<Exhibition> load_exhibition(const Archive& archive, std::string_view slug_or_id) {
    const sql::Db& db = archive.impl().db;
    auto id = find_row(db, slug_or_id);
    if (!id) return fail(std::move(id).error());
    if (!*id) return fail(not_found(slug_or_id));
    auto stmt = db.prepare("SELECT id, document, updated_at FROM exhibitions WHERE id = ?1");
    if (!stmt) return fail(std::move(stmt).error());
    stmt->bind(1, **id);
    auto row = stmt->step();
    if (!row) return fail(std::move(row).error());
    auto e = read_row(*stmt);
    if (!e) return e;
    // Keys back for people: an export should read like what the curator wrote.
    const auto key_of = [&](ItemRef& ref) {
        if (ref.id == 0) return;
        if (auto item = archive.item(ref.id, true)) ref.key = item->key;
    };
    key_of(e->cover);
    for (Section& section : e->sections) {
        for (Exhibit& exhibit : section.exhibits) {
            key_of(exhibit.item);
            key_of(exhibit.audio);
        }
    }
    for (Tour& tour : e->tours) {
        for (TourStop& stop : tour.stops) {
            key_of(stop.item);
            key_of(stop.audio);
        }
    }
    return e;
}

Result<void> remove_exhibition(Archive& archive, std::string_view slug_or_id, std::string_view agent) {
    Archive::Impl& impl = archive.impl();
    WENYUAN_TRY(impl.require_writable("remove an exhibition"));
    auto tx = sql::Transaction::begin(impl.db);
    if (!tx) return fail(std::move(tx).error());
    auto id = find_row(impl.db, slug_or_id);
    if (!id) return fail(std::move(id).error());
    if (!*id) return fail(not_found(slug_or_id));
    auto stmt = impl.db.prepare("DELETE FROM exhibitions WHERE id = ?1");
    if (!stmt) return fail(std::move(stmt).error());
    WENYUAN_TRY(stmt->bind(1, **id).run());
    WENYUAN_TRY(impl.insert_event({0, now_utc_iso(), "metadata_change", std::nullopt, "", std::string(agent), "success",
                                   "exhibition removed: " + std::string(slug_or_id)}));
    return tx->commit();
}

Result<std::vector<Exhibition>> kiosk_exhibitions(const Archive& archive, std::vector<ExhibitionProblem>* dropped) {
    auto stmt = archive.impl().db.prepare("SELECT id, document, updated_at FROM exhibitions ORDER BY id");
    if (!stmt) return fail(std::move(stmt).error());
    std::vector<Exhibition> all;
    std::vector<ExhibitionProblem> skipped;
    WENYUAN_TRY(stmt->each([&](const sql::Stmt& row) {
        auto e = read_row(row);
        if (e) all.push_back(std::move(*e));
        else skipped.push_back({"exhibition " + row.text(0), e.error().message});
    }));
    std::vector<Exhibition> out;
    for (Exhibition& e : all) {
        auto problems = validate_exhibition(archive, e);
        if (!problems) return fail(std::move(problems).error());
        drop(e, *problems);
        for (ExhibitionProblem& p : *problems) skipped.push_back({e.slug + ": " + p.where, std::move(p.problem)});
        if (!e.sections.empty()) out.push_back(std::move(e));
    }
    if (dropped) *dropped = std::move(skipped);
    return out;
}

}  // namespace wenyuan
