// Finding a recording's sidecars by name, and reading a segments CSV.
#include <algorithm>
#include <cctype>
#include <system_error>

#include "wenyuan/csv.hpp"
#include "wenyuan/media_sidecars.hpp"

namespace wenyuan {
namespace {

std::string lower(std::string_view text) {
    std::string out(text);
    for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return out;
}

// A BCP 47-looking tag: letters, digits and hyphens, starting with 2–3 letters.
bool looks_like_language(std::string_view tag) {
    if (tag.size() < 2 || tag.size() > 20) return false;
    std::size_t letters = 0;
    while (letters < tag.size() && std::isalpha(static_cast<unsigned char>(tag[letters]))) ++letters;
    if (letters < 2 || letters > 3) return false;
    return std::all_of(tag.begin(), tag.end(), [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_'; });
}

int column_of(const std::vector<std::string>& header, std::initializer_list<std::string_view> names) {
    for (std::size_t i = 0; i < header.size(); ++i) {
        const std::string name = lower(header[i]);
        for (std::string_view wanted : names) {
            if (name == wanted) return static_cast<int>(i);
        }
    }
    return -1;
}

}  // namespace

bool caption_sidecar_lang(std::string_view stem, std::string_view file_name, std::string& lang) {
    if (file_name.size() <= stem.size() + 1 || file_name.substr(0, stem.size()) != stem || file_name[stem.size()] != '.') {
        return false;
    }
    const std::string rest(file_name.substr(stem.size() + 1));
    const std::string extension = lower(rest.substr(rest.size() >= 3 ? rest.size() - 3 : 0));
    if (extension != "vtt" && extension != "srt") return false;
    if (rest.size() == 3) {
        lang.clear();
        return true;
    }
    if (rest.size() < 5 || rest[rest.size() - 4] != '.') return false;
    const std::string tag = rest.substr(0, rest.size() - 4);
    if (!looks_like_language(tag)) return false;
    lang = tag;
    std::replace(lang.begin(), lang.end(), '_', '-');
    return true;
}

std::vector<CaptionSidecar> find_caption_sidecars(const std::filesystem::path& recording) {
    std::vector<CaptionSidecar> out;
    const std::string stem = recording.stem().string();
    std::error_code ec;
    for (std::filesystem::directory_iterator it(recording.parent_path().empty() ? "." : recording.parent_path(), ec), end;
         !ec && it != end; it.increment(ec)) {
        std::string lang;
        const std::string name = it->path().filename().string();
        if (caption_sidecar_lang(stem, name, lang) && it->is_regular_file(ec)) out.push_back({it->path(), lang});
    }
    std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.file < b.file; });
    return out;
}

std::filesystem::path find_segments_csv(const std::filesystem::path& recording) {
    auto csv = recording.parent_path() / (recording.stem().string() + ".segments.csv");
    std::error_code ec;
    return std::filesystem::is_regular_file(csv, ec) ? csv : std::filesystem::path();
}

Result<std::vector<SegmentDraft>> read_segments_csv(const std::filesystem::path& csv, std::string_view source,
                                                    std::vector<std::string>& warnings) {
    auto table = read_csv_file(csv);
    if (!table) return fail(std::move(table).error());
    const std::string name = csv.filename().string();
    for (const CsvRowError& error : table->row_errors) warnings.push_back(error.message);
    const int start = column_of(table->header, {"start", "开始", "起"});
    const int end = column_of(table->header, {"end", "结束", "止"});
    const int title = column_of(table->header, {"title", "标题", "名称"});
    const int description = column_of(table->header, {"description", "描述", "说明"});
    if (start < 0 || end < 0 || title < 0) {
        return fail(Errc::invalid_argument, name + ": a segments CSV needs the columns start, end, title (and description)");
    }
    std::vector<SegmentDraft> out;
    for (const CsvRow& row : table->rows) {
        const std::string where = name + ":" + std::to_string(row.line);
        auto from = parse_timecode(row.cells[static_cast<std::size_t>(start)]);
        auto to = parse_timecode(row.cells[static_cast<std::size_t>(end)]);
        if (!from || !to) {
            warnings.push_back(where + ": " + (!from ? from.error().message : to.error().message) + "; row skipped");
            continue;
        }
        SegmentDraft segment{*from, *to, row.cells[static_cast<std::size_t>(title)],
                             description >= 0 ? row.cells[static_cast<std::size_t>(description)] : "", std::string(source)};
        if (segment.title.empty() || segment.end < segment.start) {
            warnings.push_back(where + (segment.title.empty() ? ": no title" : ": it ends before it starts") + "; row skipped");
            continue;
        }
        out.push_back(std::move(segment));
    }
    return out;
}

Result<SegmentDraft> parse_inline_segment(std::string_view text) {
    const std::size_t space = text.find_first_of(" \t");
    const std::string_view range = text.substr(0, space);
    std::size_t dash = range.find("–"), width = 3;
    if (dash == std::string_view::npos) {
        dash = range.find_first_of("-~");
        width = 1;
    }
    if (dash == std::string_view::npos || space == std::string_view::npos) {
        return fail(Errc::invalid_argument, "write it as start-end title, e.g. 1:30-5:00 第一折");
    }
    auto start = parse_timecode(range.substr(0, dash));
    if (!start) return fail(std::move(start).error());
    auto end = parse_timecode(range.substr(dash + width));
    if (!end) return fail(std::move(end).error());
    std::string title(text.substr(space));
    title.erase(0, title.find_first_not_of(" \t"));
    SegmentDraft segment{*start, *end, title, "", "manifest"};
    if (segment.title.empty()) return fail(Errc::invalid_argument, "a segment needs a title");
    if (segment.end < segment.start) return fail(Errc::invalid_argument, "it ends before it starts");
    return segment;
}

}  // namespace wenyuan
