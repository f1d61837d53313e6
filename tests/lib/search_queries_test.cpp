// The search correctness set: tests/lib/fixtures/search_queries.tsv holds queries with the items
// they must find (by key) in the catalogue tests/lib/fixtures/search_catalog.csv — Chinese words of
// one, two and four characters, traditional against simplified, pinyin and initials, English,
// mixed, phrases, exclusions, filters, access levels and hostile strings. Every query must find
// exactly its expected set (all of it, with a large limit); a table of results per class is
// printed.
#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "test_support.hpp"
#include "wenyuan/archive.hpp"
#include "wenyuan/csv.hpp"
#include "wenyuan/fields.hpp"
#include "wenyuan/search.hpp"

namespace wenyuan {
namespace {

const std::filesystem::path kFixtures =
    std::filesystem::path(WENYUAN_SOURCE_DIR) / "tests/lib/fixtures";

struct QueryCase {
    std::size_t line = 0;
    std::string kind, query, reader, expected;
};

// "\xNN" stands for a byte; "LONG" for a very long query.
std::string decode(const std::string& text) {
    if (text == "LONG") {
        std::string out;
        for (int i = 0; i < 3000; ++i) out += "青";
        return out;
    }
    std::string out;
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text.compare(i, 2, "\\x") == 0 && i + 3 < text.size() + 0 &&
            std::isxdigit(static_cast<unsigned char>(text[i + 2])) &&
            std::isxdigit(static_cast<unsigned char>(text[i + 3]))) {
            out += static_cast<char>(std::stoi(text.substr(i + 2, 2), nullptr, 16));
            i += 3;
        } else {
            out += text[i];
        }
    }
    return out;
}

std::vector<QueryCase> read_cases() {
    std::vector<QueryCase> cases;
    std::istringstream lines(test::read_file(kFixtures / "search_queries.tsv"));
    std::string line;
    for (std::size_t number = 1; std::getline(lines, line); ++number) {
        if (line.empty() || line[0] == '#') continue;
        std::vector<std::string> cells;
        std::size_t start = 0;
        for (std::size_t tab; (tab = line.find('\t', start)) != std::string::npos;
             start = tab + 1) {
            cells.push_back(line.substr(start, tab - start));
        }
        cells.push_back(line.substr(start));
        EXPECT_EQ(cells.size(), 4u) << "search_queries.tsv:" << number << ": expected 4 columns";
        if (cells.size() == 4)
            cases.push_back({number, cells[0], decode(cells[1]), cells[2], cells[3]});
    }
    return cases;
}

class SearchQueries : public ::testing::Test {
  protected:
    static void SetUpTestSuite() {
        dir_ = new test::TempDir;
        auto created = Archive::create(*dir_ / "a");
        ASSERT_TRUE(created) << created.error().message;
        archive_ = new Archive(std::move(*created));
        auto table = read_csv_file(kFixtures / "search_catalog.csv");
        ASSERT_TRUE(table) << table.error().message;
        ASSERT_TRUE(table->row_errors.empty());
        std::vector<Item> items;
        for (const CsvRow& row : table->rows) {
            Item item;
            for (std::size_t c = 0; c < table->header.size(); ++c) {
                if (row.cells[c].empty()) continue;
                const FieldInfo* field = find_field(table->header[c]);
                ASSERT_NE(field, nullptr) << table->header[c];
                auto set = set_field(item, *field, row.cells[c], archive_->vocabulary());
                ASSERT_TRUE(set) << "search_catalog.csv:" << row.line << ": "
                                 << set.error().message;
            }
            items.push_back(std::move(item));
        }
        auto ids = archive_->add_items(items, "test");
        ASSERT_TRUE(ids) << ids.error().message;
        keys_ = new std::map<std::int64_t, std::string>;
        for (std::size_t i = 0; i < items.size(); ++i) (*keys_)[(*ids)[i]] = items[i].key;
    }
    static void TearDownTestSuite() {
        delete archive_;
        delete keys_;
        delete dir_;
    }

