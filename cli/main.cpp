// wenyuan: the staff command line. main() is the one place that turns errors into exit codes.
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <iostream>
#include <string_view>

#include "cli.hpp"

namespace {

using wenyuan::cli::commands;

void print_help() {
    std::printf("wenyuan %s: the Wenyuan heritage archive, for museum and library staff\n\n", wenyuan::version());
    std::printf("usage: wenyuan <command> <archive> [arguments] [--json]\n\ncommands:\n");
    for (const auto& command : commands()) {
        std::printf("  %-12s %.*s\n", std::string(command.name).c_str(), static_cast<int>(command.summary.size()),
                    command.summary.data());
    }
    std::printf("\n`wenyuan help <command>` shows a command's arguments. Errors go to stderr, one line each;\n"
                "the exit code is 0 when all went well, 1 when something failed, 2 for a wrong command line.\n");
}

int print_command_help(std::string_view name) {
    for (const auto& command : commands()) {
        if (command.name != name) continue;
        std::printf("wenyuan %s %s\n\n%s\n", std::string(command.name).c_str(), std::string(command.usage).c_str(),
                    std::string(command.summary).c_str());
        if (!command.options.empty()) {
            std::printf("\noptions:");
            for (const auto& option : command.options) {
                std::printf(" --%s%s", std::string(option.name).c_str(), option.takes_value ? " <value>" : "");
            }
            std::printf(" --json\n");
        }
        return wenyuan::cli::kOk;
    }
    return wenyuan::cli::report("unknown command '" + std::string(name) + "' (see `wenyuan help`)", wenyuan::cli::kUsage);
}

// Output that could not be written (a full disk, a closed file) is a failure, not exit 0.
int checked_output(int code) {
    std::cout.flush();
    errno = 0;
    const bool flushed = std::fflush(stdout) == 0;
    const int error = errno;  // meaningful only when this flush failed; earlier failures are sticky
    if (flushed && !std::ferror(stdout) && std::cout.good()) return code;
    wenyuan::cli::report(!flushed && error ? std::string("cannot write the output: ") + std::strerror(error)
                                           : std::string("cannot write the output"));
    return code == wenyuan::cli::kOk ? wenyuan::cli::kFailed : code;
}

}  // namespace

int main(int argc, char** argv) {
    if (argc < 2 || std::strcmp(argv[1], "help") == 0 || std::strcmp(argv[1], "--help") == 0 ||
        std::strcmp(argv[1], "-h") == 0) {
        if (argc >= 3) return print_command_help(argv[2]);
        print_help();
        return argc < 2 ? wenyuan::cli::kUsage : wenyuan::cli::kOk;
    }
    if (std::strcmp(argv[1], "--version") == 0 || std::strcmp(argv[1], "version") == 0) {
        std::printf("wenyuan %s\n", wenyuan::version());
        return wenyuan::cli::kOk;
    }
    for (const auto& command : commands()) {
        if (command.name != argv[1]) continue;
        auto args = wenyuan::cli::parse_args(command, argc, argv, 2);
        if (!args) return wenyuan::cli::report(args.error(), wenyuan::cli::kUsage);
        int code = wenyuan::cli::kFailed;
        try {
            code = command.run(*args);
        } catch (const std::exception& error) {
            return wenyuan::cli::report(std::string("internal error: ") + error.what(), wenyuan::cli::kFailed);
        }
        return checked_output(code);
    }
    return wenyuan::cli::report("unknown command '" + std::string(argv[1]) + "' (see `wenyuan help`)",
                                wenyuan::cli::kUsage);
}
