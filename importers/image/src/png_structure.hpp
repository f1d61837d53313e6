// A PNG file's chunk structure checked before a decoder sees it: truncated and corrupted files are
// refused with a reason that says where, instead of being handed to libpng through OpenCV, whose
// error handler prints "libpng error: …" to the process's stderr (two lines for one bad file);
// and the chunks libpng would only warn about left out of what OpenCV decodes.
#pragma once

#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace wenyuan::image {

/// Why the bytes are not a whole PNG, or nullopt when they are: the signature, then chunks each
/// within the file, up to IEND, with IHDR first and at least one IDAT, and the CRC-32 of every
/// critical chunk matching (a damaged ancillary chunk is left to png_without_ancillary_chunks). The pixel data itself is not decompressed. Pure function, thread-safe; reads every byte
/// once (the CRCs), about 1 ms per MB.
std::optional<std::string> png_structure_problem(std::span<const std::byte> bytes);

/// The same PNG with only the chunks that decide its pixels as OpenCV decodes them (IHDR, PLTE,
/// tRNS, IDAT, IEND): libpng warns on stderr about ancillary chunks it dislikes ("iCCP: known
/// incorrect sRGB profile"), through the default handler OpenCV leaves it, and OpenCV applies
/// none of them (no gamma, colour profile or significant bits). `bytes` must have passed
/// png_structure_problem.
std::vector<unsigned char> png_without_ancillary_chunks(std::span<const std::byte> bytes);

}  // namespace wenyuan::image
