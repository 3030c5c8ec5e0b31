#pragma once
// Feature geometry in integer tile coordinates, the form the MVT command encoder takes.

#include <cstddef>
#include <cstdint>
#include <vector>

namespace bando::tiles {

// MVT 2.1 GeomType values, so the enum can be written to the wire as is.
enum class TileGeometryType : std::uint32_t {
  point = 1,
  line_string = 2,
  polygon = 3,
};

// A vertex on the tile grid: x grows east and y grows south from the tile's north-west corner.
struct TilePoint {
  std::int32_t x = 0;
  std::int32_t y = 0;
  friend bool operator==(const TilePoint&, const TilePoint&) = default;
};

// The geometry of one MVT feature. `parts` holds, by type:
// - point: one part with every point of a (multi)point;
// - line_string: one part per line, each with at least 2 distinct vertices;
// - polygon: every ring of every polygon, each exterior ring followed by its holes.
//   Rings are open (no closing vertex) and have at least 3 vertices. Exterior rings
//   are clockwise and holes counter-clockwise in y-down tile coordinates.
struct TileGeometry {
  TileGeometryType type = TileGeometryType::point;
  std::vector<std::vector<TilePoint>> parts;
};

// Twice the signed area of an open ring by the surveyor's formula. In y-down
// tile coordinates a positive value means the ring runs clockwise on screen,
// as an MVT exterior ring does.
inline std::int64_t twice_signed_area(const std::vector<TilePoint>& ring) {
  std::int64_t sum = 0;
  const std::size_t count = ring.size();
  for (std::size_t i = 0; i < count; ++i) {
    const TilePoint& a = ring[i];
    const TilePoint& b = ring[(i + 1) % count];
    sum += std::int64_t{a.x} * b.y - std::int64_t{b.x} * a.y;
  }
  return sum;
}

}  // namespace bando::tiles