    // The keys a query finds.
    static std::set<std::string> found(const std::string& query, Reader reader, bool& failed) {
        SearchOptions options;
        options.reader = reader;
        options.limit = 1000;
        options.facets = true;
        auto results = search_items(*archive_, query, options);
        failed = !results;
        std::set<std::string> keys;
        if (!results) return keys;
        for (const SearchHit& hit : results->hits) keys.insert(keys_->at(hit.id));
        EXPECT_EQ(results->total, keys.size()) << query;
        return keys;
    }

    static std::set<std::string> expected(const std::string& text, Reader reader) {
        std::set<std::string> keys;
        std::istringstream words(text);
        for (std::string word; words >> word;) {
            if (word == "-") continue;
            if (word == "ALL") {
                auto all = archive_->list_items({reader});
                for (const Item& item : *all) keys.insert(item.key);
            } else if (word[0] == '-') {
                keys.erase(word.substr(1));
            } else {
                keys.insert(word);
            }
        }
        return keys;
    }

    static test::TempDir* dir_;
    static Archive* archive_;
    static std::map<std::int64_t, std::string>* keys_;
};

test::TempDir* SearchQueries::dir_ = nullptr;
Archive* SearchQueries::archive_ = nullptr;
std::map<std::int64_t, std::string>* SearchQueries::keys_ = nullptr;

std::string joined(const std::set<std::string>& keys) {
    std::string out;
    for (const std::string& key : keys) out += (out.empty() ? "" : " ") + key;
    return out.empty() ? "-" : out;
}

TEST_F(SearchQueries, EveryQueryFindsExactlyItsExpectedItems) {
    const std::vector<QueryCase> cases = read_cases();
    ASSERT_GE(cases.size(), 100u);
    // Twice: first on a freshly opened archive, where small result sets read their own facts
    // until a large one loads every item's; then with every item's facts in memory.
    auto reopened = Archive::open(archive_->root());
    ASSERT_TRUE(reopened);
    *archive_ = std::move(*reopened);
    for (int pass = 0; pass < 2; ++pass) {
        std::map<std::string, std::pair<int, int>> per_class;  // class → (queries, passed)
        for (const QueryCase& c : cases) {
            const Reader reader = c.reader == "kiosk" ? Reader::kiosk : Reader::staff;
            bool failed = false;
            const std::set<std::string> got = found(c.query, reader, failed);
            const std::set<std::string> want = expected(c.expected, reader);
            const bool ok = !failed && got == want;
            auto& [queries, passed] = per_class[c.kind];
            ++queries;
            passed += ok ? 1 : 0;
            EXPECT_TRUE(ok) << "pass " << pass << ": search_queries.tsv:" << c.line << ": ["
                            << c.kind << "] " << c.query << " (" << c.reader
                            << ")\n  expected: " << joined(want)
                            << "\n  found:    " << (failed ? "an error" : joined(got));
        }
        std::printf("pass %d\n%-12s %8s %8s\n", pass + 1, "class", "queries", "passed");
        for (const auto& [kind, counts] : per_class)
            std::printf("%-12s %8d %8d\n", kind.c_str(), counts.first, counts.second);
    }
}

TEST_F(SearchQueries, TheItemTheQueryNamesRanksFirst) {
    const std::pair<const char*, const char*> best[] = {
        {"青铜镜", "R02"}, {"bronze mirror", "R02"}, {"川剧变脸", "C01"},
        {"蜀绣", "C02"},   {"龙舟", "C09"},          {"chechuang", "I01"},
    };
    for (const auto& [query, key] : best) {
        auto results = search_items(*archive_, query);
        ASSERT_TRUE(results) << query;
        ASSERT_FALSE(results->hits.empty()) << query;
        EXPECT_EQ(keys_->at(results->hits[0].id), key)
            << query << ": best hit is " << results->hits[0].title;
    }
}

TEST_F(SearchQueries, HostileQueriesLeaveTheCatalogIntact) {
    for (const char* query :
         {"'; DROP TABLE items; --", "\"; DELETE FROM search_docs; --", "NEAR(a b, 0)"}) {
        ASSERT_TRUE(search_items(*archive_, query)) << query;
    }
    auto count = archive_->count_items();
    ASSERT_TRUE(count);
    EXPECT_EQ(*count, keys_->size());
    auto report = archive_->verify();
    ASSERT_TRUE(report);
    EXPECT_TRUE(report->ok);
}

}  // namespace
}  // namespace wenyuan
