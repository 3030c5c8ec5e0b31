#pragma once
// The PMTiles v3 binary layout: header, Hilbert tile ids and varint directories.

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "geo/tile_math.hpp"

namespace bando::tiles::archive::pmtiles {

inline constexpr std::size_t kHeaderSize = 127;
// The PMTiles v3 specification requires the root directory to end within the
// first 16 384 bytes of the archive.
inline constexpr std::size_t kRootLimit = 16384;

enum Compression : std::uint8_t { unknown = 0, none = 1, gzip = 2, brotli = 3, zstd = 4 };
inline constexpr std::uint8_t kTileTypeMvt = 1;

// The fixed 127-byte header; coordinates are degrees times 10^7.
struct Header {
  std::uint64_t root_offset = 0, root_length = 0;
  std::uint64_t metadata_offset = 0, metadata_length = 0;
  std::uint64_t leaves_offset = 0, leaves_length = 0;
  std::uint64_t data_offset = 0, data_length = 0;
  std::uint64_t addressed_tiles = 0, tile_entries = 0, tile_contents = 0;
  bool clustered = false;
  std::uint8_t internal_compression = gzip;
  std::uint8_t tile_compression = gzip;
  std::uint8_t tile_type = kTileTypeMvt;
  std::uint8_t min_zoom = 0, max_zoom = 0;
  std::int32_t min_lon_e7 = 0, min_lat_e7 = 0, max_lon_e7 = 0, max_lat_e7 = 0;
  std::uint8_t center_zoom = 0;
  std::int32_t center_lon_e7 = 0, center_lat_e7 = 0;
};

std::string serialize_header(const Header& header);

// Throws bando::Error (invalid_argument) when `bytes` is shorter than 127 bytes,
// lacks the "PMTiles" magic number or has a version other than 3.
Header parse_header(std::string_view bytes);

// The tile's position on the chain of Hilbert curves, one per zoom from 0:
// all tiles of lower zooms first, then the Hilbert index of (x, y) at z.
std::uint64_t tile_id(const geo::TileId& tile) noexcept;

// One directory entry. With run_length 0 it points to a leaf directory at
// `offset` in the leaf section. Otherwise it covers run_length consecutive
// tile ids that share the data at `offset` in the tile data section.
struct Entry {
  std::uint64_t tile_id = 0;
  std::uint64_t offset = 0;
  std::uint32_t length = 0;
  std::uint32_t run_length = 0;
};

// Serialises entries (sorted by tile_id) column by column as varints, before
// internal compression: count, tile id deltas, run lengths, lengths, then
// offsets (0 when contiguous with the previous entry, else offset + 1).
std::string encode_directory(const std::vector<Entry>& entries);

// Inverse of encode_directory. Throws bando::Error (invalid_argument) for
// truncated or inconsistent input, or more than `max_entries` entries.
std::vector<Entry> decode_directory(std::string_view bytes, std::size_t max_entries);

// Finds the entry for `id`: a tile entry whose run covers it, or the leaf
// pointer whose range may contain it. Returns nullopt when there is none.
std::optional<Entry> find_entry(const std::vector<Entry>& entries, std::uint64_t id);

}  // namespace bando::tiles::archive::pmtiles
