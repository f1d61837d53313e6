// The fallback importer: any file is archived as an item with the MIME type its bytes show.
#include <nlohmann/json.hpp>

#include "wenyuan/importer.hpp"

namespace wenyuan {
namespace {

class AnyFileImporter final : public Importer {
public:
    std::string_view name() const noexcept override { return "any"; }
    int score(const Sniffed&) const noexcept override { return 1; }

private:
    Result<ImportOutput> do_import(ImportJob& job) const override {
        ImportOutput output;
        nlohmann::json tech = {{"mime", job.sniffed().mime}, {"kind", job.sniffed().kind}};
        output.original_tech_json = tech.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
        return output;
    }
};

}  // namespace

std::unique_ptr<Importer> make_any_file_importer() { return std::make_unique<AnyFileImporter>(); }

}  // namespace wenyuan
