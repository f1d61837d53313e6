#include "test_support.hpp"

#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <random>
#include <sstream>
#include <stdexcept>

namespace wenyuan::test {

TempDir::TempDir() {
    const char* base = std::getenv("TMPDIR");
    std::random_device random;
    path_ = std::filesystem::path(base && *base ? base : "/tmp") /
            ("wenyuan-test-" + std::to_string(::getpid()) + "-" + std::to_string(random()));
    std::filesystem::create_directories(path_);
}

TempDir::~TempDir() {
    std::error_code ec;
    // Objects are stored read-only; make them writable so that the tree can go.
    for (auto it = std::filesystem::recursive_directory_iterator(path_, ec);
         !ec && it != std::filesystem::recursive_directory_iterator(); it.increment(ec)) {
        std::filesystem::permissions(it->path(), std::filesystem::perms::owner_write,
                                     std::filesystem::perm_options::add, ec);
    }
    std::filesystem::remove_all(path_, ec);
}

void write_file(const std::filesystem::path& file, std::string_view bytes) {
    if (file.has_parent_path()) std::filesystem::create_directories(file.parent_path());
    std::ofstream out(file, std::ios::binary | std::ios::trunc);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    if (!out) throw std::runtime_error("cannot write " + file.string());
}

std::string read_file(const std::filesystem::path& file) {
    std::ifstream in(file, std::ios::binary);
    std::stringstream buffer;
    buffer << in.rdbuf();
    return buffer.str();
}

namespace {

std::string drain(int fd) {
    std::string out;
    char buffer[65536];
    for (ssize_t got; (got = ::read(fd, buffer, sizeof buffer)) > 0;) out.append(buffer, static_cast<size_t>(got));
    return out;
}

}  // namespace

RunResult run(const std::vector<std::string>& argv, const std::vector<std::string>& env) {
    TempDir capture;
    const auto out_path = capture / "out", err_path = capture / "err";
    const pid_t pid = ::fork();
    if (pid == 0) {
        const int out = ::open(out_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
        const int err = ::open(err_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
        ::dup2(out, 1);
        ::dup2(err, 2);
        const int null = ::open("/dev/null", O_RDONLY);
        ::dup2(null, 0);
        for (const std::string& pair : env) ::putenv(const_cast<char*>(pair.c_str()));
        std::vector<char*> args;
        for (const std::string& arg : argv) args.push_back(const_cast<char*>(arg.c_str()));
        args.push_back(nullptr);
        ::execvp(args[0], args.data());
        ::_exit(127);
    }
    int status = 0;
    ::waitpid(pid, &status, 0);
    RunResult result;
    result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    const int out = ::open(out_path.c_str(), O_RDONLY), err = ::open(err_path.c_str(), O_RDONLY);
    result.out = drain(out);
    result.err = drain(err);
    ::close(out);
    ::close(err);
    return result;
}

std::filesystem::path binary(std::string_view name) {
    return std::filesystem::path(WENYUAN_BINARY_DIR) / "bin" / std::string(name);
}

std::filesystem::path shared_data(std::string_view relative) {
    return std::filesystem::path(WENYUAN_SHARED_DATA) / std::string(relative);
}

}  // namespace wenyuan::test
