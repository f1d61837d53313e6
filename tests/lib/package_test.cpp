// Exhibition packages: round trip, BagIt validity by an independent checker, deltas, and every
// kind of tampering rejected with a specific message and the kiosk archive unchanged.
#include <nlohmann/json.hpp>

#include "bagit_checker.hpp"
#include "package_fixture.hpp"
#include "wenyuan/exhibition.hpp"
#include "wenyuan/search.hpp"
#include "wenyuan/segments.hpp"

namespace wenyuan::test {
namespace {

using json = nlohmann::json;

std::string member_data(const std::vector<TarMember>& members, const std::string& suffix) {
    for (const TarMember& m : members) {
        if (m.name.ends_with(suffix)) return m.data;
    }
    return {};
}

TEST_F(PackageTest, RoundTripShowsTheExhibitionOnTheKiosk) {
    const auto file = export_to("p1");
    EXPECT_TRUE(check_bagit(file).empty());
    auto reader = Archive::open(dir / "kiosk", OpenMode::read_only);  // a running kiosk
    ASSERT_TRUE(reader);
    EXPECT_EQ(package_generation(*reader).value_or(-1), 0);
    auto applied = apply_package(*kiosk, file, "test");
    ASSERT_TRUE(applied) << applied.error().message;
    EXPECT_EQ(applied->items_added, 3u);
    EXPECT_EQ(applied->exhibitions, 1u);
    EXPECT_EQ(applied->objects_staged, 6u);  // preview and thumbnail of three items; no originals
    EXPECT_GT(package_generation(*reader).value_or(0), 0) << "the open kiosk sees the new content";
    auto seen = kiosk_exhibitions(*reader);
    ASSERT_TRUE(seen);
    EXPECT_EQ(seen->size(), 1u);
    auto shown = kiosk_exhibitions(*kiosk);
    ASSERT_TRUE(shown);
    ASSERT_EQ(shown->size(), 1u);
    EXPECT_EQ(shown->front().title, "村史馆");
    EXPECT_EQ(shown->front().sections.at(0).exhibits.size(), 3u);
    // Items keep their uid, title and description; ids are the kiosk's own.
    auto first = kiosk->item(shown->front().sections[0].exhibits[0].item.id);
    ASSERT_TRUE(first);
    auto original = source->item(items[0]);
    EXPECT_EQ(first->uid, original->uid);
    EXPECT_EQ(first->description, original->description);
    auto verified = kiosk->verify();
    ASSERT_TRUE(verified);
    EXPECT_TRUE(verified->ok);
    EXPECT_TRUE(verified->unreferenced.empty());

    // The same package again changes nothing.
    const std::string before = dump_catalog(dir / "kiosk");
    auto again = apply_package(*kiosk, file, "test");
    ASSERT_TRUE(again) << again.error().message;
    EXPECT_TRUE(again->already_applied);
    EXPECT_EQ(dump_catalog(dir / "kiosk"), before);
}

TEST_F(PackageTest, CheckOnlyValidatesAndChangesNothing) {
    const auto file = export_to("p1");
    const std::string catalog = dump_catalog(dir / "kiosk"), files = dump_files(dir / "kiosk");
    ApplyOptions check;
    check.check_only = true;
    auto checked = apply_package(*kiosk, file, "test", check);
    ASSERT_TRUE(checked) << checked.error().message;
    EXPECT_EQ(checked->objects_staged, 6u);  // would be stored
    EXPECT_EQ(dump_catalog(dir / "kiosk"), catalog);
    EXPECT_EQ(dump_files(dir / "kiosk"), files);
}

TEST_F(PackageTest, RecordingsKeepTheirSegmentsAndCaptions) {
    std::vector<AssetDraft> drafts;
    const std::pair<const char*, const char*> files[] = {
        {"original", "video/mp4"}, {"access", "video/mp4"}, {"captions", "text/vtt"}, {"poster", "image/jpeg"}};
    for (const auto& [role, mime] : files) {
        drafts.push_back(stored_asset(*source, role, mime, std::string(role) + " bytes of the opera",
                                      role == std::string("captions") ? "zh" : ""));
    }
    Item opera;
    opera.title = "采茶戏";
    opera.access = Access::public_access;
    TimedRecords timed;
    timed.segments.push_back({10, 20, "第一场", "", "manual"});
    timed.segments.push_back({20, 30, "第二场", "", "manual"});
    timed.cues.push_back({2, 0.5, 1.5, "采茶歌"});
    auto id = add_item_with_timed(*source, opera, drafts, {}, timed, "test");
    ASSERT_TRUE(id) << id.error().message;
    auto segments = list_segments(*source, *id);
    ASSERT_TRUE(segments);
    ASSERT_EQ(segments->size(), 2u);

    Exhibition e;
    e.slug = "caichaxi";
    e.title = "采茶戏";
    Section section;
    section.title = "唱段";
    Exhibit exhibit;
    exhibit.item.id = *id;
    exhibit.segment = (*segments)[1].id;
    section.exhibits.push_back(exhibit);
    e.sections.push_back(section);
    ASSERT_TRUE(save_exhibition(*source, e, "test"));

    ExportOptions options;
    options.exhibitions = {"caichaxi"};
    options.sequence = 1;
    const auto file = export_to("opera", options);
    auto applied = apply_package(*kiosk, file, "test");
    ASSERT_TRUE(applied) << applied.error().message;
    auto shown = load_exhibition(*kiosk, "caichaxi");
    ASSERT_TRUE(shown);
    const Exhibit& there = shown->sections.at(0).exhibits.at(0);
    ASSERT_TRUE(there.segment);
    auto kiosk_segments = list_segments(*kiosk, there.item.id);
    ASSERT_TRUE(kiosk_segments);
    ASSERT_EQ(kiosk_segments->size(), 2u);
    bool found = false;
    for (const Segment& s : *kiosk_segments) found = found || (s.id == *there.segment && s.title == "第二场");
    EXPECT_TRUE(found);
    auto cues = list_cues(*kiosk, there.item.id);
    ASSERT_TRUE(cues);
    ASSERT_EQ(cues->size(), 1u);
    EXPECT_EQ(cues->front().text, "采茶歌");
    auto verified = kiosk->verify();
    ASSERT_TRUE(verified);
    EXPECT_TRUE(verified->ok);

    // The county removes the first scene: the delta takes it off the kiosk too.
    ASSERT_TRUE(remove_segment(*source, (*segments)[0].id, "test"));
    ExportOptions delta = options;
    delta.sequence = 2;
    delta.since = file;
    auto update = apply_package(*kiosk, export_to("opera2", delta), "test");
    ASSERT_TRUE(update) << update.error().message;
    EXPECT_EQ(update->segments_removed, 1u);
    kiosk_segments = list_segments(*kiosk, there.item.id);
    ASSERT_TRUE(kiosk_segments);
    ASSERT_EQ(kiosk_segments->size(), 1u);
    EXPECT_EQ(kiosk_segments->front().title, "第二场");
    shown = load_exhibition(*kiosk, "caichaxi");
    ASSERT_TRUE(shown);
    EXPECT_EQ(shown->sections.at(0).exhibits.at(0).segment, kiosk_segments->front().id);
    verified = kiosk->verify();
    ASSERT_TRUE(verified);
    EXPECT_TRUE(verified->ok);
}

TEST_F(PackageTest, WithdrawalsTravelToTheKiosk) {
    ExportOptions first;
    first.sequence = 1;
    const auto base = export_to("base", first);
    ASSERT_TRUE(apply_package(*kiosk, base, "test"));
    auto reader = Archive::open(dir / "kiosk", OpenMode::read_only);  // the running kiosk
    ASSERT_TRUE(reader);
    SearchOptions visitor;
    visitor.reader = Reader::kiosk;
    auto found = search_items(*reader, "老照片", visitor);
    ASSERT_TRUE(found);
    EXPECT_EQ(found->total, 3u);

    // At the county: one item deleted, one made restricted.
    const std::string deleted_uid = source->item(items[0])->uid, hidden_uid = source->item(items[1])->uid;
    ASSERT_TRUE(source->delete_item(items[0], "wrong object", "test"));
    ASSERT_TRUE(source->edit_item(items[1], {{"access", "restricted"}}, "test"));
    ExportOptions delta;
    delta.sequence = 2;
    delta.since = base;
    const auto update = export_to("update", delta);
    EXPECT_TRUE(check_bagit(update).empty());
    const json doc = json::parse(member_data(read_tar(update), "/data/package.json"));
    std::vector<std::string> expected = {deleted_uid, hidden_uid};
    std::sort(expected.begin(), expected.end());
    EXPECT_EQ(doc["withdrawn"].get<std::vector<std::string>>(), expected);
    for (const auto& uid : doc["withdrawn"]) EXPECT_NE(uid, source->item(secret)->uid) << "never public: never named";

    auto applied = apply_package(*kiosk, update, "test");
    ASSERT_TRUE(applied) << applied.error().message;
    EXPECT_EQ(applied->items_withdrawn, 2u);
    auto shown = kiosk_exhibitions(*reader);
    ASSERT_TRUE(shown);
    ASSERT_EQ(shown->size(), 1u);
    ASSERT_EQ(shown->front().sections.at(0).exhibits.size(), 1u);
    EXPECT_EQ(reader->item(shown->front().sections[0].exhibits[0].item.id)->title, "老照片 2");
    found = search_items(*reader, "老照片", visitor);
    ASSERT_TRUE(found);
    EXPECT_EQ(found->total, 1u);
    for (const SearchHit& hit : found->hits) EXPECT_EQ(hit.title, "老照片 2");
    auto verified = kiosk->verify();
    ASSERT_TRUE(verified);
    EXPECT_TRUE(verified->ok);

    // A full package (no --since) names the withdrawals too, for kiosks that missed the delta.
    ExportOptions full;
    full.sequence = 3;
    const auto again = export_to("full", full);
    EXPECT_EQ(json::parse(member_data(read_tar(again), "/data/package.json"))["withdrawn"].size(), 2u);
    auto reapplied = apply_package(*kiosk, again, "test");
    ASSERT_TRUE(reapplied) << reapplied.error().message;
    EXPECT_EQ(reapplied->items_withdrawn, 0u);  // already gone

    // Made public again and back in the exhibition: it returns.
    ASSERT_TRUE(source->edit_item(items[1], {{"access", "public"}}, "test"));
    save_simple_exhibition(*source, {items[1], items[2]});
    ExportOptions back;
    back.sequence = 4;
    back.since = again;
    auto returned = apply_package(*kiosk, export_to("back", back), "test");
    ASSERT_TRUE(returned) << returned.error().message;
    EXPECT_EQ(returned->items_updated, 1u);
    EXPECT_EQ(returned->items_withdrawn, 0u);
    found = search_items(*reader, "老照片", visitor);
    ASSERT_TRUE(found);
    EXPECT_EQ(found->total, 2u);
    verified = kiosk->verify();
    ASSERT_TRUE(verified);
    EXPECT_TRUE(verified->ok);
}

TEST_F(PackageTest, RestrictedItemsNeverEnter) {
    // An item that was public when the exhibition was saved and is restricted now.
    ASSERT_TRUE(source->edit_item(items[1], {{"access", "restricted"}}, "test"));
    const auto file = export_to("p1");
    const auto members = read_tar(file);
    const json doc = json::parse(member_data(members, "/data/package.json"));
    ASSERT_EQ(doc["items"].size(), 2u);
    const auto hidden = source->item(items[1]);
    const auto secret_item = source->item(secret);
    for (const auto& entry : doc["items"]) {
        EXPECT_EQ(entry["item"]["access"], "public");
        EXPECT_NE(entry["item"]["uid"], hidden->uid);
        EXPECT_NE(entry["item"]["uid"], secret_item->uid);
    }
    auto hidden_assets = source->assets(items[1]);
    for (const Asset& asset : *hidden_assets) {
        for (const TarMember& m : members) EXPECT_FALSE(m.name.ends_with(asset.sha256)) << m.name;
    }
}

TEST_F(PackageTest, OriginalsOnlyWhenAsked) {
    ExportOptions with;
    with.with_originals = true;
    const auto file = export_to("full", with);
    auto applied = apply_package(*kiosk, file, "test");
    ASSERT_TRUE(applied) << applied.error().message;
    EXPECT_EQ(applied->objects_staged, 9u);
    EXPECT_TRUE(check_bagit(file).empty());
}

TEST_F(PackageTest, DeltaCarriesOnlyWhatTheKioskLacks) {
    ExportOptions first;
    first.sequence = 1;
    const auto base = export_to("base", first);
    ASSERT_TRUE(apply_package(*kiosk, base, "test"));

    // A month later: one new exhibit, one title corrected.
    ASSERT_TRUE(source->edit_item(items[0], {{"title", "老照片（修订）"}}, "test"));
    items.push_back(add_image_item(*source, "新展品", 30000, 77));
    save_simple_exhibition(*source, items);
    ExportOptions delta;
    delta.sequence = 2;
    delta.since = base;
    const auto update = export_to("update", delta);
    EXPECT_TRUE(check_bagit(update).empty());
    std::size_t objects = 0;
    for (const TarMember& m : read_tar(update)) objects += m.name.find("/data/objects/") != std::string::npos;
    EXPECT_EQ(objects, 2u);  // the new item's preview and thumbnail

    // A kiosk without the base cannot take the delta, and says why.
    auto fresh = Archive::create(dir / "fresh");
    ASSERT_TRUE(fresh);
    ASSERT_TRUE(trust_key(*fresh, key.public_key, "test"));
    auto refused = apply_package(*fresh, update, "test");
    ASSERT_FALSE(refused);
    EXPECT_NE(refused.error().message.find("neither in the package nor in this archive"), std::string::npos);

    auto applied = apply_package(*kiosk, update, "test");
    ASSERT_TRUE(applied) << applied.error().message;
    EXPECT_EQ(applied->items_added, 1u);
    EXPECT_EQ(applied->items_updated, 1u);
    EXPECT_EQ(applied->items_unchanged, 2u);
    auto shown = kiosk_exhibitions(*kiosk);
    ASSERT_TRUE(shown);
    EXPECT_EQ(shown->front().sections[0].exhibits.size(), 4u);
    EXPECT_EQ(kiosk->item(shown->front().sections[0].exhibits[0].item.id)->title, "老照片（修订）");

    // Nothing changed since: an empty delta, and a delta of a delta still knows the base.
    ExportOptions none;
    none.sequence = 3;
    none.since = update;
    export_to("none", none);
    auto objects_known = package_objects(dir / "none.wyp");
    ASSERT_TRUE(objects_known);
    EXPECT_EQ(objects_known->size(), 8u);
    auto empty = apply_package(*kiosk, dir / "none.wyp", "test");
    ASSERT_TRUE(empty) << empty.error().message;
    EXPECT_EQ(empty->objects_staged + empty->objects_present, 0u);
}

// ---- tampering ------------------------------------------------------------------------------

class TamperTest : public PackageTest {
protected:
    void SetUp() override {
        PackageTest::SetUp();
        ExportOptions options;
        options.sequence = 100;
        good = export_to("good", options);
        members = read_tar(good);
        catalog_before = dump_catalog(dir / "kiosk");
        files_before = dump_files(dir / "kiosk");
    }

