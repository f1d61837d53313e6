#include "cli.hpp"

#include <unistd.h>

#include <charconv>
#include <cstdio>
#include <iostream>

#include "wenyuan/fields.hpp"

namespace wenyuan::cli {

std::string Args::get(std::string_view name, std::string fallback) const {
    auto it = options.find(std::string(name));
    return it == options.end() ? fallback : it->second;
}

std::vector<std::string> Args::all(std::string_view name) const {
    std::vector<std::string> out;
    auto [begin, end] = options.equal_range(std::string(name));
    for (auto it = begin; it != end; ++it) out.push_back(it->second);
    return out;
}

Result<Args> parse_args(const Command& command, int argc, char** argv, int first) {
    Args args;
    const std::string prefix = "wenyuan " + std::string(command.name) + ": ";
    const std::string hint = " (see `wenyuan help " + std::string(command.name) + "`)";
    bool options_done = false;
    for (int i = first; i < argc; ++i) {
        const std::string_view arg = argv[i];
        if (options_done || arg.size() < 3 || arg.substr(0, 2) != "--") {
            if (arg == "--") {
                options_done = true;
                continue;
            }
            args.positional.emplace_back(arg);
            continue;
        }
        std::string name(arg.substr(2));
        std::optional<std::string> value;
        if (const auto eq = name.find('='); eq != std::string::npos) {
            value = name.substr(eq + 1);
            name.resize(eq);
        }
        const OptionSpec* spec = nullptr;
        for (const OptionSpec& option : command.options) {
            if (option.name == name) spec = &option;
        }
        if (!spec && name != "json") return fail(Errc::invalid_argument, prefix + "unknown option --" + name + hint);
        if (spec && spec->takes_value && !value) {
            if (i + 1 >= argc) return fail(Errc::invalid_argument, prefix + "--" + name + " needs a value" + hint);
            value = argv[++i];
        }
        if ((!spec || !spec->takes_value) && value) {
            return fail(Errc::invalid_argument, prefix + "--" + name + " takes no value" + hint);
        }
        args.options.emplace(name, value.value_or(""));
    }
    if (args.positional.size() < command.min_positional || args.positional.size() > command.max_positional) {
        return fail(Errc::invalid_argument,
                    prefix + "usage: wenyuan " + std::string(command.name) + " " + std::string(command.usage));
    }
    return args;
}

Result<Archive> open_archive(const std::string& path, OpenMode mode) {
    auto archive = Archive::open(path, mode);
    if (!archive) report(archive.error(), kUsage);
    return archive;
}

int report(const Error& error, int code) { return report(error.message, code); }

int report(std::string_view message, int code) {
    print_line("wenyuan: ", message);
    return code;
}

std::string one_line(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (const char c : text) {
        const auto byte = static_cast<unsigned char>(c);
        if (c == '\n') {
            out += "\\n";
        } else if (c == '\r') {
            out += "\\r";
        } else if ((byte < 0x20 && c != '\t') || byte == 0x7f) {
            char escaped[8];
            std::snprintf(escaped, sizeof escaped, "\\x%02x", byte);
            out += escaped;
        } else {
            out += c;
        }
    }
    return out;
}

void print_line(std::string_view prefix, std::string_view message) {
    const std::string line = one_line(message);
    std::fprintf(stderr, "%.*s%s\n", static_cast<int>(prefix.size()), prefix.data(), line.c_str());
}

void print_json(const nlohmann::json& value) {
    std::cout << value.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << '\n';
}

Result<long long> number_option(const Args& args, std::string_view command, std::string_view name, long long min,
                                long long max, long long fallback) {
    if (!args.has(name)) return fallback;
    const std::string text = args.get(name);
    long long value = 0;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (text.empty() || error != std::errc() || end != text.data() + text.size() || value < min || value > max) {
        return fail(Errc::invalid_argument, "wenyuan " + std::string(command) + ": --" + std::string(name) +
                                                " must be a whole number from " + std::to_string(min) + " to " +
                                                std::to_string(max) + ", not '" + text + "'");
    }
    return value;
}

Result<std::int64_t> parse_id(std::string_view text) {
    std::int64_t id = 0;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), id);
    if (error != std::errc() || end != text.data() + text.size() || id <= 0) {
        return fail(Errc::invalid_argument, "'" + std::string(text) + "' is not an item id (a positive number; see `wenyuan list`)");
    }
    return id;
}

Result<std::int64_t> resolve_item(const Archive& archive, std::string_view text) {
    if (auto id = parse_id(text)) return id;
    auto item = archive.item_by_key(text);
    if (!item) return fail(Errc::not_found, "'" + std::string(text) + "' is neither an item id nor a key (see `wenyuan list`)");
    return item->id;
}

std::string agent() { return default_agent("wenyuan"); }

nlohmann::json item_to_json(const Item& item, const Vocabulary& vocabulary) {
    nlohmann::json out = {{"id", item.id}, {"uid", item.uid}, {"title", item.title}, {"type", item.type}};
    for (const FieldInfo& field : item_fields()) {
        if (field.name == "category" || field.name == "title" || field.name == "type") continue;
        const std::string value = get_field(item, field);
        if (field.name == "keywords") {
            out["keywords"] = item.keywords;
        } else if (field.name == "years") {
            out["year_start"] = item.year_start ? nlohmann::json(*item.year_start) : nlohmann::json();
            out["year_end"] = item.year_end ? nlohmann::json(*item.year_end) : nlohmann::json();
        } else if (field.name == "latitude" || field.name == "longitude") {
            const auto& number = field.name == "latitude" ? item.latitude : item.longitude;
            out[std::string(field.name)] = number ? nlohmann::json(*number) : nlohmann::json();
        } else {
            out[std::string(field.name)] = value;
        }
        if (field.kind == FieldKind::vocab && !value.empty()) {
            if (const VocabTerm* term = vocabulary.find(field.vocab_kind, value)) {
                out[std::string(field.name) + "_label"] = {{"zh", term->zh}, {"en", term->en}};
            }
        }
    }
    if (const VocabTerm* term = vocabulary.find("item_type", item.type)) {
        out["type_label"] = {{"zh", term->zh}, {"en", term->en}};
    }
    out["created_at"] = item.created_at;
    out["updated_at"] = item.updated_at;
    return out;
}

nlohmann::json asset_to_json(const Asset& asset) {
    nlohmann::json out = {{"id", asset.id},     {"role", asset.role}, {"sha256", asset.sha256},
                          {"mime", asset.mime}, {"size", asset.size}, {"name", asset.name}};
    if (!asset.lang.empty()) out["lang"] = asset.lang;
    auto tech = nlohmann::json::parse(asset.tech_json, nullptr, false);
    if (tech.is_object()) {
        out["tech"] = tech;
        for (const char* key : {"width", "height", "duration"}) {
            if (tech.contains(key)) out[key] = tech[key];
        }
    }
    out["warnings"] = asset.warnings;
    if (asset.derived_from) out["derived_from"] = *asset.derived_from;
    return out;
}

bool stderr_is_terminal() { return ::isatty(STDERR_FILENO) == 1; }

}  // namespace wenyuan::cli
