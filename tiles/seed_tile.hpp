#pragma once
// Building one tile with a layer per dataset, as the seed renders it.

#include <cstddef>
#include <string>
#include <vector>

#include "data/store.hpp"
#include "geo/tile_math.hpp"
#include "tiles/tile_options.hpp"

namespace bando::tiles {

// Size budget of one uncompressed tile, the same default as live tiles.
inline constexpr std::size_t kDefaultMaxTileBytes = 500 * 1024;

struct SeedTile {
  std::string mvt;            // uncompressed MVT bytes; empty when every layer is empty
  bool has_features = false;  // some feature's bounding box met the buffered tile
  std::size_t dropped_features = 0;  // features the size budget dropped
};

// Builds `tile` from the current version of each dataset, one layer per
// dataset named by its id, the way GET /tiles/{a},{b}/{z}/{x}/{y}.mvt does.
// Features are selected by bounding box against the buffered tile, generalized
// with options_for_zoom for the dataset's max_zoom, and a dataset contributes
// nothing below its min_zoom. `options` sets only the extent and buffer. A tile
// larger than `max_tile_bytes` drops its smallest features first, as live tiles
// do (encode_tile_within). Thread-safe when `store` is.
// Throws what LayerBuilder and Store::scan_features throw.
SeedTile build_seed_tile(const data::Store& store, const std::vector<data::DatasetInfo>& datasets,
                         const geo::TileId& tile, const TileOptions& options = {},
                         std::size_t max_tile_bytes = kDefaultMaxTileBytes);

}  // namespace bando::tiles
