#include "package_fixture.hpp"

#include <sqlite3.h>

#include <random>

#include "wenyuan/exhibition.hpp"

namespace wenyuan::test {

AssetDraft stored_asset(Archive& archive, const std::string& role, const std::string& mime, const std::string& bytes,
                        const std::string& lang, const std::string& name) {
    auto object = archive.store().put_bytes(bytes);
    EXPECT_TRUE(object) << object.error().message;
    AssetDraft draft;
    draft.role = role;
    draft.mime = mime;
    draft.sha256 = object ? object->sha256 : "";
    draft.size = object ? object->size : 0;
    draft.name = name.empty() ? role : name;
    draft.lang = lang;
    return draft;
}

std::int64_t add_image_item(Archive& archive, const std::string& title, std::size_t size, unsigned seed, Access access) {
    std::mt19937 random(seed);
    std::vector<AssetDraft> drafts;
    for (const char* role : {"original", "preview", "thumbnail"}) {
        std::string bytes(role == std::string("thumbnail") ? size / 8 + 1 : size, '\0');
        for (char& c : bytes) c = static_cast<char>(random());
        AssetDraft draft = stored_asset(archive, role, "image/jpeg", bytes, "", title + "-" + role + ".jpg");
        if (draft.role != "original") draft.derived_from_index = 0;
        drafts.push_back(draft);
    }
    Item item;
    item.title = title;
    item.type = "other";
    item.access = access;
    item.description = "说明 " + title;
    auto id = archive.add_item(item, drafts, {}, "test");
    EXPECT_TRUE(id) << id.error().message;
    return *id;
}

void save_simple_exhibition(Archive& archive, const std::vector<std::int64_t>& items, const std::string& slug) {
    Exhibition e;
    e.slug = slug;
    e.title = "村史馆";
    Section section;
    section.title = "第一厅";
    for (std::int64_t id : items) {
        Exhibit exhibit;
        exhibit.item.id = id;
        exhibit.caption = "展品 " + std::to_string(id);
        section.exhibits.push_back(exhibit);
    }
    e.sections.push_back(section);
    auto saved = save_exhibition(archive, e, "test");
    ASSERT_TRUE(saved) << saved.error().message;
}

std::string dump_catalog(const std::filesystem::path& archive) {
    sqlite3* db = nullptr;
    EXPECT_EQ(sqlite3_open_v2((archive / "catalog.db").c_str(), &db, SQLITE_OPEN_READONLY, nullptr), SQLITE_OK);
    std::vector<std::string> tables;
    sqlite3_stmt* stmt = nullptr;
    sqlite3_prepare_v2(db, "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name", -1, &stmt, nullptr);
    while (sqlite3_step(stmt) == SQLITE_ROW) tables.emplace_back(reinterpret_cast<const char*>(sqlite3_column_text(stmt, 0)));
    sqlite3_finalize(stmt);
    std::string out;
    for (const std::string& table : tables) {
        out += "== " + table + "\n";
        if (sqlite3_prepare_v2(db, ("SELECT * FROM \"" + table + "\"").c_str(), -1, &stmt, nullptr) != SQLITE_OK) continue;
        while (sqlite3_step(stmt) == SQLITE_ROW) {
            for (int c = 0; c < sqlite3_column_count(stmt); ++c) {
                const auto* text = sqlite3_column_text(stmt, c);
                out += text ? std::string(reinterpret_cast<const char*>(text), sqlite3_column_bytes(stmt, c)) : "NULL";
                out += '|';
            }
            out += '\n';
        }
        sqlite3_finalize(stmt);
    }
    sqlite3_close(db);
    return out;
}

std::string dump_files(const std::filesystem::path& archive) {
    std::string out;
    for (const char* folder : {"objects", "tmp"}) {
        std::error_code ec;
        for (auto it = std::filesystem::recursive_directory_iterator(archive / folder, ec);
             it != std::filesystem::recursive_directory_iterator(); ++it) {
            if (it->is_regular_file()) out += it->path().string() + " " + std::to_string(it->file_size()) + "\n";
        }
    }
    return out;
}

void PackageTest::SetUp() {
    auto created = Archive::create(dir / "county");
    ASSERT_TRUE(created) << created.error().message;
    source.emplace(std::move(*created));
    for (int i = 0; i < 3; ++i) items.push_back(add_image_item(*source, "老照片 " + std::to_string(i), 20000 + i * 1000, 10 + i));
    secret = add_image_item(*source, "内部档案", 5000, 99, Access::restricted);
    save_simple_exhibition(*source, items);
    auto made = generate_key(dir / "home", "county");
    ASSERT_TRUE(made) << made.error().message;
    key = *made;
    auto k = Archive::create(dir / "kiosk");
    ASSERT_TRUE(k) << k.error().message;
    kiosk.emplace(std::move(*k));
    ASSERT_TRUE(trust_key(*kiosk, key.public_key, "test"));
}

std::filesystem::path PackageTest::export_to(const std::string& name, ExportOptions options) {
    if (options.exhibitions.empty()) options.exhibitions = {"cunshiguan"};
    options.output = dir / (name + ".wyp");
    options.key = key;
    auto made = export_package(*source, options);
    EXPECT_TRUE(made) << made.error().message;
    return options.output;
}

}  // namespace wenyuan::test
