#include "importers.hpp"

#include "wenyuan/model_importer.hpp"

namespace wenyuan::cli {

ImporterRegistry make_registry() {
    ImporterRegistry registry;
    registry.add(make_model_importer());
    registry.add(make_any_file_importer());
    return registry;
}

}  // namespace wenyuan::cli
