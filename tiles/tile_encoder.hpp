#pragma once
// Serialization of layers into one Mapbox Vector Tile.

#include <cstddef>
#include <string>
#include <vector>

#include "tiles/layer_builder.hpp"

namespace bando::tiles {

// Serializes the non-empty layers, in order, into one MVT 2.1 tile (uncompressed
// protobuf bytes). Returns "" when every layer is empty. Throws bando::Error
// (invalid_argument) when two non-empty layers share a name, which MVT forbids.
std::string encode_tile(const std::vector<LayerBuilder>& layers);

// An encoded tile and how many MVT features the size budget removed.
struct BudgetedTile {
  std::string bytes;
  std::size_t dropped_features = 0;
};

// Encodes like encode_tile, but when the tile is larger than `max_bytes` it
// drops features until it fits. The drop order is smallest weight first (area
// for polygons, length for lines, points before both), then earlier layer
// first, then later feature first, so the same input always loses the same
// features. The largest feature of each non-empty layer is never dropped, so
// every layer keeps visible content and the result may still exceed
// `max_bytes`. Throws like encode_tile.
BudgetedTile encode_tile_within(std::vector<LayerBuilder>& layers, std::size_t max_bytes);

}  // namespace bando::tiles
