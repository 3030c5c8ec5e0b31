// TileClipper's polygon path: clip in EPSG:3857, then simplify and snap only
// what lies in the tile, and validate the small result.

#include <algorithm>
#include <cmath>
#include <cstdint>

#include "tiles/ring_simplify.hpp"
#include "tiles/tile_clipper.hpp"

namespace bando::tiles {
namespace {

// Vertices of a clipped ring closer than this to the previous kept vertex are
// dropped before Douglas-Peucker, in tile units, because rounding to the grid
// merges them anyway. The repairing path thins unclipped rings at 1 unit.
constexpr double kClippedVertexSpacing = 0.5;

// Drops each vertex of the open ring `xy` that lies within `spacing` of the
// previous kept vertex. It is linear, so Douglas-Peucker then gets far fewer
// vertices at low zoom, where a source polygon has many per tile unit.
void thin_ring(std::vector<double>& xy, double spacing) {
  const double spacing_squared = spacing * spacing;
  std::size_t kept = 1;
  for (std::size_t i = 1; 2 * i < xy.size(); ++i) {
    const double dx = xy[2 * i] - xy[2 * (kept - 1)];
    const double dy = xy[2 * i + 1] - xy[2 * (kept - 1) + 1];
    if (dx * dx + dy * dy < spacing_squared) continue;
    xy[2 * kept] = xy[2 * i];
    xy[2 * kept + 1] = xy[2 * i + 1];
    ++kept;
  }
  if (!xy.empty()) xy.resize(2 * kept);
}

geo::Box bounds_of(const geo::Path& ring) {
  geo::Box box;
  for (const geo::Point& point : ring) box.expand(point.x, point.y);
  return box;
}

bool covers(const geo::Box& outer, const geo::Box& inner) {
  return outer.min_x <= inner.min_x && outer.min_y <= inner.min_y && inner.max_x <= outer.max_x &&
         inner.max_y <= outer.max_y;
}

// Copies a ring's x, y pairs from a GEOS ring.
void read_coordinates(GEOSContextHandle_t context, const GEOSGeometry& ring, std::vector<double>& xy) {
  xy.clear();
  const GEOSCoordSequence* sequence = GEOSGeom_getCoordSeq_r(context, &ring);
  unsigned size = 0;
  if (sequence == nullptr || GEOSCoordSeq_getSize_r(context, sequence, &size) == 0 || size == 0) return;
  xy.resize(std::size_t{size} * 2);
  if (GEOSCoordSeq_copyToBuffer_r(context, sequence, xy.data(), 0, 0) == 0) xy.clear();
}

double area_of(GEOSContextHandle_t context, const GEOSGeometry& geometry) {
  double area = 0;
  return GEOSArea_r(context, &geometry, &area) == 1 ? area : 0;
}

}  // namespace

TileClipper::FastPolygons TileClipper::clip_polygons_fast(const std::vector<const geo::PolygonRings*>& polygons,
                                                         TileGeometry& out) {
  GEOSContextHandle_t context = geo::geos_context();
  out.type = TileGeometryType::polygon;
  out.parts.clear();

  for (const geo::PolygonRings* rings : polygons) {
    if (rings->empty() || rings->front().size() < 3) continue;
    const geo::Box box = bounds_of(rings->front());
    if (!box.intersects(buffered_bounds_)) continue;

    if (covers(buffered_bounds_, box)) {
      ring_set_.clear();
      for (const geo::Path& ring : *rings) {
        auto& xy = ring_set_.emplace_back();
        for (const geo::Point& point : ring) {
          xy.push_back(point.x);
          xy.push_back(point.y);
        }
      }
      if (!append_ring_set(out)) return FastPolygons::needs_repair;
      continue;
    }

    // GEOSClipByRect is linear in the vertex count but assumes a valid polygon:
    // given rings that thinning had made cross, it once returned the whole
    // rectangle. A result larger than its source sends the feature to the
    // repairing path. This guard is insurance: no stored polygon is known to trip it.
    const geo::GeosGeometryPtr source = make_source_polygon(*rings);
    if (!source) continue;
    const geo::GeosGeometryPtr clipped =
        geo::check_geos(GEOSClipByRect_r(context, source.get(), buffered_bounds_.min_x, buffered_bounds_.min_y,
                                         buffered_bounds_.max_x, buffered_bounds_.max_y),
                        "clip by rectangle");
    const double source_area = area_of(context, *source);
    if (area_of(context, *clipped) > source_area * (1 + 1e-9) + 1e-6) return FastPolygons::needs_repair;
    if (!append_clipped(*clipped, out)) return FastPolygons::needs_repair;
  }
  if (out.parts.empty()) return FastPolygons::empty;
  return is_valid_on_grid(out) ? FastPolygons::kept : FastPolygons::needs_repair;
}

geo::GeosGeometryPtr TileClipper::make_source_polygon(const geo::PolygonRings& rings) {
  GEOSContextHandle_t context = geo::geos_context();
  auto make_ring = [&](const geo::Path& path) -> GEOSGeometry* {
    coordinates_.clear();
    for (const geo::Point& point : path) {
      coordinates_.push_back(point.x);
      coordinates_.push_back(point.y);
    }
    // GEOS rejects an open ring, and WKB does not guarantee closure.
    if (!(path.front() == path.back())) {
      coordinates_.push_back(path.front().x);
      coordinates_.push_back(path.front().y);
    }
    if (coordinates_.size() < 8) return nullptr;
    GEOSCoordSequence* sequence = GEOSCoordSeq_copyFromBuffer_r(
        context, coordinates_.data(), static_cast<unsigned>(coordinates_.size() / 2), 0, 0);
    return sequence == nullptr ? nullptr : GEOSGeom_createLinearRing_r(context, sequence);
  };

  GEOSGeometry* shell = make_ring(rings.front());
  if (shell == nullptr) return nullptr;
  std::vector<GEOSGeometry*> holes;
  for (std::size_t i = 1; i < rings.size(); ++i) {
    if (rings[i].size() < 3) continue;
    if (GEOSGeometry* hole = make_ring(rings[i])) holes.push_back(hole);
  }
  return geo::check_geos(
      GEOSGeom_createPolygon_r(context, shell, holes.data(), static_cast<unsigned>(holes.size())),
      "create polygon");
}

bool TileClipper::append_clipped(const GEOSGeometry& clipped, TileGeometry& out) {
  GEOSContextHandle_t context = geo::geos_context();
  const int type = GEOSGeomTypeId_r(context, &clipped);
  if (type == GEOS_MULTIPOLYGON || type == GEOS_GEOMETRYCOLLECTION) {
    const int count = GEOSGetNumGeometries_r(context, &clipped);
    for (int i = 0; i < count; ++i) {
      if (!append_clipped(*GEOSGetGeometryN_r(context, &clipped, i), out)) return false;
    }
    return true;
  }
  if (type != GEOS_POLYGON) return true;

  ring_set_.clear();
  read_coordinates(context, *GEOSGetExteriorRing_r(context, &clipped), ring_set_.emplace_back());
  const int hole_count = GEOSGetNumInteriorRings_r(context, &clipped);
  for (int i = 0; i < hole_count; ++i) {
    read_coordinates(context, *GEOSGetInteriorRingN_r(context, &clipped, i), ring_set_.emplace_back());
  }
  return append_ring_set(out);
}

bool TileClipper::append_ring_set(TileGeometry& out) {
  std::vector<TilePoint> ring;
  for (std::size_t index = 0; index < ring_set_.size(); ++index) {
    std::vector<double>& xy = ring_set_[index];
    // To tile units, without the closing vertex.
    for (std::size_t i = 0; i + 1 < xy.size(); i += 2) {
      xy[i] = (xy[i] - origin_x_) * scale_;
      xy[i + 1] = (origin_y_ - xy[i + 1]) * scale_;
    }
    if (xy.size() >= 4 && xy[0] == xy[xy.size() - 2] && xy[1] == xy.back()) xy.resize(xy.size() - 2);
    thin_ring(xy, std::max(simplify_tolerance_, kClippedVertexSpacing));
    simplify_ring(xy, simplify_tolerance_);

    ring.clear();
    for (std::size_t i = 0; i + 1 < xy.size(); i += 2) {
      const TilePoint point{static_cast<std::int32_t>(std::lround(xy[i])),
                            static_cast<std::int32_t>(std::lround(xy[i + 1]))};
      if (ring.empty() || !(ring.back() == point)) ring.push_back(point);
    }
    while (ring.size() > 1 && ring.front() == ring.back()) ring.pop_back();

    if (ring.size() < 3) {
      if (index == 0) return true;  // a collapsed exterior ring takes its holes with it
      continue;
    }
    // Zero area with 3 or more vertices is a ring that crosses itself into
    // lobes that cancel, or a collinear one: the repairing path sorts them out.
    const std::int64_t area = twice_signed_area(ring);
    if (area == 0) return false;
    // Exterior rings clockwise (positive), holes counter-clockwise.
    if ((index == 0) != (area > 0)) std::reverse(ring.begin(), ring.end());
    out.parts.push_back(ring);
  }
  return true;
}

bool TileClipper::is_valid_on_grid(const TileGeometry& geometry) {
  GEOSContextHandle_t context = geo::geos_context();
  std::vector<GEOSGeometry*> polygons;
  GEOSGeometry* shell = nullptr;
  std::vector<GEOSGeometry*> holes;
  auto make_ring = [&](const std::vector<TilePoint>& ring) {
    coordinates_.clear();
    for (const TilePoint& point : ring) {
      coordinates_.push_back(point.x);
      coordinates_.push_back(point.y);
    }
    coordinates_.push_back(ring.front().x);
    coordinates_.push_back(ring.front().y);
    GEOSCoordSequence* sequence = GEOSCoordSeq_copyFromBuffer_r(
        context, coordinates_.data(), static_cast<unsigned>(coordinates_.size() / 2), 0, 0);
    return GEOSGeom_createLinearRing_r(context, sequence);
  };
  auto close_polygon = [&] {
    if (shell == nullptr) return;
    polygons.push_back(GEOSGeom_createPolygon_r(context, shell, holes.data(), static_cast<unsigned>(holes.size())));
    shell = nullptr;
    holes.clear();
  };
  for (const std::vector<TilePoint>& ring : geometry.parts) {
    const bool exterior = twice_signed_area(ring) > 0;
    if (exterior) {
      close_polygon();
      shell = make_ring(ring);
    } else {
      holes.push_back(make_ring(ring));
    }
  }
  close_polygon();
  const geo::GeosGeometryPtr multi_polygon = geo::check_geos(
      GEOSGeom_createCollection_r(context, GEOS_MULTIPOLYGON, polygons.data(),
                                  static_cast<unsigned>(polygons.size())),
      "create multi polygon");
  return GEOSisValid_r(context, multi_polygon.get()) == 1;
}

}  // namespace bando::tiles
