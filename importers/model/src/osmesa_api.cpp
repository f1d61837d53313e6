#include "osmesa_api.hpp"

#include <dlfcn.h>

#include <string>

namespace wenyuan::model {
namespace {

Result<OsMesaApi> load() {
    constexpr const char* kLibrary = "libOSMesa.so.8";
    void* library = dlopen(kLibrary, RTLD_NOW | RTLD_LOCAL);  // kept for the life of the process
    if (!library) {
        const char* why = dlerror();
        return fail(Errc::unsupported, std::string("cannot load ") + kLibrary +
                                           " to render the poster (install libosmesa6): " + (why ? why : "unknown"));
    }
    OsMesaApi api;
#define WENYUAN_OSMESA_LOAD(name)                                                                             \
    api.name = reinterpret_cast<decltype(api.name)>(dlsym(library, #name));                                   \
    if (!api.name) return fail(Errc::unsupported, std::string(kLibrary) + " has no " #name);
    WENYUAN_OSMESA_FUNCTIONS(WENYUAN_OSMESA_LOAD)
#undef WENYUAN_OSMESA_LOAD
    return api;
}

}  // namespace

Result<const OsMesaApi*> osmesa_api() {
    static const Result<OsMesaApi> loaded = load();
    if (!loaded) return fail(loaded.error().code, loaded.error().message);
    return &*loaded;
}

}  // namespace wenyuan::model
