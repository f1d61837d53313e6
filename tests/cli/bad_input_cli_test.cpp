// Bad input at the command line, as museum staff meet it: odd entries in the folders they import,
// hostile file names, mistyped options. Each gets one line naming it and its reason, the other
// files go on, and the archive still verifies.
#include <sys/stat.h>

#include <map>
#include <set>
#include <thread>

#include "cli_helpers.hpp"

namespace wenyuan::test {
namespace {

namespace fs = std::filesystem;

class BadInput : public ::testing::Test {
protected:
    void SetUp() override {
        archive = (dir / "archive").string();
        ASSERT_EQ(wenyuan({"init", archive}).exit_code, 0);
    }
    // The failures of an import's --json summary, by file name.
    static std::map<std::string, std::string> failures(const nlohmann::json& summary) {
        std::map<std::string, std::string> out;
        for (const auto& failure : summary["failed"]) {
            out[fs::path(failure["path"].get<std::string>()).filename().string()] = failure["error"];
        }
        return out;
    }
    void expect_verified() { EXPECT_EQ(wenyuan_json({"verify", archive})["ok"], true); }
    // Imports m/manifest.csv: its first row's file is archived, its second row refused for `reason`.
    void expect_second_row_refused(const std::string& reason) {
        const RunResult result = wenyuan({"import", archive, "--manifest", (dir / "m/manifest.csv").string(), "--json"});
        EXPECT_EQ(result.exit_code, 1) << result.err;
        const auto summary = nlohmann::json::parse(result.out);
        EXPECT_EQ(summary["imported"], 1);
        ASSERT_EQ(summary["failed"].size(), 1u) << result.out;
        EXPECT_EQ(summary["failed"][0]["path"], "manifest.csv:3");
        EXPECT_EQ(summary["failed"][0]["error"], reason);
    }

