#pragma once
// Encoding of tile geometry into the MVT command integer stream.

#include <cstdint>
#include <vector>

#include "tiles/tile_geometry.hpp"

namespace bando::tiles {

// Appends the MVT 2.1 command integers of `geometry` to `commands`: MoveTo,
// LineTo and ClosePath with zigzag-encoded deltas from a cursor that starts at
// (0, 0). Points become one MoveTo with every point, each line a MoveTo and a
// LineTo, and each ring a MoveTo, a LineTo and a ClosePath. Parts too short for
// their type (a line under 2 vertices, a ring under 3) are expected to be
// dropped by the caller and are written as they are.
void append_geometry_commands(const TileGeometry& geometry, std::vector<std::uint32_t>& commands);

}  // namespace bando::tiles
