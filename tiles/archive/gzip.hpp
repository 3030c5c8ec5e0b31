#pragma once
// Gzip (RFC 1952) compression of tiles and archive directories, on zlib.

#include <cstddef>
#include <string>
#include <string_view>

namespace bando::tiles::archive {

// True when `bytes` starts with the gzip magic number 1f 8b.
bool is_gzip(std::string_view bytes) noexcept;

// Compresses `bytes` into one gzip member at zlib's default level. Thread-safe.
// Throws bando::Error (internal) when zlib fails.
std::string gzip_compress(std::string_view bytes);

// Decompresses one gzip member. Throws bando::Error (invalid_argument) for data
// that is not gzip or is truncated, and when the output would exceed `max_bytes`.
std::string gzip_decompress(std::string_view bytes, std::size_t max_bytes);

}  // namespace bando::tiles::archive
