#include "data/ingest_geometry.hpp"

#include <cmath>

#include <fmt/format.h>
#include <geos_c.h>

#include "geo/error.hpp"
#include "geo/geos_context.hpp"
#include "geo/tile_math.hpp"

namespace bando::data {
namespace {

bool is_finite_box(const OGREnvelope& envelope) {
  return std::isfinite(envelope.MinX) && std::isfinite(envelope.MinY) && std::isfinite(envelope.MaxX) &&
         std::isfinite(envelope.MaxY);
}

// Web Mercator cannot hold the poles: anything beyond the square's edge is refused.
bool fits_web_mercator(const OGREnvelope& envelope) {
  const double limit = geo::kMercatorHalfExtent * 1.0000001;
  return envelope.MinY >= -limit && envelope.MaxY <= limit && envelope.MinX >= -limit &&
         envelope.MaxX <= limit;
}

std::vector<std::uint8_t> export_wkb(const OGRGeometry& geometry) {
  std::vector<std::uint8_t> wkb(geometry.WkbSize());
  geometry.exportToWkb(wkbNDR, wkb.data(), wkbVariantIso);
  return wkb;
}

// Returns GEOS's reason why `geometry` (EPSG:3857) is invalid, with the place
// of the problem in longitude and latitude, which users can find on a map.
std::string invalid_reason(const GEOSGeometry& geometry) {
  GEOSContextHandle_t context = geo::geos_context();
  char* reason_raw = nullptr;
  GEOSGeometry* location_raw = nullptr;
  GEOSisValidDetail_r(context, &geometry, 0, &reason_raw, &location_raw);
  std::string reason = reason_raw ? reason_raw : "invalid geometry";
  GEOSFree_r(context, reason_raw);
  const geo::GeosGeometryPtr location(location_raw);
  double x = 0;
  double y = 0;
  if (location && GEOSGeomGetX_r(context, location.get(), &x) == 1 && GEOSGeomGetY_r(context, location.get(), &y) == 1) {
    reason += fmt::format(" at lon {:.6f} lat {:.6f}", geo::mercator_x_to_lon(x), geo::mercator_y_to_lat(y));
  }
  return reason;
}

// Validates with GEOS and, for an invalid polygonal geometry, repairs it with
// MakeValid's "structure" method, which keeps the result polygonal.
void validate_and_repair(PreparedGeometry& result) {
  GEOSContextHandle_t context = geo::geos_context();
  geo::GeosGeometryPtr geometry = geo::geos_from_wkb(result.wkb);
  if (GEOSisValid_r(context, geometry.get()) == 1) return;

  const std::string reason = invalid_reason(*geometry);

  const int type = GEOSGeomTypeId_r(context, geometry.get());
  if (type != GEOS_POLYGON && type != GEOS_MULTIPOLYGON) {
    result.rejection = fmt::format("invalid {}: {}", result.geometry_type, reason);
    return;
  }

  GEOSMakeValidParams* params = GEOSMakeValidParams_create_r(context);
  GEOSMakeValidParams_setMethod_r(context, params, GEOS_MAKE_VALID_STRUCTURE);
  GEOSMakeValidParams_setKeepCollapsed_r(context, params, 0);
  GEOSGeometry* repaired_raw = GEOSMakeValidWithParams_r(context, geometry.get(), params);
  GEOSMakeValidParams_destroy_r(context, params);
  geo::GeosGeometryPtr repaired = geo::check_geos(repaired_raw, "MakeValid");

  if (GEOSisEmpty_r(context, repaired.get()) == 1) {
    result.rejection = fmt::format("invalid polygon ({}) collapsed to nothing when repaired", reason);
    return;
  }
  result.wkb = geo::geos_to_wkb(*repaired);
  const std::string note = fmt::format("invalid polygon ({}) repaired with MakeValid", reason);
  result.repair = result.repair.empty() ? note : result.repair + "; " + note;
}

}  // namespace

GeometryPreparer::GeometryPreparer(const OGRSpatialReference& source) {
  target_.importFromEPSG(3857);
  target_.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
  OGRSpatialReference source_copy(source);
  source_copy.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
  transform_.reset(OGRCreateCoordinateTransformation(&source_copy, &target_));
  if (!transform_) {
    const char* name = source.GetName();
    throw Error(ErrorKind::invalid_argument,
                {fmt::format("no transformation from CRS '{}' to EPSG:3857", name ? name : "?"),
                 fmt::format("không có phép chuyển đổi từ hệ tọa độ '{}' sang EPSG:3857", name ? name : "?")});
  }
}

PreparedGeometry GeometryPreparer::prepare(OGRGeometry* geometry) {
  PreparedGeometry result;
  if (geometry == nullptr || geometry->IsEmpty()) return result;

  // Curves (from GML or GeoPackage) are stored as their line-segment approximation.
  std::unique_ptr<OGRGeometry> linear;
  if (geometry->hasCurveGeometry()) {
    linear.reset(geometry->getLinearGeometry());
    geometry = linear.get();
    result.repair = "curved geometry approximated by line segments";
  }
  geometry->flattenTo2D();
  result.geometry_type = geometry_type_name(geometry->getGeometryType());

  if (geometry->transform(transform_.get()) != OGRERR_NONE) {
    result.rejection = "coordinates could not be transformed to EPSG:3857; check the source CRS";
    return result;
  }
  OGREnvelope envelope;
  geometry->getEnvelope(&envelope);
  if (!is_finite_box(envelope) || !fits_web_mercator(envelope)) {
    result.rejection = "coordinates fall outside Web Mercator (latitude beyond +/-85.05 degrees)";
    return result;
  }
  result.bounds = {envelope.MinX, envelope.MinY, envelope.MaxX, envelope.MaxY};
  result.wkb = export_wkb(*geometry);
  // GEOS finds every point with finite coordinates valid, and the envelope check
  // above has seen them all, so only lines and polygons need the GEOS round trip.
  const OGRwkbGeometryType flat_type = wkbFlatten(geometry->getGeometryType());
  if (flat_type == wkbPoint || flat_type == wkbMultiPoint) return result;
  validate_and_repair(result);
  return result;
}

std::string geometry_type_name(OGRwkbGeometryType type) {
  switch (wkbFlatten(type)) {
    case wkbPoint: return "Point";
    case wkbLineString: return "LineString";
    case wkbPolygon: return "Polygon";
    case wkbMultiPoint: return "MultiPoint";
    case wkbMultiLineString: return "MultiLineString";
    case wkbMultiPolygon: return "MultiPolygon";
    case wkbGeometryCollection: return "GeometryCollection";
    default: return "Unknown";
  }
}

}  // namespace bando::data
