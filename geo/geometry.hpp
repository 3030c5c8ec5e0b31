#pragma once
// A plain 2D geometry model decoded from WKB, used to write GeoJSON and tiles.

#include <cstdint>
#include <vector>

#include "geo/box.hpp"

namespace bando::geo {

// OGC simple-feature type codes, as WKB numbers them.
enum class GeometryType : std::uint32_t {
  point = 1,
  line_string = 2,
  polygon = 3,
  multi_point = 4,
  multi_line_string = 5,
  multi_polygon = 6,
  geometry_collection = 7,
};

struct Point {
  double x = 0;
  double y = 0;
  friend bool operator==(const Point&, const Point&) = default;
};

using Path = std::vector<Point>;        // a line string or a closed ring
using PolygonRings = std::vector<Path>;  // exterior ring first, then holes

// One geometry. Which member is filled depends on `type`: `points` for
// (multi)points, `lines` for (multi)line strings, `polygons` for
// (multi)polygons and `members` for collections. A single Point, LineString or
// Polygon has exactly one element in its vector.
struct Geometry {
  GeometryType type = GeometryType::point;
  std::vector<Point> points;
  std::vector<Path> lines;
  std::vector<PolygonRings> polygons;
  std::vector<Geometry> members;

  Box bounds() const noexcept;
};

}  // namespace bando::geo
