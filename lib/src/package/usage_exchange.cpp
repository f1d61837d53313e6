// Signed usage summaries from kiosk stations, and their merge at county level.
#include "wenyuan/usage_exchange.hpp"

#include <algorithm>
#include <map>

#include <nlohmann/json.hpp>

#include "../clock.hpp"
#include "../fsutil.hpp"

namespace wenyuan {
namespace {

using json = nlohmann::json;

json exhibits_json(const std::vector<ExhibitUsage>& list) {
    json out = json::array();
    for (const ExhibitUsage& x : list) {
        out.push_back({{"exhibition", x.exhibition}, {"item", x.item_id}, {"title", x.title}, {"opens", x.opens},
                       {"average_dwell_seconds", x.average_dwell_seconds}});
    }
    return out;
}

std::vector<ExhibitUsage> exhibits_from(const json& list) {
    std::vector<ExhibitUsage> out;
    if (!list.is_array()) return out;
    for (const json& x : list) {
        out.push_back({x.value("exhibition", ""), x.value("item", std::int64_t{0}), x.value("title", ""),
                       x.value("opens", std::size_t{0}), x.value("average_dwell_seconds", 0.0)});
    }
    return out;
}

json summary_json(const UsageSummary& s) {
    json out = {{"first", s.first}, {"last", s.last}, {"visits", s.visits}, {"exhibit_opens", s.exhibit_opens},
                {"searches", s.searches}, {"tours_started", s.tours_started}, {"tours_finished", s.tours_finished},
                {"average_dwell_seconds", s.average_dwell_seconds}, {"most_viewed", exhibits_json(s.most_viewed)},
                {"least_viewed", exhibits_json(s.least_viewed)}, {"kiosk_exhibits", s.kiosk_exhibits},
                {"kiosk_exhibits_opened", s.kiosk_exhibits_opened}, {"ratings", s.ratings},
                {"rating_counts", s.rating_counts}};
    out["coverage"] = s.coverage ? json(*s.coverage) : json();
    out["average_rating"] = s.average_rating ? json(*s.average_rating) : json();
    out["empty_searches"] = json::array();
    for (const QueryCount& q : s.empty_searches) out["empty_searches"].push_back({{"query", q.query}, {"times", q.times}});
    out["visits_per_day"] = json::array();
    for (const DayCount& d : s.visits_per_day) out["visits_per_day"].push_back({{"date", d.date}, {"visits", d.visits}});
    return out;
}

UsageSummary summary_from(const json& j) {
    UsageSummary s;
    s.first = j.value("first", "");
    s.last = j.value("last", "");
    s.visits = j.value("visits", std::size_t{0});
    s.exhibit_opens = j.value("exhibit_opens", std::size_t{0});
    s.searches = j.value("searches", std::size_t{0});
    s.tours_started = j.value("tours_started", std::size_t{0});
    s.tours_finished = j.value("tours_finished", std::size_t{0});
    s.average_dwell_seconds = j.value("average_dwell_seconds", 0.0);
    s.most_viewed = exhibits_from(j.value("most_viewed", json::array()));
    s.least_viewed = exhibits_from(j.value("least_viewed", json::array()));
    s.kiosk_exhibits = j.value("kiosk_exhibits", std::size_t{0});
    s.kiosk_exhibits_opened = j.value("kiosk_exhibits_opened", std::size_t{0});
    s.ratings = j.value("ratings", std::size_t{0});
    if (j.contains("coverage") && j["coverage"].is_number()) s.coverage = j["coverage"].get<double>();
    if (j.contains("average_rating") && j["average_rating"].is_number()) s.average_rating = j["average_rating"].get<double>();
    if (j.contains("rating_counts") && j["rating_counts"].is_array() && j["rating_counts"].size() == 5) {
        for (std::size_t i = 0; i < 5; ++i) s.rating_counts[i] = j["rating_counts"][i].get<std::size_t>();
    }
    for (const json& q : j.value("empty_searches", json::array())) s.empty_searches.push_back({q.value("query", ""), q.value("times", std::size_t{0})});
    for (const json& d : j.value("visits_per_day", json::array())) s.visits_per_day.push_back({d.value("date", ""), d.value("visits", std::size_t{0})});
    return s;
}

}  // namespace

std::string signed_usage_summary(const UsageSummary& summary, std::string_view station, const SigningKey& key) {
    const json payload = {{"station", station}, {"created", now_utc_iso()}, {"key_name", key.public_key.name},
                          {"summary", summary_json(summary)}};
    const std::string text = payload.dump(-1, ' ', false, json::error_handler_t::replace);
    const json file = {{"format", "wenyuan-usage-summary/1"}, {"payload", text}, {"key_id", key.public_key.key_id},
                       {"signature", sign_message(key, text)}};
    return file.dump(1, '\t') + "\n";
}

Result<StationUsage> read_usage_summary(const Archive& archive, const std::filesystem::path& file) {
    auto text = fs::read_file(file);
    if (!text) return fail(std::move(text).error());
    const std::string where = file.string() + ": ";
    const json doc = json::parse(*text, nullptr, false);
    if (!doc.is_object() || doc.value("format", "") != "wenyuan-usage-summary/1" || !doc["payload"].is_string() ||
        !doc["key_id"].is_string() || !doc["signature"].is_string()) {
        return fail(Errc::corrupt, where + "not a Wenyuan usage summary (made by `wenyuan usage export`)");
    }
    StationUsage out;
    out.file = file.string();
    out.key_id = doc["key_id"].get<std::string>();
    auto keys = trusted_keys(archive);
    if (!keys) return fail(std::move(keys).error());
    const auto key = std::find_if(keys->begin(), keys->end(), [&](const PublicKey& k) { return k.key_id == out.key_id; });
    if (key == keys->end()) {
        return fail(Errc::invalid_argument, where + "signed by key '" + out.key_id +
                                                "', which this archive does not trust (see `wenyuan keys trust`)");
    }
    const std::string payload_text = doc["payload"].get<std::string>();
    if (!verify_message(key->public_hex, payload_text, doc["signature"].get<std::string>())) {
        return fail(Errc::corrupt, where + "the signature does not match the summary (altered after signing)");
    }
    const json payload = json::parse(payload_text, nullptr, false);
    if (!payload.is_object() || !payload["summary"].is_object()) return fail(Errc::corrupt, where + "the summary is malformed");
    try {
        out.station = payload.value("station", "");
        out.created = payload.value("created", "");
        out.key_name = payload.value("key_name", key->name);
        out.summary = summary_from(payload["summary"]);
    } catch (const json::exception& e) {
        return fail(Errc::corrupt, where + "the summary is malformed: " + e.what());
    }
    if (out.station.empty()) out.station = out.key_name;
    return out;
}

UsageMerge merge_usage(std::vector<StationUsage> stations) {
    UsageMerge merge;
    std::map<std::string, std::size_t> seen;  // station → index; a later file replaces
    for (StationUsage& station : stations) {
        const auto found = seen.find(station.station);
        if (found != seen.end()) {
            merge.stations[found->second] = std::move(station);
        } else {
            seen[station.station] = merge.stations.size();
            merge.stations.push_back(std::move(station));
        }
    }
    double rating_sum = 0, coverage_sum = 0;
    std::size_t coverage_count = 0;
    std::map<std::string, std::size_t> empty;
    for (const StationUsage& station : merge.stations) {
        const UsageSummary& s = station.summary;
        merge.visits += s.visits;
        merge.exhibit_opens += s.exhibit_opens;
        merge.searches += s.searches;
        merge.tours_started += s.tours_started;
        merge.tours_finished += s.tours_finished;
        merge.ratings += s.ratings;
        for (std::size_t i = 0; i < 5; ++i) rating_sum += static_cast<double>((i + 1) * s.rating_counts[i]);
        if (s.coverage) {
            coverage_sum += *s.coverage;
            ++coverage_count;
        }
        if (s.visits > 0) ++merge.stations_with_visits;
        for (const QueryCount& q : s.empty_searches) empty[q.query] += q.times;
    }
    if (merge.ratings > 0) merge.average_rating = rating_sum / static_cast<double>(merge.ratings);
    if (coverage_count > 0) merge.average_coverage = coverage_sum / static_cast<double>(coverage_count);
    for (const auto& [query, times] : empty) merge.empty_searches.push_back({query, times});
    std::stable_sort(merge.empty_searches.begin(), merge.empty_searches.end(),
                     [](const QueryCount& a, const QueryCount& b) { return a.times > b.times; });
    return merge;
}

}  // namespace wenyuan
