// Shared pieces of the `wenyuan` command: argument parsing, the command table, output helpers.
#pragma once

#include <map>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "wenyuan/archive.hpp"
#include "wenyuan/result.hpp"

namespace wenyuan::cli {

/// Exit codes: 0 all went well, 1 something failed (a bad file or row, a verify problem),
/// 2 the command line itself is wrong or the archive cannot be opened.
enum Exit : int { kOk = 0, kFailed = 1, kUsage = 2 };

/// The largest count a numeric option takes (--limit, --offset, --max-pixels).
constexpr long long kMaxCount = 1'000'000'000'000;

struct OptionSpec {
    std::string_view name;  ///< without the leading "--"
    bool takes_value = false;
};

struct Args {
    std::vector<std::string> positional;
    std::multimap<std::string, std::string> options;

    bool has(std::string_view name) const { return options.count(std::string(name)) > 0; }
    std::string get(std::string_view name, std::string fallback = {}) const;
    std::vector<std::string> all(std::string_view name) const;
    bool json() const { return has("json"); }
};

struct Command {
    std::string_view name;
    std::string_view summary;
    std::string_view usage;  ///< after "wenyuan <name> "
    std::vector<OptionSpec> options;
    std::size_t min_positional = 0;
    std::size_t max_positional = 0;
    int (*run)(const Args& args);
};

/// Every subcommand, in help order.
const std::vector<Command>& commands();

/// Parses argv[first..] against the command's options. "--name value", "--name=value" and
/// boolean "--name" are accepted; "--" ends options. Errors: unknown option, missing value,
/// wrong number of positional arguments.
Result<Args> parse_args(const Command& command, int argc, char** argv, int first);

/// Opens the archive named by the first positional argument, printing a one-line error.
Result<Archive> open_archive(const std::string& path, OpenMode mode = OpenMode::read_write);

/// Prints "wenyuan: <message>" to stderr, on one line (see one_line), and returns `code`.
int report(const Error& error, int code = kFailed);
int report(std::string_view message, int code = kFailed);

/// `text` with line breaks and other control characters written as \n, \r and \xNN, so that a
/// message naming a hostile file name ("a\nb.jpg", terminal escapes) stays one line. Tabs and
/// UTF-8 stay as they are.
std::string one_line(std::string_view text);

/// Prints "<prefix><message>\n" to stderr with the message made one line.
void print_line(std::string_view prefix, std::string_view message);

/// Prints JSON to stdout, UTF-8 as is, indented.
void print_json(const nlohmann::json& value);

/// The whole number given as --<name>, or `fallback` when the option is absent. Errors (a usage
/// error, exit 2): "wenyuan <command>: --<name> must be a whole number from <min> to <max>" for
/// anything else ("abc", "2x", "-3", a number out of range).
Result<long long> number_option(const Args& args, std::string_view command, std::string_view name, long long min,
                                long long max, long long fallback);

/// Parses a positive item id. Errors name the text.
Result<std::int64_t> parse_id(std::string_view text);

/// An item named by its id ("12") or its manifest key ("CS-001").
Result<std::int64_t> resolve_item(const Archive& archive, std::string_view text);

/// The agent recorded in events: "wenyuan/<version> <user>@<host>".
std::string agent();

/// JSON for items and assets, shared by list, show and search.
nlohmann::json item_to_json(const Item& item, const Vocabulary& vocabulary);
nlohmann::json asset_to_json(const Asset& asset);

/// True when stderr is a terminal (progress bars, colours).
bool stderr_is_terminal();

}  // namespace wenyuan::cli
