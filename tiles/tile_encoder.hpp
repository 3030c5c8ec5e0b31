#pragma once
// Serialization of layers into one Mapbox Vector Tile.

#include <string>
#include <vector>

#include "tiles/layer_builder.hpp"

namespace bando::tiles {

// Serializes the non-empty layers, in order, into one MVT 2.1 tile (uncompressed
// protobuf bytes). Returns "" when every layer is empty. Throws bando::Error
// (invalid_argument) when two non-empty layers share a name, which MVT forbids.
std::string encode_tile(const std::vector<LayerBuilder>& layers);

}  // namespace bando::tiles
