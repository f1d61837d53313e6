// `wenyuan keys generate|trust|list`: publisher keys that sign exhibition packages.
#include <cstdio>

#include "cli.hpp"
#include "wenyuan/keys.hpp"

namespace wenyuan::cli {
namespace {

constexpr const char* kUsageText =
    "wenyuan keys: usage: wenyuan keys generate [name] | trust <archive> <file.pub> | list <archive>";

nlohmann::json key_json(const PublicKey& key) {
    nlohmann::json out = {{"key_id", key.key_id}, {"name", key.name}, {"public_key", key.public_hex}};
    if (!key.added_at.empty()) out["added_at"] = key.added_at;
    return out;
}

int generate(const Args& args) {
    if (args.positional.size() > 2) return report(kUsageText, kUsage);
    const std::string name = args.positional.size() == 2 ? args.positional[1] : "publisher";
    const auto home = wenyuan_home();
    auto key = generate_key(home, name);
    if (!key) return report(key.error());
    if (args.json()) {
        auto out = key_json(key->public_key);
        out["secret_file"] = (home / (name + ".key")).string();
        out["public_file"] = (home / (name + ".pub")).string();
        print_json(out);
    } else {
        std::printf("key %s (%s)\n  secret: %s\n  public: %s\n", key->public_key.key_id.c_str(), name.c_str(),
                    (home / (name + ".key")).c_str(), (home / (name + ".pub")).c_str());
    }
    return kOk;
}

int trust(const Args& args) {
    if (args.positional.size() != 3) return report(kUsageText, kUsage);
    auto key = read_public_key(args.positional[2]);
    if (!key) return report(key.error(), kUsage);
    auto archive = open_archive(args.positional[1]);
    if (!archive) return kUsage;
    if (auto trusted = trust_key(*archive, *key, agent()); !trusted) return report(trusted.error());
    if (args.json()) print_json(key_json(*key));
    else std::printf("trusted %s (%s)\n", key->key_id.c_str(), key->name.c_str());
    return kOk;
}

int list(const Args& args) {
    if (args.positional.size() != 2) return report(kUsageText, kUsage);
    auto archive = open_archive(args.positional[1], OpenMode::read_only);
    if (!archive) return kUsage;
    auto keys = trusted_keys(*archive);
    if (!keys) return report(keys.error());
    if (args.json()) {
        nlohmann::json out = nlohmann::json::array();
        for (const PublicKey& key : *keys) out.push_back(key_json(key));
        print_json(out);
    } else {
        for (const PublicKey& key : *keys) std::printf("%s  %-20s  since %s\n", key.key_id.c_str(), key.name.c_str(), key.added_at.c_str());
    }
    return kOk;
}

}  // namespace

int run_keys(const Args& args) {
    const std::string& action = args.positional[0];
    if (action == "generate") return generate(args);
    if (action == "trust") return trust(args);
    if (action == "list") return list(args);
    return report(kUsageText, kUsage);
}

}  // namespace wenyuan::cli
