// A read-only memory map of a whole file, so that header parsers can follow offsets anywhere in
// it (a TIFF directory often sits at the end) while only the pages they touch are read.
#pragma once

#include <sys/mman.h>

#include <cstddef>
#include <filesystem>
#include <span>

#include "wenyuan/result.hpp"

namespace wenyuan::image {

class MappedFile {
public:
    /// Maps the file. An empty file maps to an empty span. Errors: Errc::io.
    static Result<MappedFile> open(const std::filesystem::path& file);
    MappedFile(MappedFile&& other) noexcept : data_(other.data_), size_(other.size_) { other.data_ = nullptr; }
    MappedFile& operator=(MappedFile&&) = delete;
    ~MappedFile() {
        if (data_) ::munmap(data_, size_);
    }
    std::span<const std::byte> bytes() const noexcept { return {static_cast<const std::byte*>(data_), size_}; }

private:
    MappedFile(void* data, std::size_t size) : data_(data), size_(size) {}
    void* data_ = nullptr;
    std::size_t size_ = 0;
};

}  // namespace wenyuan::image
