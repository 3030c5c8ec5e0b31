#pragma once
// Settings shared by every layer of one vector tile.

#include <cstdint>

namespace bando::tiles {

// Tile resolution and clipping margin, both in tile units (1/extent of the tile width).
struct TileOptions {
  std::uint32_t extent = 4096;  // integer grid size per axis, the MVT 2.1 default
  std::uint32_t buffer = 64;    // margin kept beyond each tile edge so strokes join across tiles
};

}  // namespace bando::tiles
