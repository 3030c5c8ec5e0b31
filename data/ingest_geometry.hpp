#pragma once
// Per-feature geometry preparation for ingest: reprojection, checks and repair.

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include <ogr_geometry.h>
#include <ogr_spatialref.h>

#include "geo/box.hpp"

namespace bando::data {

// The outcome for one geometry. When `rejection` is set the feature must not be
// written; when `repair` is set it was changed to make it valid.
struct PreparedGeometry {
  std::vector<std::uint8_t> wkb;  // EPSG:3857, 2D; empty for a null geometry
  geo::Box bounds;
  std::string geometry_type;      // OGC name, e.g. "MultiPolygon"; "" for null
  std::string repair;
  std::string rejection;
};

// Converts source geometries to EPSG:3857. Not thread-safe: use one per thread.
class GeometryPreparer {
 public:
  // Throws bando::Error (invalid_argument) when no transformation to EPSG:3857 exists.
  explicit GeometryPreparer(const OGRSpatialReference& source);

  // `geometry` may be null (a feature without geometry) and is modified in place.
  PreparedGeometry prepare(OGRGeometry* geometry);

 private:
  OGRSpatialReference target_;
  std::unique_ptr<OGRCoordinateTransformation> transform_;
};

// GeoJSON's name for an OGR geometry type ("MultiPolygon"), ignoring Z and M.
std::string geometry_type_name(OGRwkbGeometryType type);

}  // namespace bando::data