    TarMember& member(const std::string& suffix) {
        for (TarMember& m : members) {
            if (m.name.ends_with(suffix)) return m;
        }
        throw std::runtime_error("no member " + suffix);
    }

    TarMember& first_object() {
        for (TarMember& m : members) {
            if (m.name.find("/data/objects/") != std::string::npos) return m;
        }
        throw std::runtime_error("no object");
    }

    // Writes the damaged package, applies it, and checks the rejection and the unchanged kiosk.
    void expect_rejected(const std::string& expected) {
        const auto bad = dir / "bad.wyp";
        write_tar(bad, members);
        auto applied = apply_package(*kiosk, bad, "test");
        ASSERT_FALSE(applied) << "accepted a damaged package; expected: " << expected;
        EXPECT_NE(applied.error().message.find(expected), std::string::npos) << applied.error().message;
        EXPECT_EQ(applied.error().message.rfind(bad.string(), 0), 0u) << "the message names the package";
        EXPECT_EQ(dump_catalog(dir / "kiosk"), catalog_before);
        EXPECT_EQ(dump_files(dir / "kiosk"), files_before);
        auto verified = kiosk->verify();
        ASSERT_TRUE(verified);
        EXPECT_TRUE(verified->ok);
        EXPECT_EQ(verified->temp_files, 0u);
    }

