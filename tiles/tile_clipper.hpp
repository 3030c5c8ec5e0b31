#pragma once
// Projection of EPSG:3857 geometries onto one tile's integer grid, with clipping and snapping.

#include <vector>

#include <geos_c.h>

#include "geo/box.hpp"
#include "geo/geometry.hpp"
#include "geo/geos_context.hpp"
#include "geo/tile_math.hpp"
#include "tiles/tile_geometry.hpp"
#include "tiles/tile_options.hpp"

namespace bando::tiles {

// Turns EPSG:3857 geometries into TileGeometry for one tile. Not thread-safe: it
// reuses scratch buffers and the calling thread's GEOS context.
class TileClipper {
 public:
  // Throws bando::Error (invalid_argument) when `tile` is outside the tile matrix
  // or `options.extent` is 0.
  TileClipper(const geo::TileId& tile, const TileOptions& options);

  // Projects `geometry` onto the tile grid, clips it to the tile plus the buffer,
  // snaps it to integer coordinates and orients polygon rings (see TileGeometry).
  // Lines and rings are simplified with Douglas-Peucker when
  // `options.simplify_tolerance` is positive. Polygons come out valid in GEOS's
  // sense: each polygon is clipped in EPSG:3857, then simplified and rounded,
  // and the rounded result is checked with GEOSisValid. A feature that fails
  // that check, or whose source is invalid, takes the repairing path, which
  // runs GEOSMakeValid before clipping and snaps with GEOS snap-rounding.
  //
  // Appends one TileGeometry per geometry type that keeps any part: at most one
  // for a single or multi geometry, and one each for the points, lines and
  // polygons of a GeometryCollection (nested collections are flattened). Appends
  // nothing when the geometry lies outside the buffered tile or collapses.
  // Throws bando::Error (internal) when GEOS fails even after the repair.
  void clip(const geo::Geometry& geometry, std::vector<TileGeometry>& out);

  // The tile plus its buffer, in EPSG:3857 metres.
  const geo::Box& buffered_bounds() const noexcept { return buffered_bounds_; }

 private:
  struct Members {
    std::vector<const geo::Point*> points;
    std::vector<const geo::Path*> lines;
    std::vector<const geo::PolygonRings*> polygons;
  };

  static void collect_members(const geo::Geometry& geometry, Members& members);

  bool clip_points(const std::vector<const geo::Point*>& points, TileGeometry& out) const;
  bool clip_lines(const std::vector<const geo::Path*>& lines, TileGeometry& out);
  bool clip_polygons(const std::vector<const geo::PolygonRings*>& polygons, TileGeometry& out);

  // The polygon path without repair, in tile_polygons.cpp. It returns
  // needs_repair when a clip result is larger than its source (an invalid
  // source) or the rounded result is not valid.
  enum class FastPolygons { kept, empty, needs_repair };
  FastPolygons clip_polygons_fast(const std::vector<const geo::PolygonRings*>& polygons, TileGeometry& out);
  // The repairing polygon path: simplify, repair when invalid, clip, snap-round.
  bool clip_polygons_robust(const std::vector<const geo::PolygonRings*>& polygons, TileGeometry& out);
  // Builds a GEOS polygon in EPSG:3857 from `rings`; null when the shell has under 3 vertices.
  geo::GeosGeometryPtr make_source_polygon(const geo::PolygonRings& rings);
  // Appends the polygons of a GEOS clip result in EPSG:3857 to `out`. Returns
  // false when a ring needs the repairing path (see append_ring_set).
  bool append_clipped(const GEOSGeometry& clipped, TileGeometry& out);
  // Projects, simplifies and rounds ring_set_ (one polygon, EPSG:3857 x, y
  // pairs) and appends its rings to `out`, dropping rings under 3 vertices.
  // Returns false for a ring of zero area that still has 3 or more vertices.
  bool append_ring_set(TileGeometry& out);
  bool is_valid_on_grid(const TileGeometry& geometry);

  // Projects `path` into coordinates_ as x, y pairs, dropping vertices closer than
  // 1 tile unit to the previous kept one. Returns the vertex count.
  std::size_t project_path(const geo::Path& path);
  // Projects a ring like project_path and closes it if the input was open.
  std::size_t project_ring(const geo::Path& ring);
  // Builds a GEOS line string or linear ring from coordinates_.
  geo::GeosGeometryPtr make_line_string(std::size_t vertex_count, bool ring);

  // Returns `geometry` simplified with simplify_tolerance_, or null when the tolerance is 0.
  geo::GeosGeometryPtr simplify(const GEOSGeometry& geometry) const;
  geo::GeosGeometryPtr clip_to_buffer(const GEOSGeometry& geometry) const;
  geo::GeosGeometryPtr clip_and_snap_polygons(const GEOSGeometry& geometry) const;
  // Repairs with MakeValid's structure method, which keeps the result polygonal.
  static geo::GeosGeometryPtr make_valid_polygonal(const GEOSGeometry& geometry);

  // Reads a GEOS line string or ring into `path`, dropping repeated consecutive
  // vertices and, for a ring, the closing vertex.
  void read_path(const GEOSGeometry& line, bool ring, std::vector<TilePoint>& path);
  void append_polygon(const GEOSGeometry& polygon, TileGeometry& out);

  double origin_x_ = 0;  // tile west edge, EPSG:3857 metres
  double origin_y_ = 0;  // tile north edge, EPSG:3857 metres
  double scale_ = 1;     // tile units per metre
  double clip_min_ = 0;  // buffered tile edges in tile units
  double clip_max_ = 0;
  double simplify_tolerance_ = 0;  // tile units
  geo::Box buffered_bounds_;

  std::vector<double> coordinates_;  // scratch x, y pairs for GEOS coordinate sequences
  Members members_;
  std::vector<std::vector<double>> ring_set_;  // scratch rings of one polygon
};

}  // namespace bando::tiles