    TempDir dir;
    std::string archive;
};

TEST_F(BadInput, LinksAndPipesInAFolderAreNamedAndTheRestImported) {
    write_file(dir / "in/good.txt", "village chronicle");
    fs::create_symlink("loop-b", dir / "in/loop-a");
    fs::create_symlink("loop-a", dir / "in/loop-b");
    fs::create_symlink(dir / "nowhere.jpg", dir / "in/broken.jpg");
    ASSERT_EQ(::mkfifo((dir / "in/pipe.jpg").c_str(), 0644), 0);
    fs::create_symlink("good.txt", dir / "in/link.txt");  // a link to a file is followed

    const RunResult result = wenyuan({"import", archive, (dir / "in").string(), "--json"});
    EXPECT_EQ(result.exit_code, 1) << result.err;
    const auto summary = nlohmann::json::parse(result.out);
    EXPECT_EQ(summary["imported"], 1);
    EXPECT_EQ(summary["skipped"], 1);  // link.txt: the same bytes as good.txt
    auto failed = failures(summary);
    ASSERT_EQ(failed.size(), 4u) << result.out;
    EXPECT_EQ(failed["loop-a"], "cannot read it: Too many levels of symbolic links");
    EXPECT_EQ(failed["loop-b"], "cannot read it: Too many levels of symbolic links");
    EXPECT_EQ(failed["broken.jpg"], "a symbolic link to '" + (dir / "nowhere.jpg").string() + "', which does not exist");
    EXPECT_EQ(failed["pipe.jpg"], "not a regular file or folder (a named pipe)");
    EXPECT_EQ(lines(result.err).size(), 4u) << result.err;

    const RunResult named = wenyuan({"import", archive, (dir / "in/loop-a").string(), "--json"});
    EXPECT_EQ(named.exit_code, 1);
    EXPECT_EQ(failures(nlohmann::json::parse(named.out))["loop-a"], "cannot read it: Too many levels of symbolic links");
    expect_verified();
}

TEST_F(BadInput, TheArchiveIsNeverImportedIntoItself) {
    write_file(dir / "in/good.txt", "village chronicle");
    ASSERT_EQ(wenyuan({"import", archive, (dir / "in").string()}).exit_code, 0);
    for (const std::string& input : {archive, archive + "/", archive + "/catalog.db", archive + "/../archive/objects"}) {
        const RunResult result = wenyuan({"import", archive, input, "--json"});
        EXPECT_EQ(result.exit_code, 1) << input;
        const auto summary = nlohmann::json::parse(result.out);
        EXPECT_EQ(summary["imported"], 0) << input;
        ASSERT_EQ(summary["failed"].size(), 1u) << input;
        EXPECT_NE(summary["failed"][0]["error"].get<std::string>().find("inside the archive folder"), std::string::npos)
            << summary.dump();
    }
    // A folder that holds the archive is imported without it.
    write_file(dir / "more.txt", "a second page");
    const auto around = wenyuan_json({"import", archive, dir.path().string()});
    EXPECT_EQ(around["imported"], 1);
    EXPECT_EQ(around["skipped"], 1);
    EXPECT_EQ(wenyuan_json({"list", archive}).size(), 2u);
    expect_verified();
}

TEST_F(BadInput, HostileFileNamesStayOnOneLine) {
    write_file(dir / "in/bad\nname.jpg", "not a photograph");  // fails: the bytes are text
    write_file(dir / "in/warn\x1b[31mname.pdf", "not a document");  // archived, with a warning
    write_file(dir / "in/\xe9\x9d\x92\xe9\x93\x9c 'quoted' \"name\".txt", "a bronze");
    const RunResult result = wenyuan({"import", archive, (dir / "in").string(), "--json"});
    EXPECT_EQ(result.exit_code, 1);
    const auto errors = lines(result.err);
    ASSERT_EQ(errors.size(), 2u) << result.err;
    EXPECT_NE(errors[0].find("/in/bad\\nname.jpg: image importer: bad\\nname.jpg: not an image"), std::string::npos)
        << errors[0];
    EXPECT_EQ(errors[1], "warning: warn\\x1b[31mname.pdf: the extension says application/pdf but the bytes are text/plain");
    // JSON keeps the name as it is.
    const auto summary = nlohmann::json::parse(result.out);
    EXPECT_EQ(summary["imported"], 2);
    EXPECT_EQ(fs::path(summary["failed"][0]["path"].get<std::string>()).filename(), "bad\nname.jpg");

    const RunResult missing = wenyuan({"show", archive, "two\nlines"});
    EXPECT_EQ(missing.exit_code, 1);
    EXPECT_EQ(missing.err, "wenyuan: 'two\\nlines' is neither an item id nor a key (see `wenyuan list`)\n");
    expect_verified();
}

TEST_F(BadInput, MistypedNumbersAreUsageErrors) {
    write_file(dir / "in/a.txt", "village chronicle");
    const std::string in = (dir / "in").string();
    const std::vector<std::vector<std::string>> commands = {
        {"list", archive, "--limit", "abc"},      {"list", archive, "--limit", "-3"},
        {"list", archive, "--offset", "-1"},      {"list", archive, "--limit", "2x"},
        {"log", archive, "--limit", "ten"},       {"search", archive, "qt", "--limit", "0"},
        {"search", archive, "qt", "--limit", ""}, {"import", archive, in, "--jobs", "2x"},
        {"import", archive, in, "--max-pixels", "5e6"}};
    for (const auto& command : commands) {
        const RunResult result = wenyuan(command);
        const std::string shown = command[0] + " " + command[command.size() - 2] + " " + command.back();
        EXPECT_EQ(result.exit_code, 2) << shown;
        ASSERT_EQ(lines(result.err).size(), 1u) << shown << ": " << result.err;
        EXPECT_EQ(result.err.rfind("wenyuan: wenyuan " + command[0] + ": " + command[command.size() - 2] +
                                       " must be a whole number from ", 0),
                  0u)
            << result.err;
        EXPECT_NE(result.err.find("not '" + command.back() + "'"), std::string::npos) << result.err;
    }
    EXPECT_TRUE(wenyuan_json({"list", archive}).empty()) << "a refused import imported nothing";
    ASSERT_EQ(wenyuan({"import", archive, in, "--jobs", "2", "--max-pixels", "5000000"}).exit_code, 0);
    EXPECT_EQ(wenyuan_json({"list", archive, "--limit", "1", "--offset", "0"}).size(), 1u);
    EXPECT_EQ(wenyuan_json({"log", archive, "--limit", "1"}).size(), 1u);
}

TEST_F(BadInput, ExhibitionFilesThatDoNotParseAreInValidateJson) {
    write_file(dir / "cut.json", R"({"id": "cut", "title": "x", "sections": [)");
    write_file(dir / "array.json", "[1, 2, 3]");
    const std::string missing = (dir / "missing.json").string();
    const auto problems = wenyuan_json(
        {"exhibition", "validate", archive, (dir / "cut.json").string(), (dir / "array.json").string(), missing}, 1);
    ASSERT_EQ(problems.size(), 3u) << problems.dump();
    EXPECT_EQ(problems[0], nlohmann::json({{"file", (dir / "cut.json").string()},
                                           {"where", ""},
                                           {"problem", "not valid JSON (check commas, quotes and brackets)"}}));
    EXPECT_EQ(problems[1]["problem"], "the document: must be an object");
    EXPECT_EQ(problems[2]["file"], missing);
    EXPECT_EQ(problems[2]["problem"], "cannot read the file (missing, or not a file)");
}

TEST_F(BadInput, EmptyFilesAreRefusedWhateverTheirName) {
    for (const char* name : {"scan.jpg", "kiln.obj", "globe.glb", "opera.mp4", "notes.txt", "no-extension"}) {
        write_file(dir / "in" / name, "");
    }
    write_file(dir / "in/good.txt", "village chronicle");
    const RunResult result = wenyuan({"import", archive, (dir / "in").string(), "--json"});
    EXPECT_EQ(result.exit_code, 1);
    const auto summary = nlohmann::json::parse(result.out);
    EXPECT_EQ(summary["imported"], 1);
    const auto failed = failures(summary);
    ASSERT_EQ(failed.size(), 6u) << result.out;
    for (const auto& [name, error] : failed) {
        EXPECT_NE(error.find(" importer: " + name + ": the file is empty (0 bytes)"), std::string::npos) << error;
    }
    const auto verified = wenyuan_json({"verify", archive});
    EXPECT_EQ(verified["ok"], true);
    EXPECT_TRUE(verified["unreferenced"].empty()) << "the empty object stays behind";
}

TEST_F(BadInput, APackageIsNeverRenamedOverADeviceOrAFolder) {
    const std::vector<std::string> home = {"WENYUAN_HOME=" + (dir / "home").string()};
    ASSERT_EQ(run({binary("wenyuan").string(), "keys", "generate", "county"}, home).exit_code, 0);
    ASSERT_EQ(wenyuan({"import", archive, shared_data("images/misc_real/fruits.jpg").string(), "--access", "public"}).exit_code, 0);
    write_file(dir / "hall.json", R"({"id": "hall", "title": "村史", "sections": [{"title": "一", "exhibits": [{"item": 1}]}]})");
    ASSERT_EQ(wenyuan({"exhibition", "import", archive, (dir / "hall.json").string()}).exit_code, 0);
    fs::create_directories(dir / "folder.wyp");
    ASSERT_EQ(::mkfifo((dir / "pipe.wyp").c_str(), 0644), 0);
    for (const char* name : {"folder.wyp", "pipe.wyp"}) {
        const std::string output = (dir / name).string();
        const RunResult result = run({binary("wenyuan").string(), "package", "export", archive, "--exhibition", "hall",
                                      "-o", output, "--key", "county"},
                                     home);
        EXPECT_EQ(result.exit_code, 1) << name;
        EXPECT_EQ(result.err, "wenyuan: " + output + ": exists and is not a regular file; name a new .wyp file\n");
    }
    EXPECT_TRUE(fs::is_directory(dir / "folder.wyp"));
    EXPECT_TRUE(fs::is_fifo(dir / "pipe.wyp")) << "the pipe was replaced by the package";
    EXPECT_EQ(run({binary("wenyuan").string(), "package", "export", archive, "--exhibition", "hall", "-o",
                   (dir / "hall.wyp").string(), "--key", "county"},
                  home)
                  .exit_code,
              0);
}

// Runs wenyuan with `args` while `folder` is mounted read-only, in a private mount namespace that
// ends with the command (needs root; nothing outside the test sees the mount).
RunResult on_read_only_media(const std::string& folder, std::vector<std::string> args) {
    std::vector<std::string> command = {"/usr/bin/unshare", "--mount", "--propagation", "private", "/bin/sh", "-c",
                                        "mount --bind \"$1\" \"$1\" && mount -o remount,bind,ro \"$1\" && shift && exec \"$@\"",
                                        "sh", folder, binary("wenyuan").string()};
    command.insert(command.end(), args.begin(), args.end());
    return run(command);
}

TEST_F(BadInput, AnArchiveOnReadOnlyMediaIsListedSearchedAndVerified) {
    if (run({"/usr/bin/unshare", "--mount", "--propagation", "private", "/bin/true"}).exit_code != 0) {
        GTEST_SKIP() << "cannot make a mount namespace here (needs root)";
    }
    write_file(dir / "in/青铜鼎.txt", "a bronze ding");
    ASSERT_EQ(wenyuan({"import", archive, (dir / "in").string()}).exit_code, 0);

    const RunResult listed = on_read_only_media(archive, {"list", archive, "--json"});
    ASSERT_EQ(listed.exit_code, 0) << listed.err;
    EXPECT_EQ(nlohmann::json::parse(listed.out).size(), 1u);
    const RunResult found = on_read_only_media(archive, {"search", archive, "青铜", "--json"});
    ASSERT_EQ(found.exit_code, 0) << found.err;
    EXPECT_EQ(nlohmann::json::parse(found.out).size(), 1u);

    const RunResult verified = on_read_only_media(archive, {"verify", archive, "--json"});
    ASSERT_EQ(verified.exit_code, 0) << verified.err;
    const auto report = nlohmann::json::parse(verified.out);
    EXPECT_EQ(report["ok"], true);
    EXPECT_EQ(report["checked"], 1);
    EXPECT_NE(report["notes"].back().get<std::string>().find("verified read-only ("), std::string::npos) << report.dump();

    const RunResult refused = on_read_only_media(archive, {"import", archive, (dir / "in").string()});
    EXPECT_EQ(refused.exit_code, 2);
    EXPECT_EQ(lines(refused.err).size(), 1u) << refused.err;
    EXPECT_NE(refused.err.find("Read-only file system"), std::string::npos) << refused.err;
    // The fixity_check event of a read-only verify was not recorded (nowhere to record it).
    for (const auto& event : wenyuan_json({"log", archive})) EXPECT_NE(event["type"], "fixity_check");
}

// Runs wenyuan with stdout on `out` and stderr captured; returns the exit code.
int run_with_stdout(const std::string& out, const std::vector<std::string>& args, std::string& err, const TempDir& dir) {
    const std::string program = binary("wenyuan").string();
    const std::string err_file = (dir / "stderr.txt").string();
    std::vector<char*> argv{const_cast<char*>(program.c_str())};
    for (const std::string& a : args) argv.push_back(const_cast<char*>(a.c_str()));
    argv.push_back(nullptr);
    const pid_t child = ::fork();
    if (child == 0) {
        ::dup2(::open(out.c_str(), O_WRONLY), 1);
        ::dup2(::open(err_file.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644), 2);
        ::execv(program.c_str(), argv.data());
        ::_exit(127);
    }
    int status = 0;
    ::waitpid(child, &status, 0);
    err = read_file(err_file);
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

TEST_F(BadInput, OutputThatCannotBeWrittenIsAFailure) {
    struct stat info {};
    if (::stat("/dev/full", &info) != 0 || !S_ISCHR(info.st_mode)) GTEST_SKIP() << "no /dev/full here";
    write_file(dir / "in/a.txt", "village chronicle");
    ASSERT_EQ(wenyuan({"import", archive, (dir / "in").string()}).exit_code, 0);
    for (const std::vector<std::string>& args : {std::vector<std::string>{"list", archive},
                                                 std::vector<std::string>{"list", archive, "--json"},
                                                 std::vector<std::string>{"verify", archive, "--json"}}) {
        std::string err;
        EXPECT_EQ(run_with_stdout("/dev/full", args, err, dir), 1) << args.back();
        EXPECT_EQ(err.rfind("wenyuan: cannot write the output", 0), 0u) << err;
        EXPECT_EQ(lines(err).size(), 1u) << err;
    }
    std::string err;
    EXPECT_EQ(run_with_stdout("/dev/null", {"list", archive, "--json"}, err, dir), 0) << err;
    EXPECT_EQ(err, "");
}

TEST_F(BadInput, MisnamedModelsFailInsteadOfBeingArchived) {
    write_file(dir / "in/notes.glb", "village chronicle, not a model");
    write_file(dir / "in/noise.fbx", std::string(3000, '\x7f'));
    write_file(dir / "in/triangle.obj", "v 0 0 0\nv 1 0 0\nv 0 1 0\nf 1 2 3\n");
    const RunResult result = wenyuan({"import", archive, (dir / "in").string(), "--json"});
    EXPECT_EQ(result.exit_code, 1) << result.err;
    const auto summary = nlohmann::json::parse(result.out);
    EXPECT_EQ(summary["imported"], 1);  // the triangle
    auto failed = failures(summary);
    ASSERT_EQ(failed.size(), 2u) << result.out;
    EXPECT_EQ(failed["notes.glb"], "model importer: notes.glb: not a 3D model: the extension says model/gltf-binary but the bytes are text/plain");
    EXPECT_EQ(failed["noise.fbx"].rfind("model importer: noise.fbx: not a 3D model: the extension says model/x-fbx but the bytes are ", 0), 0u)
        << failed["noise.fbx"];
    EXPECT_EQ(lines(result.err).size(), 2u) << result.err;
    expect_verified();
}

// A 24-bit BMP header claiming width × height pixels, followed by `pixel_bytes` bytes of them.
std::string bmp_claiming(std::uint32_t width, std::uint32_t height, std::size_t pixel_bytes) {
    auto le = [](std::string& out, std::uint32_t value, int bytes) {
        for (int i = 0; i < bytes; ++i) out.push_back(static_cast<char>(value >> (8 * i) & 0xff));
    };
    const std::uint32_t row = (width * 3 + 3) / 4 * 4;
    std::string out = "BM";
    le(out, 54 + row * height, 4);
    le(out, 0, 4);
    le(out, 54, 4);
    le(out, 40, 4);
    le(out, width, 4);
    le(out, height, 4);
    le(out, 1, 2);
    le(out, 24, 2);
    le(out, 0, 4);
    le(out, row * height, 4);
    for (int i = 0; i < 4; ++i) le(out, 0, 4);
    return out + std::string(pixel_bytes, '\x40');
}

// Decoders print their own complaints (libpng to stderr, OpenCV's imread to std::cerr): none of it
// reaches the terminal, and the reason they give is in the file's one line.
TEST_F(BadInput, BrokenImagesAreOneLineEachWithNothingFromTheDecoders) {
    const std::string png = read_file(shared_data("images/heritage/greek_coins_pompeii_brooklyn_museum.png"));
    ASSERT_GT(png.size(), 10000u);
    write_file(dir / "in/coins.png", png.substr(0, 5000));
    write_file(dir / "in/scan.bmp", bmp_claiming(300, 200, 3000));
    const RunResult result = wenyuan({"import", archive, (dir / "in").string()});
    EXPECT_EQ(result.exit_code, 1);
    ASSERT_EQ(lines(result.err).size(), 2u) << result.err;
    EXPECT_NE(result.err.find("coins.png: PNG data: truncated: chunk IDAT at byte 33"), std::string::npos) << result.err;
    EXPECT_NE(result.err.find("scan.bmp: BMP data could not be decoded: Unexpected end of input stream\n"), std::string::npos) << result.err;
    expect_verified();
}

TEST_F(BadInput, ACatalogueRowNeverNamesTheArchivesOwnFiles) {
    write_file(dir / "m/ding.txt", "ding");
    write_file(dir / "m/manifest.csv", "file,title\nding.txt,鼎\n" + archive + "/catalog.db,目录\n");
    expect_second_row_refused("inside the archive folder " + archive + "; the archive's own files are never imported");
    expect_verified();
}

// Names from a Chinese Windows machine arrive in GBK: the title reads as it did there.
TEST_F(BadInput, FileNamesThatAreNotUtf8GetReadableTitles) {
    write_file(dir / "in" / std::string("\xB4\xE5\xD6\xBE_1.txt"), "page one");  // 村志 in GBK
    write_file(dir / "in" / std::string("x\xFF\xFEy.txt"), "page two");          // neither
    const auto summary = wenyuan_json({"import", archive, (dir / "in").string()});
    EXPECT_EQ(summary["imported"], 2);
    std::set<std::string> titles;
    for (const auto& item : wenyuan_json({"list", archive})) titles.insert(item["title"].get<std::string>());
    EXPECT_EQ(titles, (std::set<std::string>{"村志 1", "x\uFFFD\uFFFDy"}));
    std::string warnings;
    for (const auto& warning : summary["warnings"]) warnings += warning.get<std::string>() + "\n";
    EXPECT_NE(warnings.find("the file name is not UTF-8; read as GB18030 (GBK): 村志_1.txt\n"), std::string::npos) << warnings;
    EXPECT_NE(warnings.find("the file name is not UTF-8 or GB18030; undecodable bytes shown as \uFFFD: x\uFFFD\uFFFDy.txt\n"),
              std::string::npos) << warnings;
    EXPECT_EQ(wenyuan_json({"search", archive, "村志"}).size(), 1u);
    expect_verified();
}

TEST_F(BadInput, TheSigningKeysFolderIsNeverImported) {
    const fs::path home = dir / "home";
    write_file(home / "county.key", std::string(128, 'a'));
    write_file(dir / "m/ding.txt", "ding");
    write_file(dir / "m/manifest.csv", "file,title,access\nding.txt,鼎,public\n../home/county.key,钥匙,public\n");
    const std::vector<std::string> env = {"WENYUAN_HOME=" + home.string()};
    const std::string refused = "inside " + home.string() + ", the folder of signing keys ($WENYUAN_HOME); its files are never imported";
    for (const std::vector<std::string>& args : {std::vector<std::string>{"import", archive, home.string(), "--json"},
                                                 std::vector<std::string>{"import", archive, "--manifest", (dir / "m/manifest.csv").string(), "--json"}}) {
        std::vector<std::string> command = args;
        command.insert(command.begin(), binary("wenyuan").string());
        const RunResult result = run(command, env);
        EXPECT_EQ(result.exit_code, 1) << result.err;
        const auto summary = nlohmann::json::parse(result.out);
        ASSERT_EQ(summary["failed"].size(), 1u) << result.out;
        EXPECT_EQ(summary["failed"][0]["path"], (home / "county.key").string());
        EXPECT_EQ(summary["failed"][0]["error"], refused);
    }
    EXPECT_EQ(wenyuan_json({"list", archive}).size(), 1u);  // ding.txt only
    expect_verified();
}

TEST_F(BadInput, ManifestRowsOutsideItsFolderAreImportedWithOneWarning) {
    write_file(dir / "m/ding.txt", "ding");
    for (int i = 0; i < 5; ++i) write_file(dir / ("usb/scan" + std::to_string(i) + ".txt"), "scan " + std::to_string(i));
    std::string rows = "file,title\nding.txt,鼎\n../usb/scan0.txt,扫描0\n";
    for (int i = 1; i < 5; ++i) rows += (dir / ("usb/scan" + std::to_string(i) + ".txt")).string() + ",扫描" + std::to_string(i) + "\n";
    write_file(dir / "m/manifest.csv", rows);
    const RunResult result = wenyuan({"import", archive, "--manifest", (dir / "m/manifest.csv").string(), "--json"});
    EXPECT_EQ(result.exit_code, 0) << result.err;
    const auto summary = nlohmann::json::parse(result.out);
    EXPECT_EQ(summary["imported"], 6);
    ASSERT_EQ(summary["warnings"].size(), 1u) << result.out;
    EXPECT_EQ(summary["warnings"][0], "manifest.csv: 5 rows name files outside the manifest's folder (line 3: ../usb/scan0.txt; line 4: " +
                                          (dir / "usb/scan1.txt").string() + "; line 5: " + (dir / "usb/scan2.txt").string() +
                                          "; …); imported as named");
    // A row naming a file in a subfolder is inside: no warning.
    write_file(dir / "n/sub/bowl.txt", "bowl");
    write_file(dir / "n/manifest.csv", "file,title\nsub/bowl.txt,碗\n");
    const auto inside = wenyuan_json({"import", archive, "--manifest", (dir / "n/manifest.csv").string(), "--json"});
    EXPECT_EQ(inside["imported"], 1);
    EXPECT_TRUE(inside["warnings"].empty()) << inside.dump();
    expect_verified();
}

// A PNG chunk with its length and CRC-32 (bit by bit: tests need no zlib).
std::string png_chunk(const std::string& type, const std::string& data) {
    const std::string body = type + data;
    std::uint32_t crc = 0xFFFFFFFFu;
    for (const char c : body) {
        crc ^= static_cast<unsigned char>(c);
        for (int bit = 0; bit < 8; ++bit) crc = (crc >> 1) ^ (0xEDB88320u & (0u - (crc & 1u)));
    }
    crc ^= 0xFFFFFFFFu;
    auto be = [](std::uint32_t v) { return std::string{char(v >> 24), char(v >> 16 & 0xff), char(v >> 8 & 0xff), char(v & 0xff)}; };
    return be(static_cast<std::uint32_t>(data.size())) + body + be(crc);
}

// libpng warns about ancillary chunks it dislikes (a broken colour profile here) on stderr: a good
// picture imports with nothing printed but our summary.
TEST_F(BadInput, AGoodPngWithABrokenColourProfileImportsQuietly) {
    const std::string png = read_file(shared_data("images/heritage/greek_coins_pompeii_brooklyn_museum.png"));
    const std::size_t after_header = 8 + 25;  // signature, IHDR
    ASSERT_EQ(png.substr(12, 4), "IHDR");
    const std::string profile = png_chunk("iCCP", std::string("broken\0\0", 8) + "not a zlib stream");
    std::string note = png_chunk("tEXt", std::string("Comment\0scanned 1998", 20));
    note[note.size() - 1] ^= 0x5a;  // a damaged CRC: libpng only warns about an ancillary chunk
    write_file(dir / "in/coins.png", png.substr(0, after_header) + profile + note + png.substr(after_header));
    const RunResult result = wenyuan({"import", archive, (dir / "in").string()});
    EXPECT_EQ(result.exit_code, 0) << result.err;
    for (const std::string& line : lines(result.err)) EXPECT_EQ(line.rfind("warning: coins.png: ", 0), 0u) << line;
    EXPECT_EQ(wenyuan_json({"list", archive}).size(), 1u);
}

TEST_F(BadInput, ARepeatedKeyInACatalogueIsTheRowsFailure) {
    write_file(dir / "m/a.txt", "first page");
    write_file(dir / "m/b.txt", "second page");
    write_file(dir / "m/manifest.csv", "file,编号,title\na.txt,CS-001,村志\nb.txt,CS-001,族谱\n");
    expect_second_row_refused("key 'CS-001' is already used on line 2");
    const auto items = wenyuan_json({"list", archive});
    ASSERT_EQ(items.size(), 1u);
    EXPECT_EQ(items[0]["title"], "村志");
    expect_verified();
}

// Two people import the same folder at the same time: each file is archived once, whichever
// process gets there first, and the other counts it as already archived.
TEST_F(BadInput, TwoImportsOfOneFolderAtOnceArchiveEachFileOnce) {
    constexpr int kFiles = 200;
    for (int i = 0; i < kFiles; ++i) write_file(dir / "in" / ("record-" + std::to_string(i) + ".txt"), "村志 第" + std::to_string(i) + "页");
    RunResult runs[2];
    {
        std::thread other([&] { runs[1] = wenyuan({"import", archive, (dir / "in").string(), "--json"}); });
        runs[0] = wenyuan({"import", archive, (dir / "in").string(), "--json"});
        other.join();
    }
    int imported = 0;
    for (const RunResult& result : runs) {
        ASSERT_EQ(result.exit_code, 0) << result.err;
        const auto summary = nlohmann::json::parse(result.out);
        EXPECT_EQ(summary["imported"].get<int>() + summary["skipped"].get<int>(), kFiles) << result.out;
        imported += summary["imported"].get<int>();
    }
    EXPECT_EQ(imported, kFiles);
    EXPECT_EQ(wenyuan_json({"list", archive}).size(), static_cast<std::size_t>(kFiles));
    expect_verified();
}

}  // namespace
}  // namespace wenyuan::test
