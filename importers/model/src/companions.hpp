// The files a model names besides itself: an OBJ's material libraries and their texture maps, a
// glTF's buffers and images, a COLLADA file's images. Found by reading the text cheaply, without
// Assimp, so that the import pipeline can plan a folder before any model is parsed.
//
// Thread-safe; reads only the model and the files it names.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

namespace wenyuan::model {

struct Companion {
    std::filesystem::path file;  ///< existing file, lexically normal
    std::string role;            ///< "material" (.mtl), "buffer" (.bin) or "texture"
    std::string reference;       ///< as written in the model or material library
};

struct Companions {
    std::vector<Companion> found;          ///< no duplicates, in the order first named
    std::vector<std::string> missing;      ///< "material library venus.mtl", "texture tex/a.jpg"
};

/// The companions of `model`, chosen by its extension (.obj, .gltf, .glb, .dae); other formats
/// have none that can be read this way (FBX and 3DS name their textures in binary chunks; those
/// are found when Assimp parses the file). Never fails: unreadable files give no companions.
Companions find_companions(const std::filesystem::path& model);

}  // namespace wenyuan::model
