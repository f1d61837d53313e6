#include <cmath>
#include <charconv>
#include <cstdio>

#include "archive_impl.hpp"
#include "clock.hpp"
#include "timed_sql.hpp"

namespace wenyuan {
namespace {

std::int64_t to_ms(double seconds) { return static_cast<std::int64_t>(std::llround(seconds * 1000.0)); }
double to_seconds(std::int64_t ms) { return static_cast<double>(ms) / 1000.0; }

Result<void> insert_segment(const sql::Db& db, std::int64_t item_id, const SegmentDraft& segment, const std::string& time) {
    auto stmt = db.cached(
        "INSERT INTO segments(item_id, start_ms, end_ms, title, description, source, created_at) "
        "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)");
    if (!stmt) return fail(std::move(stmt).error());
    (*stmt)->bind(1, item_id).bind(2, to_ms(segment.start)).bind(3, to_ms(segment.end)).bind(4, segment.title);
    (*stmt)->bind(5, segment.description).bind(6, segment.source.empty() ? "manual" : segment.source).bind(7, time);
    return (*stmt)->run();
}

Result<void> require_live_item(const sql::Db& db, std::int64_t item_id) {
    auto stmt = db.prepare("SELECT deleted_at IS NULL FROM items WHERE id = ?1");
    if (!stmt) return fail(std::move(stmt).error());
    stmt->bind(1, item_id);
    auto row = stmt->step();
    if (!row) return fail(std::move(row).error());
    const std::string name = "item " + std::to_string(item_id);
    if (!*row) return fail(Errc::not_found, name + ": no such item (see `wenyuan list`)");
    if (stmt->int64(0) == 0) return fail(Errc::not_found, name + ": the item was deleted");
    return {};
}

std::string describe(const SegmentDraft& segment) {
    return format_timecode(segment.start) + "–" + format_timecode(segment.end) + " " + segment.title;
}

}  // namespace

std::string format_timecode(double seconds) {
    if (!std::isfinite(seconds) || seconds < 0) seconds = 0;
    const std::int64_t ms = to_ms(seconds);
    const std::int64_t h = ms / 3'600'000, m = ms / 60'000 % 60, s = ms / 1000 % 60, rest = ms % 1000;
    char buffer[48];
    if (h > 0) {
        std::snprintf(buffer, sizeof buffer, "%lld:%02lld:%02lld", static_cast<long long>(h), static_cast<long long>(m),
                      static_cast<long long>(s));
    } else {
        std::snprintf(buffer, sizeof buffer, "%lld:%02lld", static_cast<long long>(m), static_cast<long long>(s));
    }
    std::string out = buffer;
    if (rest) {
        std::snprintf(buffer, sizeof buffer, ".%03lld", static_cast<long long>(rest));
        out += buffer;
        while (out.back() == '0') out.pop_back();
    }
    return out;
}

Result<double> parse_timecode(std::string_view text) {
    const auto bad = [&] {
        return fail(Errc::invalid_argument, "'" + std::string(text) + "' is not a time (use seconds, m:ss or h:mm:ss.mmm)");
    };
    if (text.empty() || text.size() > 32) return bad();
    double total = 0;
    int parts = 0;
    std::size_t at = 0;
    while (true) {
        const std::size_t colon = text.find(':', at);
        std::string part(text.substr(at, colon == std::string_view::npos ? std::string_view::npos : colon - at));
        if (part.empty()) return bad();
        const bool last = colon == std::string_view::npos;
        for (char& c : part) {
            if (c == ',') c = '.';
            if (!(std::isdigit(static_cast<unsigned char>(c)) || (last && c == '.'))) return bad();
        }
        double value = 0;
        const auto [end, error] = std::from_chars(part.data(), part.data() + part.size(), value);
        if (error != std::errc() || end != part.data() + part.size()) return bad();
        if (parts > 0 && value >= 60) return bad();
        total = total * 60 + value;
        if (++parts > 3) return bad();
        if (last) break;
        at = colon + 1;
    }
    if (!std::isfinite(total)) return bad();
    return total;
}

Result<void> validate_segment(const SegmentDraft& segment, const std::string& where) {
    if (!std::isfinite(segment.start) || !std::isfinite(segment.end) || segment.start < 0) {
        return fail(Errc::invalid_argument, where + ": the start must be a time of 0 or more");
    }
    if (segment.end < segment.start) {
        return fail(Errc::invalid_argument, where + ": it ends (" + format_timecode(segment.end) + ") before it starts (" +
                                                format_timecode(segment.start) + ")");
    }
    if (segment.title.empty()) return fail(Errc::invalid_argument, where + ": a segment needs a title");
    return {};
}

Result<void> create_timed_tables(const sql::Db& db) {
    return db.exec(R"sql(
CREATE TABLE segments (
  id INTEGER PRIMARY KEY,
  item_id INTEGER NOT NULL REFERENCES items(id),
  start_ms INTEGER NOT NULL CHECK (start_ms >= 0),
  end_ms INTEGER NOT NULL CHECK (end_ms >= start_ms),
  title TEXT NOT NULL CHECK (title <> ''),
  description TEXT NOT NULL DEFAULT '',
  source TEXT NOT NULL DEFAULT 'manual',
  created_at TEXT NOT NULL
);
CREATE INDEX segments_item ON segments(item_id, start_ms);
CREATE TABLE caption_cues (
  id INTEGER PRIMARY KEY,
  item_id INTEGER NOT NULL REFERENCES items(id),
  asset_id INTEGER NOT NULL REFERENCES assets(id),
  start_ms INTEGER NOT NULL,
  end_ms INTEGER NOT NULL,
  text TEXT NOT NULL
);
CREATE INDEX caption_cues_item ON caption_cues(item_id, asset_id, start_ms);
)sql");
}

Result<void> insert_timed(const sql::Db& db, std::int64_t item_id, const TimedRecords& timed,
                          const std::vector<std::int64_t>& asset_ids, const std::string& time) {
    for (const SegmentDraft& segment : timed.segments) WENYUAN_TRY(insert_segment(db, item_id, segment, time));
    auto cue = db.cached("INSERT INTO caption_cues(item_id, asset_id, start_ms, end_ms, text) VALUES (?1, ?2, ?3, ?4, ?5)");
    if (!cue) return fail(std::move(cue).error());
    for (std::size_t i = 0; i < timed.cues.size(); ++i) {
        const CueDraft& draft = timed.cues[i];
        if (draft.asset_index >= asset_ids.size()) {
            return fail(Errc::invalid_argument, "cue " + std::to_string(i + 1) + ": asset " +
                                                    std::to_string(draft.asset_index) + " is not among the item's assets");
        }
        (*cue)->reset();
        (*cue)->bind(1, item_id).bind(2, asset_ids[draft.asset_index]).bind(3, to_ms(draft.start)).bind(4, to_ms(draft.end));
        WENYUAN_TRY((*cue)->bind(5, draft.text).run());
    }
    return {};
}

Result<std::string> timed_text(const sql::Db& db, std::int64_t item_id) {
    std::string out;
    const auto add = [&](const std::string& text) {
        if (text.empty()) return;
        if (!out.empty()) out += '\n';
        out += text;
    };
    auto segments = db.cached("SELECT title, description FROM segments WHERE item_id = ?1 ORDER BY start_ms, id");
    if (!segments) return fail(std::move(segments).error());
    (*segments)->bind(1, item_id);
    WENYUAN_TRY((*segments)->each([&](const sql::Stmt& row) {
        add(row.text(0));
        add(row.text(1));
    }));
    auto cues = db.cached("SELECT text FROM caption_cues WHERE item_id = ?1 ORDER BY asset_id, start_ms, id");
    if (!cues) return fail(std::move(cues).error());
    (*cues)->bind(1, item_id);
    WENYUAN_TRY((*cues)->each([&](const sql::Stmt& row) { add(row.text(0)); }));
    return out;
}

Result<std::int64_t> add_segment(Archive& archive, std::int64_t item_id, const SegmentDraft& segment, std::string_view agent) {
    Archive::Impl& impl = archive.impl();
    WENYUAN_TRY(impl.require_writable("add a segment"));
    WENYUAN_TRY(validate_segment(segment, "item " + std::to_string(item_id) + ": segment"));
    auto tx = sql::Transaction::begin(impl.db);
    if (!tx) return fail(std::move(tx).error());
    WENYUAN_TRY(require_live_item(impl.db, item_id));
    const std::string time = now_utc_iso();
    WENYUAN_TRY(insert_segment(impl.db, item_id, segment, time));
    const std::int64_t id = impl.db.last_insert_id();
    WENYUAN_TRY(impl.insert_event({0, time, "metadata_change", item_id, "", std::string(agent), "success",
                                   "segment " + std::to_string(id) + " added: " + describe(segment)}));
    WENYUAN_TRY(impl.on_item_changed(item_id));
    WENYUAN_TRY(tx->commit());
    return id;
}

Result<std::vector<Segment>> list_segments(const Archive& archive, std::int64_t item_id) {
    std::vector<Segment> out;
    if (archive.schema_version() < 4) return out;  // a kiosk reading an older catalog
    auto stmt = archive.impl().db.prepare(
        "SELECT id, item_id, start_ms, end_ms, title, description, source, created_at FROM segments "
        "WHERE item_id = ?1 ORDER BY start_ms, id");
    if (!stmt) return fail(std::move(stmt).error());
    stmt->bind(1, item_id);
    WENYUAN_TRY(stmt->each([&](const sql::Stmt& row) {
        out.push_back({row.int64(0), row.int64(1), to_seconds(row.int64(2)), to_seconds(row.int64(3)), row.text(4),
                       row.text(5), row.text(6), row.text(7)});
    }));
    return out;
}

Result<void> remove_segment(Archive& archive, std::int64_t segment_id, std::string_view agent) {
    Archive::Impl& impl = archive.impl();
    WENYUAN_TRY(impl.require_writable("remove a segment"));
    auto tx = sql::Transaction::begin(impl.db);
    if (!tx) return fail(std::move(tx).error());
    auto stmt = impl.db.prepare("SELECT item_id, start_ms, end_ms, title FROM segments WHERE id = ?1");
    if (!stmt) return fail(std::move(stmt).error());
    stmt->bind(1, segment_id);
    auto row = stmt->step();
    if (!row) return fail(std::move(row).error());
    if (!*row) return fail(Errc::not_found, "segment " + std::to_string(segment_id) + ": no such segment (see `wenyuan segment list`)");
    const std::int64_t item_id = stmt->int64(0);
    const SegmentDraft gone{to_seconds(stmt->int64(1)), to_seconds(stmt->int64(2)), stmt->text(3), "", ""};
    auto remove = impl.db.prepare("DELETE FROM segments WHERE id = ?1");
    if (!remove) return fail(std::move(remove).error());
    WENYUAN_TRY(remove->bind(1, segment_id).run());
    const std::string time = now_utc_iso();
    WENYUAN_TRY(impl.insert_event({0, time, "metadata_change", item_id, "", std::string(agent), "success",
                                   "segment " + std::to_string(segment_id) + " removed: " + describe(gone)}));
    WENYUAN_TRY(impl.on_item_changed(item_id));
    return tx->commit();
}

Result<std::vector<Cue>> list_cues(const Archive& archive, std::int64_t item_id) {
    std::vector<Cue> out;
    if (archive.schema_version() < 4) return out;
    auto stmt = archive.impl().db.prepare(
        "SELECT c.id, c.item_id, c.asset_id, a.lang, c.start_ms, c.end_ms, c.text FROM caption_cues c "
        "JOIN assets a ON a.id = c.asset_id WHERE c.item_id = ?1 ORDER BY c.asset_id, c.start_ms, c.id");
    if (!stmt) return fail(std::move(stmt).error());
    stmt->bind(1, item_id);
    WENYUAN_TRY(stmt->each([&](const sql::Stmt& row) {
        out.push_back({row.int64(0), row.int64(1), row.int64(2), row.text(3), to_seconds(row.int64(4)),
                       to_seconds(row.int64(5)), row.text(6)});
    }));
    return out;
}

}  // namespace wenyuan
