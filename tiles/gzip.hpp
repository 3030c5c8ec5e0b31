#pragma once
// Gzip compression of encoded tiles, for Content-Encoding: gzip.

#include <string>
#include <string_view>

namespace bando::tiles {

// Compresses `data` into one gzip member (RFC 1952) with zlib's default level.
// Thread-safe. Throws bando::Error (internal) when zlib fails.
std::string gzip_compress(std::string_view data);

}  // namespace bando::tiles
