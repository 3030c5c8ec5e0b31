#pragma once
// Seeding: rendering every tile of some datasets over a zoom range into an MBTiles or PMTiles archive.

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "data/store.hpp"
#include "tiles/archive/tile_archive.hpp"
#include "tiles/seed_tile.hpp"
#include "tiles/tile_options.hpp"

namespace bando::tiles {

struct SeedOptions {
  std::vector<std::string> collections;  // one layer per collection, in this order
  int min_zoom = 0;
  int max_zoom = 14;
  archive::ArchiveFormat format = archive::ArchiveFormat::mbtiles;
  std::filesystem::path output;
  unsigned threads = 0;                  // 0 = one per hardware thread
  TileOptions tile_options;
  std::size_t max_tile_bytes = kDefaultMaxTileBytes;  // size budget of one uncompressed tile
  bool show_progress = true;             // progress line on stderr
};

struct SeedReport {
  std::uint64_t tiles_built = 0;      // candidate tiles rendered, empty ones included
  std::uint64_t tiles_written = 0;    // non-empty tiles addressed by the archive
  std::uint64_t unique_contents = 0;  // distinct tile contents stored
  std::uint64_t stored_bytes = 0;     // gzip bytes of the distinct contents
  std::uint64_t tiles_over_budget = 0;  // tiles that dropped features to fit max_tile_bytes
  std::uint64_t dropped_features = 0;   // features those tiles dropped
  double seconds = 0;
};

// Renders the tiles of `options.collections` from `options.min_zoom` to
// `options.max_zoom` and writes them to `options.output`, using every thread.
// Low zooms render every tile that meets a dataset's extent, widened by the
// tile buffer. Deeper zooms render only the children of tiles where some
// feature met the buffered tile, because the other children cannot contain any. Empty tiles are
// not stored. The archive is written to a temporary file in the output folder
// and renamed at the end, so a failure leaves no partial output.
// Throws bando::Error: not_found for an unknown collection, invalid_argument
// for a bad zoom range or a repeated collection, unavailable for I/O failures.
SeedReport seed_archive(const data::Store& store, const SeedOptions& options);

}  // namespace bando::tiles
