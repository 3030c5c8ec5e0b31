#include "tiles/tile_clipper.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <utility>

#include <fmt/format.h>

#include "geo/error.hpp"

namespace bando::tiles {
namespace {

// Vertices closer than this to the previous kept vertex are dropped before
// clipping, in tile units. Snapping to the integer grid merges them anyway.
constexpr double kMinVertexSpacing = 1.0;

std::int32_t to_grid(double value) { return static_cast<std::int32_t>(std::lround(value)); }

}  // namespace

TileClipper::TileClipper(const geo::TileId& tile, const TileOptions& options) {
  if (!geo::is_valid_tile(tile)) {
    throw Error(ErrorKind::invalid_argument,
                {fmt::format("invalid tile {}: z must be at most {} and x, y below 2^z", geo::to_string(tile),
                             geo::kMaxZoom),
                 fmt::format("ô bản đồ {} không hợp lệ: z tối đa {}, x và y phải nhỏ hơn 2^z",
                             geo::to_string(tile), geo::kMaxZoom)});
  }
  if (options.extent == 0) {
    throw Error(ErrorKind::invalid_argument,
                {"invalid tile extent 0: the extent must be a positive number of tile units",
                 "extent của ô bản đồ bằng 0 không hợp lệ: extent phải là số dương"});
  }

  const geo::Box bounds = geo::tile_bounds(tile);
  origin_x_ = bounds.min_x;
  origin_y_ = bounds.max_y;
  scale_ = options.extent / (bounds.max_x - bounds.min_x);
  clip_min_ = -static_cast<double>(options.buffer);
  clip_max_ = static_cast<double>(options.extent) + options.buffer;
  simplify_tolerance_ = options.simplify_tolerance;
  buffered_bounds_ = bounds.buffered(options.buffer / scale_);
}

void TileClipper::clip(const geo::Geometry& geometry, std::vector<TileGeometry>& out) {
  if (!geometry.bounds().intersects(buffered_bounds_)) return;

  members_.points.clear();
  members_.lines.clear();
  members_.polygons.clear();
  collect_members(geometry, members_);

  TileGeometry result;
  if (!members_.points.empty() && clip_points(members_.points, result)) {
    out.push_back(std::move(result));
    result = {};
  }
  if (!members_.lines.empty() && clip_lines(members_.lines, result)) {
    out.push_back(std::move(result));
    result = {};
  }
  if (!members_.polygons.empty() && clip_polygons(members_.polygons, result)) {
    out.push_back(std::move(result));
  }
}

void TileClipper::collect_members(const geo::Geometry& geometry, Members& members) {
  for (const geo::Point& point : geometry.points) members.points.push_back(&point);
  for (const geo::Path& line : geometry.lines) members.lines.push_back(&line);
  for (const geo::PolygonRings& polygon : geometry.polygons) members.polygons.push_back(&polygon);
  for (const geo::Geometry& member : geometry.members) collect_members(member, members);
}

bool TileClipper::clip_points(const std::vector<const geo::Point*>& points, TileGeometry& out) const {
  out.type = TileGeometryType::point;
  out.parts.assign(1, {});
  std::vector<TilePoint>& inside = out.parts.front();
  for (const geo::Point* point : points) {
    const double x = (point->x - origin_x_) * scale_;
    const double y = (origin_y_ - point->y) * scale_;
    if (x < clip_min_ || x > clip_max_ || y < clip_min_ || y > clip_max_) continue;
    inside.push_back({to_grid(x), to_grid(y)});
  }
  return !inside.empty();
}

bool TileClipper::clip_lines(const std::vector<const geo::Path*>& lines, TileGeometry& out) {
  GEOSContextHandle_t context = geo::geos_context();

  std::vector<geo::GeosGeometryPtr> parts;
  for (const geo::Path* line : lines) {
    const std::size_t vertex_count = project_path(*line);
    if (vertex_count >= 2) parts.push_back(make_line_string(vertex_count, false));
  }
  if (parts.empty()) return false;

  std::vector<GEOSGeometry*> raw_parts;
  raw_parts.reserve(parts.size());
  for (geo::GeosGeometryPtr& part : parts) raw_parts.push_back(part.release());
  const geo::GeosGeometryPtr multi_line = geo::check_geos(
      GEOSGeom_createCollection_r(context, GEOS_MULTILINESTRING, raw_parts.data(),
                                  static_cast<unsigned>(raw_parts.size())),
      "create multi line string");

  const geo::GeosGeometryPtr simplified = simplify(*multi_line);
  const geo::GeosGeometryPtr clipped = clip_to_buffer(simplified ? *simplified : *multi_line);
  const geo::GeosGeometryPtr snapped =
      geo::check_geos(GEOSGeom_setPrecision_r(context, clipped.get(), 1.0, 0), "set precision");

  out.type = TileGeometryType::line_string;
  out.parts.clear();
  std::vector<TilePoint> path;
  const int count = GEOSGetNumGeometries_r(context, snapped.get());
  for (int i = 0; i < count; ++i) {
    const GEOSGeometry* member = GEOSGetGeometryN_r(context, snapped.get(), i);
    if (GEOSGeomTypeId_r(context, member) != GEOS_LINESTRING) continue;
    read_path(*member, false, path);
    if (path.size() >= 2) out.parts.push_back(path);
  }
  return !out.parts.empty();
}

bool TileClipper::clip_polygons(const std::vector<const geo::PolygonRings*>& polygons, TileGeometry& out) {
  switch (clip_polygons_fast(polygons, out)) {
    case FastPolygons::kept: return true;
    case FastPolygons::empty: return false;
    case FastPolygons::needs_repair: break;
  }
  return clip_polygons_robust(polygons, out);
}

bool TileClipper::clip_polygons_robust(const std::vector<const geo::PolygonRings*>& polygons,
                                       TileGeometry& out) {
  GEOSContextHandle_t context = geo::geos_context();

  std::vector<geo::GeosGeometryPtr> built;
  std::vector<geo::GeosGeometryPtr> holes;
  std::vector<GEOSGeometry*> raw_holes;
  for (const geo::PolygonRings* rings : polygons) {
    if (rings->empty()) continue;
    const std::size_t shell_count = project_ring(rings->front());
    if (shell_count < 4) continue;  // the exterior ring collapsed, so its holes go too
    geo::GeosGeometryPtr shell = make_line_string(shell_count, true);

    holes.clear();
    for (std::size_t i = 1; i < rings->size(); ++i) {
      const std::size_t hole_count = project_ring((*rings)[i]);
      if (hole_count >= 4) holes.push_back(make_line_string(hole_count, true));
    }
    raw_holes.clear();
    for (geo::GeosGeometryPtr& hole : holes) raw_holes.push_back(hole.release());
    built.push_back(geo::check_geos(GEOSGeom_createPolygon_r(context, shell.release(), raw_holes.data(),
                                                             static_cast<unsigned>(raw_holes.size())),
                                    "create polygon"));
  }
  if (built.empty()) return false;

  std::vector<GEOSGeometry*> raw_polygons;
  raw_polygons.reserve(built.size());
  for (geo::GeosGeometryPtr& polygon : built) raw_polygons.push_back(polygon.release());
  const geo::GeosGeometryPtr multi_polygon = geo::check_geos(
      GEOSGeom_createCollection_r(context, GEOS_MULTIPOLYGON, raw_polygons.data(),
                                  static_cast<unsigned>(raw_polygons.size())),
      "create multi polygon");

  const geo::GeosGeometryPtr simplified = simplify(*multi_polygon);
  const geo::GeosGeometryPtr snapped = clip_and_snap_polygons(simplified ? *simplified : *multi_polygon);

  out.type = TileGeometryType::polygon;
  out.parts.clear();
  const int type = GEOSGeomTypeId_r(context, snapped.get());
  if (type == GEOS_POLYGON) {
    append_polygon(*snapped, out);
  } else if (type == GEOS_MULTIPOLYGON || type == GEOS_GEOMETRYCOLLECTION) {
    const int count = GEOSGetNumGeometries_r(context, snapped.get());
    for (int i = 0; i < count; ++i) {
      const GEOSGeometry* member = GEOSGetGeometryN_r(context, snapped.get(), i);
      if (GEOSGeomTypeId_r(context, member) == GEOS_POLYGON) append_polygon(*member, out);
    }
  }
  return !out.parts.empty();
}

std::size_t TileClipper::project_path(const geo::Path& path) {
  coordinates_.clear();
  const std::size_t size = path.size();
  for (std::size_t i = 0; i < size; ++i) {
    const double x = (path[i].x - origin_x_) * scale_;
    const double y = (origin_y_ - path[i].y) * scale_;
    const bool last = i + 1 == size;
    if (!coordinates_.empty() && !last) {
      const double dx = x - coordinates_[coordinates_.size() - 2];
      const double dy = y - coordinates_.back();
      if (dx * dx + dy * dy < kMinVertexSpacing * kMinVertexSpacing) continue;
    }
    coordinates_.push_back(x);
    coordinates_.push_back(y);
  }
  return coordinates_.size() / 2;
}

std::size_t TileClipper::project_ring(const geo::Path& ring) {
  project_path(ring);
  // GEOS rejects an open ring, and WKB does not guarantee closure.
  const std::size_t size = coordinates_.size();
  if (size >= 4 && (coordinates_[0] != coordinates_[size - 2] || coordinates_[1] != coordinates_[size - 1])) {
    coordinates_.push_back(coordinates_[0]);
    coordinates_.push_back(coordinates_[1]);
  }
  return coordinates_.size() / 2;
}

geo::GeosGeometryPtr TileClipper::make_line_string(std::size_t vertex_count, bool ring) {
  GEOSContextHandle_t context = geo::geos_context();
  GEOSCoordSequence* sequence =
      GEOSCoordSeq_copyFromBuffer_r(context, coordinates_.data(), static_cast<unsigned>(vertex_count), 0, 0);
  if (sequence == nullptr) {
    throw Error(ErrorKind::internal,
                {fmt::format("GEOS coordinate sequence creation failed: {}", geo::geos_last_error()), {}});
  }
  // Both constructors take ownership of the sequence (geos_c.h, GEOS 3.11).
  GEOSGeometry* line = ring ? GEOSGeom_createLinearRing_r(context, sequence)
                            : GEOSGeom_createLineString_r(context, sequence);
  return geo::check_geos(line, ring ? "create linear ring" : "create line string");
}

geo::GeosGeometryPtr TileClipper::simplify(const GEOSGeometry& geometry) const {
  if (simplify_tolerance_ <= 0) return nullptr;
  // Plain Douglas-Peucker is much faster than the topology-preserving variant;
  // clip_and_snap_polygons repairs any ring it makes cross.
  return geo::check_geos(GEOSSimplify_r(geo::geos_context(), &geometry, simplify_tolerance_), "simplify");
}

geo::GeosGeometryPtr TileClipper::clip_to_buffer(const GEOSGeometry& geometry) const {
  return geo::check_geos(
      GEOSClipByRect_r(geo::geos_context(), &geometry, clip_min_, clip_min_, clip_max_, clip_max_),
      "clip by rectangle");
}

geo::GeosGeometryPtr TileClipper::clip_and_snap_polygons(const GEOSGeometry& geometry) const {
  GEOSContextHandle_t context = geo::geos_context();

  // GEOSClipByRect assumes valid input: given a ring that crosses itself it can
  // return the whole rectangle. Vertex thinning can make a valid ring cross
  // itself, and source data may be invalid too, so repair before clipping.
  geo::GeosGeometryPtr repaired;
  const GEOSGeometry* input = &geometry;
  if (GEOSisValid_r(context, &geometry) != 1) {
    repaired = make_valid_polygonal(geometry);
    input = repaired.get();
  }

  // GEOSGeom_setPrecision returns a valid geometry, but geos_c.h (GEOS 3.11) warns
  // that it may fail on some inputs; repairing the clipped result and retrying covers that.
  const geo::GeosGeometryPtr clipped = clip_to_buffer(*input);
  GEOSGeometry* snapped = GEOSGeom_setPrecision_r(context, clipped.get(), 1.0, 0);
  if (snapped != nullptr) return geo::GeosGeometryPtr(snapped);

  const geo::GeosGeometryPtr valid = make_valid_polygonal(*clipped);
  return geo::check_geos(GEOSGeom_setPrecision_r(context, valid.get(), 1.0, 0), "set precision");
}

geo::GeosGeometryPtr TileClipper::make_valid_polygonal(const GEOSGeometry& geometry) {
  GEOSContextHandle_t context = geo::geos_context();
  GEOSMakeValidParams* params = GEOSMakeValidParams_create_r(context);
  GEOSMakeValidParams_setMethod_r(context, params, GEOS_MAKE_VALID_STRUCTURE);
  GEOSMakeValidParams_setKeepCollapsed_r(context, params, 0);
  GEOSGeometry* repaired = GEOSMakeValidWithParams_r(context, &geometry, params);
  GEOSMakeValidParams_destroy_r(context, params);
  return geo::check_geos(repaired, "make valid");
}

void TileClipper::read_path(const GEOSGeometry& line, bool ring, std::vector<TilePoint>& path) {
  GEOSContextHandle_t context = geo::geos_context();
  path.clear();

  const GEOSCoordSequence* sequence = GEOSGeom_getCoordSeq_r(context, &line);
  unsigned size = 0;
  if (sequence == nullptr || GEOSCoordSeq_getSize_r(context, sequence, &size) == 0 || size == 0) return;
  coordinates_.resize(std::size_t{size} * 2);
  if (GEOSCoordSeq_copyToBuffer_r(context, sequence, coordinates_.data(), 0, 0) == 0) {
    throw Error(ErrorKind::internal,
                {fmt::format("GEOS coordinate copy failed: {}", geo::geos_last_error()), {}});
  }

  for (unsigned i = 0; i < size; ++i) {
    const TilePoint point{to_grid(coordinates_[2 * i]), to_grid(coordinates_[2 * i + 1])};
    if (!path.empty() && path.back() == point) continue;
    path.push_back(point);
  }
  if (ring && path.size() > 1 && path.front() == path.back()) path.pop_back();
}

void TileClipper::append_polygon(const GEOSGeometry& polygon, TileGeometry& out) {
  GEOSContextHandle_t context = geo::geos_context();

  std::vector<TilePoint> ring;
  read_path(*GEOSGetExteriorRing_r(context, &polygon), true, ring);
  if (ring.size() < 3) return;  // a collapsed exterior ring takes its holes with it
  if (twice_signed_area(ring) < 0) std::reverse(ring.begin(), ring.end());
  out.parts.push_back(ring);

  const int hole_count = GEOSGetNumInteriorRings_r(context, &polygon);
  for (int i = 0; i < hole_count; ++i) {
    read_path(*GEOSGetInteriorRingN_r(context, &polygon, i), true, ring);
    if (ring.size() < 3) continue;
    if (twice_signed_area(ring) > 0) std::reverse(ring.begin(), ring.end());
    out.parts.push_back(ring);
  }
}

}  // namespace bando::tiles