    // Re-seals after an edit: manifest, Payload-Oxum, tag manifest and signature all made anew
    // with the publisher's key, as a trusted but faulty (or compromised) publisher would.
    void reseal() {
        std::string manifest;
        for (const TarMember& m : members) {
            if (m.name.find("/data/") != std::string::npos) manifest += sha512_hex(m.data) + "  " + m.name.substr(5) + "\n";
        }
        member("/manifest-sha512.txt").data = manifest;
        std::uint64_t bytes = 0, count = 0;
        for (const TarMember& m : members) {
            if (m.name.find("/data/") != std::string::npos) bytes += m.data.size(), ++count;
        }
        std::string& info = member("/bag-info.txt").data;
        const auto oxum = info.find("Payload-Oxum: ");
        info.replace(oxum, info.find('\n', oxum) - oxum, "Payload-Oxum: " + std::to_string(bytes) + "." + std::to_string(count));
        const std::string tags = sha512_hex(member("/bagit.txt").data) + "  bagit.txt\n" + sha512_hex(info) + "  bag-info.txt\n" +
                                 sha512_hex(manifest) + "  manifest-sha512.txt\n";
        member("/tagmanifest-sha512.txt").data = tags;
        member("/signature-ed25519.txt").data = "Key-Id: " + key.public_key.key_id + "\nSignature: " + sign_message(key, tags) + "\n";
    }

