#include "data/gazetteer/boundaries.hpp"

#include <memory>
#include <mutex>
#include <type_traits>

#include <fmt/format.h>
#include <gdal.h>
#include <ogr_api.h>

#include "geo/error.hpp"
#include "geo/geos_context.hpp"

namespace bando::data {
namespace {

struct DatasetCloser {
  void operator()(void* dataset) const noexcept { GDALClose(dataset); }
};
struct FeatureDestroyer {
  void operator()(OGRFeatureH feature) const noexcept { OGR_F_Destroy(feature); }
};
struct GeometryDestroyer {
  void operator()(OGRGeometryH geometry) const noexcept { OGR_G_DestroyGeometry(geometry); }
};
using FeaturePtr = std::unique_ptr<std::remove_pointer_t<OGRFeatureH>, FeatureDestroyer>;
using GeometryPtr = std::unique_ptr<std::remove_pointer_t<OGRGeometryH>, GeometryDestroyer>;

std::vector<std::uint8_t> export_iso_wkb(OGRGeometryH geometry) {
  std::vector<std::uint8_t> wkb(static_cast<std::size_t>(OGR_G_WkbSize(geometry)));
  if (OGR_G_ExportToIsoWkb(geometry, wkbNDR, wkb.data()) != OGRERR_NONE) return {};
  return wkb;
}

}  // namespace

geo::Point representative_point(const std::vector<std::uint8_t>& wkb) {
  GEOSContextHandle_t context = geo::geos_context();
  const geo::GeosGeometryPtr polygon = geo::geos_from_wkb(wkb);
  if (GEOSisEmpty_r(context, polygon.get()) != 0) {
    throw Error(ErrorKind::invalid_argument,
                {"cannot compute a representative point of an empty geometry",
                 "không tính được điểm đại diện của hình học rỗng"});
  }

  geo::GeosGeometryPtr point = geo::check_geos(GEOSGetCentroid_r(context, polygon.get()), "centroid");
  if (GEOSIntersects_r(context, polygon.get(), point.get()) != 1) {
    point = geo::check_geos(GEOSPointOnSurface_r(context, polygon.get()), "point on surface");
  }
  geo::Point result;
  GEOSGeomGetX_r(context, point.get(), &result.x);
  GEOSGeomGetY_r(context, point.get(), &result.y);
  return result;
}

std::vector<UnitBoundary> read_unit_boundaries(const std::filesystem::path& bundled_dir, const std::string& file,
                                               std::vector<ImportIssue>& issues, const char* code_property) {
  static std::once_flag registered;
  std::call_once(registered, [] { GDALAllRegister(); });

  const std::string path = (bundled_dir / file).string();
  const char* const drivers[] = {"GeoJSON", nullptr};
  std::unique_ptr<void, DatasetCloser> dataset(
      GDALOpenEx(path.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY, drivers, nullptr, nullptr));
  if (!dataset || GDALDatasetGetLayerCount(dataset.get()) < 1) {
    throw Error(ErrorKind::unavailable,
                {fmt::format("GDAL cannot open the boundary file '{}': {}", path, CPLGetLastErrorMsg()),
                 fmt::format("GDAL không mở được tệp ranh giới '{}'", path)});
  }

  OGRLayerH layer = GDALDatasetGetLayer(dataset.get(), 0);
  OGR_L_ResetReading(layer);
  std::vector<UnitBoundary> boundaries;
  int feature_number = 0;
  while (true) {
    FeaturePtr feature(OGR_L_GetNextFeature(layer));
    if (!feature) break;
    ++feature_number;

    const int code_field = OGR_F_GetFieldIndex(feature.get(), code_property);
    const std::string code =
        code_field >= 0 && OGR_F_IsFieldSetAndNotNull(feature.get(), code_field) != 0
            ? OGR_F_GetFieldAsString(feature.get(), code_field)
            : "";
    const std::string label = fmt::format("feature {} (code '{}')", feature_number, code);
    if (code.empty()) {
      issues.push_back({file, 0, label, fmt::format("feature has no '{}' property; boundary skipped", code_property)});
      continue;
    }
    OGRGeometryH geometry = OGR_F_GetGeometryRef(feature.get());
    if (geometry == nullptr || OGR_G_IsEmpty(geometry) != 0) {
      issues.push_back({file, 0, label, "feature has no geometry; boundary skipped"});
      continue;
    }
    const OGRwkbGeometryType type = wkbFlatten(OGR_G_GetGeometryType(geometry));
    if (type != wkbPolygon && type != wkbMultiPolygon) {
      issues.push_back({file, 0, label,
                        fmt::format("geometry is a {}, not a polygon; boundary skipped", OGR_G_GetGeometryName(geometry))});
      continue;
    }

    // Every boundary becomes a 2D MultiPolygon, the type of the store's
    // geometry column, so a save and load round trip returns the same bytes.
    GeometryPtr multi_polygon(OGR_G_ForceToMultiPolygon(OGR_G_Clone(geometry)));
    geo::GeosGeometryPtr parsed = geo::geos_from_wkb(export_iso_wkb(multi_polygon.get()));
    if (GEOSisValid_r(geo::geos_context(), parsed.get()) != 1) {
      issues.push_back({file, 0, label, "geometry is not valid (GEOS isValid); boundary skipped"});
      continue;
    }
    UnitBoundary boundary;
    boundary.code = code;
    boundary.wkb = geo::geos_to_wkb(*parsed);
    boundary.centroid = representative_point(boundary.wkb);
    boundary.feature = feature_number;
    boundaries.push_back(std::move(boundary));
  }
  return boundaries;
}

}  // namespace bando::data
