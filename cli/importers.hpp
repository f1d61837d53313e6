// The importers this build of the CLI knows, registered explicitly.
#pragma once

#include "wenyuan/importer.hpp"

namespace wenyuan::cli {

/// Every importer, best-suited first; the "any file" fallback is always last.
ImporterRegistry make_registry();

}  // namespace wenyuan::cli
