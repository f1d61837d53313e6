// A county archive with public and restricted items and an exhibition, a publisher key and a
// kiosk archive that trusts it: what the package tests start from.
#pragma once

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "test_support.hpp"
#include "wenyuan/archive.hpp"
#include "wenyuan/keys.hpp"
#include "wenyuan/package.hpp"

namespace wenyuan::test {

/// Stores `bytes` in the archive's object store and describes them as an asset of `role`
/// (named `role` unless `name` is given); a failed store fails the test.
AssetDraft stored_asset(Archive& archive, const std::string& role, const std::string& mime, const std::string& bytes,
                        const std::string& lang = "", const std::string& name = "");

/// Adds a public item with a preview, a thumbnail and an original of random bytes; returns its id.
std::int64_t add_image_item(Archive& archive, const std::string& title, std::size_t size, unsigned seed,
                            Access access = Access::public_access);

/// Saves an exhibition "cunshiguan" with one section showing `items`.
void save_simple_exhibition(Archive& archive, const std::vector<std::int64_t>& items, const std::string& slug = "cunshiguan");

/// Every row of every table of the catalog, as text: two equal dumps mean an unchanged catalog.
std::string dump_catalog(const std::filesystem::path& archive);

/// Files under objects/ and tmp/, as "path size" lines.
std::string dump_files(const std::filesystem::path& archive);

class PackageTest : public ::testing::Test {
protected:
    void SetUp() override;
    /// Exports `exhibitions` to dir/<name>.wyp with the options given.
    std::filesystem::path export_to(const std::string& name, ExportOptions options = {});

    TempDir dir;
    std::optional<Archive> source, kiosk;
    SigningKey key;
    std::vector<std::int64_t> items;  // public items in the exhibition
    std::int64_t secret = 0;          // a restricted item
};

}  // namespace wenyuan::test