    std::filesystem::path good;
    std::vector<TarMember> members;
    std::string catalog_before, files_before;
};

TEST_F(TamperTest, TheUntouchedPackageApplies) {
    write_tar(dir / "copy.wyp", members);  // the test's tar writer gives an equivalent package
    EXPECT_TRUE(check_bagit(dir / "copy.wyp").empty());
    auto applied = apply_package(*kiosk, dir / "copy.wyp", "test");
    EXPECT_TRUE(applied) << applied.error().message;
}

TEST_F(TamperTest, FlippedPayloadByte) {
    TarMember& object = first_object();
    object.data[object.data.size() / 2] ^= 0x01;
    expect_rejected(object.name.substr(object.name.find("data/")) + ": SHA-512 does not match manifest-sha512.txt");
    EXPECT_FALSE(check_bagit(dir / "bad.wyp").empty()) << "the independent checker agrees";
}

TEST_F(TamperTest, FlippedJsonByte) {
    TarMember& doc = member("/data/package.json");
    doc.data[10] ^= 0x01;
    expect_rejected("data/package.json: SHA-512 does not match manifest-sha512.txt");
}

TEST_F(TamperTest, FlippedManifestByte) {
    TarMember& manifest = member("/manifest-sha512.txt");
    manifest.data[5] = manifest.data[5] == 'a' ? 'b' : 'a';
    expect_rejected("manifest-sha512.txt: SHA-512 does not match tagmanifest-sha512.txt");
}

TEST_F(TamperTest, FlippedSignatureByte) {
    TarMember& signature = member("/signature-ed25519.txt");
    const auto at = signature.data.find("Signature: ") + 20;
    signature.data[at] = signature.data[at] == '0' ? '1' : '0';
    expect_rejected("signature-ed25519.txt: the signature does not match tagmanifest-sha512.txt");
}

TEST_F(TamperTest, FlippedTagManifestByte) {
    TarMember& tags = member("/tagmanifest-sha512.txt");
    tags.data[3] = tags.data[3] == 'a' ? 'b' : 'a';
    expect_rejected("the signature does not match");
}

TEST_F(TamperTest, DroppedFile) {
    const std::string name = first_object().name;
    std::erase_if(members, [&](const TarMember& m) { return m.name == name; });
    expect_rejected(name.substr(name.find("data/")) + ": listed in manifest-sha512.txt but missing from the package");
}

TEST_F(TamperTest, AddedPayloadFile) {
    members.insert(members.begin() + 3, TarMember{"good/data/extra.txt", '0', "", "not in the manifest"});
    expect_rejected("data/extra.txt: not listed in manifest-sha512.txt");
}

TEST_F(TamperTest, AddedTagFile) {
    members.push_back(TarMember{"good/run-me.sh", '0', "", "rm -rf /"});
    expect_rejected("run-me.sh: unexpected file in the bag");
}

TEST_F(TamperTest, DotDotPath) {
    members.insert(members.begin() + 2, TarMember{"good/data/../../escape.txt", '0', "", "outside"});
    expect_rejected("'..' in the path leaves the bag");
}

TEST_F(TamperTest, LeadingDotSlashIsAccepted) {
    // As `tar -C dir -cf p.wyp .` writes it: "./" first, then "./good/…".
    for (TarMember& m : members) m.name = "./" + m.name;
    members.insert(members.begin(), TarMember{"./", '5', "", ""});
    const auto dotted = dir / "dotted.wyp";
    write_tar(dotted, members);
    auto applied = apply_package(*kiosk, dotted, "test");
    ASSERT_TRUE(applied) << applied.error().message;
    EXPECT_EQ(applied->items_added, 3u);
    EXPECT_EQ(applied->name, "good");
}

TEST_F(TamperTest, DotSlashDotDotPath) {
    members.insert(members.begin() + 2, TarMember{"./../escape.txt", '0', "", "outside"});
    expect_rejected("'..' in the path leaves the bag");
}

TEST_F(TamperTest, DotSlashAbsolutePath) {
    members.insert(members.begin() + 2, TarMember{".//etc/wenyuan.txt", '0', "", "outside"});
    expect_rejected("absolute path");
}

TEST_F(TamperTest, DotInsideThePath) {
    members.insert(members.begin() + 2, TarMember{"good/./data/x.txt", '0', "", "x"});
    expect_rejected("'.' or empty component in the path");
}

TEST_F(TamperTest, DotSlashSymlink) {
    members.insert(members.begin() + 2, TarMember{"./good/data/link", '2', "../../etc/passwd", ""});
    expect_rejected("packages hold no links");
}

TEST_F(TamperTest, AbsolutePath) {
    members.insert(members.begin() + 2, TarMember{"/etc/wenyuan.txt", '0', "", "outside"});
    expect_rejected("absolute path");
}

TEST_F(TamperTest, SymlinkLeavingTheBag) {
    members.insert(members.begin() + 2, TarMember{"good/data/objects/link", '2', "/etc/passwd", ""});
    expect_rejected("a link (to '/etc/passwd')");
}

TEST_F(TamperTest, SecondBagFolder) {
    members.push_back(TarMember{"other/data/x.txt", '0', "", "x"});
    expect_rejected("outside the bag folder 'good'");
}

TEST_F(TamperTest, ReplayOfAnOlderPackage) {
    ExportOptions newer;
    newer.sequence = 200;
    const auto file = export_to("newer", newer);
    ASSERT_TRUE(apply_package(*kiosk, file, "test"));
    catalog_before = dump_catalog(dir / "kiosk");
    files_before = dump_files(dir / "kiosk");
    expect_rejected("sequence 100 is older than package 200 already applied from this publisher (rollback refused)");
}

TEST_F(TamperTest, Expired) {
    ExportOptions old;
    old.expires = "2020-01-31";
    const auto file = export_to("old", old);
    members = read_tar(file);
    for (TarMember& m : members) m.name = "good" + m.name.substr(3);
    expect_rejected("bag-info.txt: the package expired on 2020-01-31T23:59:59Z");
}

TEST_F(TamperTest, UntrustedKey) {
    auto other = Archive::create(dir / "stranger");
    ASSERT_TRUE(other);
    auto applied = apply_package(*other, good, "test");
    ASSERT_FALSE(applied);
    EXPECT_NE(applied.error().message.find("which this archive does not trust"), std::string::npos);
}

TEST_F(TamperTest, RestrictedItemInAValidlySignedPackage) {
    // Even a package signed by a trusted key may not carry a non-public item.
    TarMember& doc = member("/data/package.json");
    json j = json::parse(doc.data);
    j["items"][0]["item"]["access"] = "restricted";
    doc.data = j.dump();
    reseal();
    expect_rejected("is restricted; packages carry public items only");
}

TEST_F(TamperTest, MalformedWithdrawalsInAValidlySignedPackage) {
    TarMember& doc = member("/data/package.json");
    json j = json::parse(doc.data);
    j["withdrawn"] = json::array({"../../etc/passwd"});
    doc.data = j.dump();
    reseal();
    expect_rejected("'withdrawn' holds \"../../etc/passwd\", not a 32-hex-digit uid");
}

TEST_F(TamperTest, TruncatedPackage) {
    const auto bad = dir / "bad.wyp";
    std::filesystem::copy_file(good, bad);
    std::filesystem::resize_file(bad, std::filesystem::file_size(good) / 2);
    auto applied = apply_package(*kiosk, bad, "test");
    ASSERT_FALSE(applied);
    EXPECT_NE(applied.error().message.find("truncated"), std::string::npos) << applied.error().message;
    EXPECT_EQ(dump_catalog(dir / "kiosk"), catalog_before);
}

}  // namespace
}  // namespace wenyuan::test
