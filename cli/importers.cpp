#include "importers.hpp"

#include "wenyuan/image_importer.hpp"
#include "wenyuan/media_importer.hpp"
#include "wenyuan/model_importer.hpp"

namespace wenyuan::cli {

ImporterRegistry make_registry() {
    ImporterRegistry registry;
    registry.add(make_image_importer());
    registry.add(make_media_importer());
    registry.add(make_model_importer());
    registry.add(make_any_file_importer());
    return registry;
}

}  // namespace wenyuan::cli
