// Exhibition packages: what a county archive sends down to township and village kiosks, as one
// signed BagIt bag (RFC 8493) serialised as an uncompressed tar (".wyp"). Layout, signing and
// the apply protocol are in docs/packages.md.
//
//   <name>/bagit.txt
//   <name>/bag-info.txt                 publisher key id, sequence, creation time, expiry
//   <name>/data/package.json            catalog rows of the items (public only) and their assets
//   <name>/data/exhibitions/<slug>.json the exhibitions, items referred to by the sender's ids
//   <name>/data/objects/<sha256>        asset bytes, content-addressed
//   <name>/manifest-sha512.txt          every payload file
//   <name>/tagmanifest-sha512.txt       bagit.txt, bag-info.txt, manifest-sha512.txt
//   <name>/signature-ed25519.txt        Ed25519 over tagmanifest-sha512.txt
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "wenyuan/archive.hpp"
#include "wenyuan/keys.hpp"
#include "wenyuan/result.hpp"

namespace wenyuan {

struct ExportOptions {
    std::vector<std::string> exhibitions;  ///< slugs or ids; at least one
    std::filesystem::path output;          ///< the .wyp file to write (replaced atomically)
    bool with_originals = false;           ///< also carry the items' originals
    /// An earlier package (.wyp) or a manifest-sha512.txt: objects it carries (or says its
    /// receiver already had) are left out. Empty: a full package.
    std::filesystem::path since;
    SigningKey key;
    std::int64_t sequence = 0;  ///< 0: milliseconds since 1970 (packages from one key must increase)
    std::string expires;        ///< "YYYY-MM-DD" (end of that day, UTC) or ISO time; empty: a year on
};

struct ExportReport {
    std::string name;  ///< the bag name (the output's stem)
    std::size_t exhibitions = 0, items = 0;
    std::size_t objects = 0;          ///< objects carried
    std::size_t objects_skipped = 0;  ///< left out because the receiver has them (--since)
    std::size_t withdrawn = 0;        ///< uids of items withdrawn at the source, listed for kiosks to drop
    std::uint64_t payload_bytes = 0, package_bytes = 0;
    std::int64_t sequence = 0;
    std::string created, expires, key_id;
    std::vector<std::string> dropped;  ///< exhibits left out (not public, missing), one line each
};

/// Writes a package of the given exhibitions, as the kiosk would show them today
/// (kiosk_exhibitions): only public, undeleted items and their non-original assets (and
/// originals when asked, or when an item has no access copy to show instead) enter. Every
/// package also lists the uids of once-public items now deleted or not public ("withdrawn", see
/// docs/packages.md) so kiosks drop them. Streams objects with flat memory; the output appears
/// only when complete. Errors: Errc::not_found (an exhibition), Errc::invalid_argument (no exhibition, bad
/// expiry, an unreadable --since, an output that exists but is not a regular file: a device, a
/// folder, a link), Errc::corrupt (a store object damaged), Errc::io.
/// Read-only on the archive; one thread at a time, as Archive.
Result<ExportReport> export_package(const Archive& archive, const ExportOptions& options,
                                    const ProgressFn& progress = {});

/// The sha256 names of the objects an earlier package carried or assumed its receiver had, read
/// from a .wyp or a manifest-sha512.txt. Errors: Errc::not_found, Errc::corrupt, Errc::io.
Result<std::vector<std::string>> package_objects(const std::filesystem::path& package_or_manifest);

struct ApplyReport {
    std::string name, key_id, created, expires;
    std::int64_t sequence = 0;
    std::size_t exhibitions = 0, items_added = 0, items_updated = 0, items_unchanged = 0;
    std::size_t items_withdrawn = 0;     ///< local items marked deleted: the publisher withdrew them
    std::size_t segments_removed = 0;    ///< segments of packaged items no longer at the source
    std::size_t objects_staged = 0, objects_present = 0;
    std::uint64_t bytes_staged = 0;
    bool already_applied = false;  ///< this very package was applied before; nothing changed
};

struct ApplyOptions {
    bool check_only = false;  ///< validate everything, stage and change nothing
};

/// Applies a package to a (kiosk) archive. First validates everything: tar structure and every
/// path (no "..", no absolute paths, no links, one bag folder), bagit.txt, the tag manifest, the
/// Ed25519 signature by a trusted key, sequence newer than the last applied from that publisher,
/// expiry, manifest completeness (no file missing, none extra), Payload-Oxum, every SHA-512 and
/// every object's SHA-256 name, that all items are public, and free disk space. Objects are
/// staged in tmp/ while hashing and moved into the store only when all is valid; the catalog
/// then switches in one SQLite transaction (items upserted by uid, assets, segments the source
/// removed taken away, withdrawn items marked deleted, exhibitions replaced by slug, the package
/// recorded). A kill at any moment leaves the old catalog; re-running
/// completes. Re-applying the package last applied reports already_applied and changes nothing.
/// Errors: Errc::corrupt (damaged or tampered: "<file.wyp>: <member>: <reason>"),
/// Errc::invalid_argument (untrusted key, rollback, expired, non-public item), Errc::limit
/// (disk space), Errc::io. The archive is unchanged on every error.
Result<ApplyReport> apply_package(Archive& archive, const std::filesystem::path& package,
                                  std::string_view agent, const ApplyOptions& options = {},
                                  const ProgressFn& progress = {});

/// A number that grows whenever a package is applied to the archive (0: none yet). A kiosk that
/// holds the archive open read-only polls it when it goes idle and reloads its exhibitions when
/// it changed: the new content is visible to every connection once the apply's transaction
/// commits, without a restart. Errors: Errc::io. Cheap (one indexed query).
Result<std::int64_t> package_generation(const Archive& archive);

}  // namespace wenyuan
