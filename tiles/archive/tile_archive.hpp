#pragma once
// The interfaces shared by the MBTiles and PMTiles archive writers and readers.

#include <cstdint>
#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "geo/box.hpp"
#include "geo/tile_math.hpp"

namespace bando::tiles::archive {

enum class ArchiveFormat { mbtiles, pmtiles };

// "mbtiles" or "pmtiles".
const char* to_string(ArchiveFormat format) noexcept;

// Tileset-level metadata, written by both formats (MBTiles metadata table,
// PMTiles header and JSON metadata).
struct ArchiveMetadata {
  std::string name;
  std::string description;
  std::string attribution;
  geo::Box bounds_lonlat;          // WGS 84 degrees
  int min_zoom = 0;
  int max_zoom = 0;
  int center_zoom = 0;             // the center is the middle of `bounds_lonlat`
  std::string vector_layers_json;  // a TileJSON 3.0 "vector_layers" JSON array
};

// Identity of a tile's bytes for deduplication: two 64-bit hashes from
// different functions plus the size, so an accidental match needs two
// independent 64-bit collisions on inputs of equal size.
struct ContentKey {
  std::uint64_t fnv = 0;
  std::uint64_t murmur = 0;
  std::uint64_t size = 0;
  friend bool operator==(const ContentKey&, const ContentKey&) = default;
};

ContentKey content_key(std::string_view bytes) noexcept;

// 32 lowercase hex digits of the two hashes, for MBTiles' images.tile_id.
std::string to_hex(const ContentKey& key);

struct ContentKeyHash {
  std::size_t operator()(const ContentKey& key) const noexcept { return static_cast<std::size_t>(key.fnv); }
};

// Receives the non-empty tiles of a seed, then writes the archive. Not
// thread-safe: the caller serialises add_tile calls.
class ArchiveWriter {
 public:
  virtual ~ArchiveWriter() = default;

  // Adds one tile. `gzip_bytes` is a gzip-compressed MVT tile and `key` its
  // content_key; tiles with the same key are stored once. Each tile may be
  // added once. Throws bando::Error (unavailable) when writing fails.
  virtual void add_tile(const geo::TileId& tile, std::string_view gzip_bytes, const ContentKey& key) = 0;

  // Writes the metadata and closes the file; no call may follow. Throws
  // bando::Error (unavailable) when writing fails.
  virtual void finish(const ArchiveMetadata& metadata) = 0;
};

// Creates `path` (replacing a file already there) in `format`.
std::unique_ptr<ArchiveWriter> make_archive_writer(ArchiveFormat format, const std::filesystem::path& path);

// Read access to an archive. Implementations are thread-safe.
class ArchiveReader {
 public:
  virtual ~ArchiveReader() = default;

  virtual const ArchiveMetadata& metadata() const noexcept = 0;

  // The stored bytes of one tile (MVT, gzip-compressed or not, as written), or
  // nullopt when the archive has no such tile. Throws bando::Error
  // (unavailable) when reading fails.
  virtual std::optional<std::string> read_tile(const geo::TileId& tile) const = 0;
};

// Opens an MBTiles or PMTiles file, recognised by the PMTiles magic number.
// Throws bando::Error (unavailable) naming the path when the file cannot be
// read or is neither format.
std::unique_ptr<ArchiveReader> open_archive(const std::filesystem::path& path);

// Archives served by `bando serve`, by name.
using ArchiveSet = std::map<std::string, std::unique_ptr<ArchiveReader>, std::less<>>;

}  // namespace bando::tiles::archive
