#include "tile_fixtures.hpp"

#include <atomic>
#include <cmath>
#include <stdexcept>

#include <cpl_vsi.h>
#include <fmt/format.h>

namespace bando::tiles::testing {
namespace {

struct TileTransform {
  double min_x;
  double max_y;
  double metres_per_unit;
};

int tile_units_to_mercator(double* x, double* y, void* user_data) {
  const auto* transform = static_cast<const TileTransform*>(user_data);
  *x = transform->min_x + *x * transform->metres_per_unit;
  *y = transform->max_y - *y * transform->metres_per_unit;
  return 1;
}

GEOSGeometry* make_ring(GEOSContextHandle_t context, const std::vector<TilePoint>& points) {
  GEOSCoordSequence* sequence = GEOSCoordSeq_create_r(context, static_cast<unsigned>(points.size() + 1), 2);
  for (std::size_t i = 0; i <= points.size(); ++i) {
    const TilePoint& point = points[i % points.size()];
    GEOSCoordSeq_setXY_r(context, sequence, static_cast<unsigned>(i), point.x, point.y);
  }
  return GEOSGeom_createLinearRing_r(context, sequence);
}

}  // namespace

std::vector<std::uint8_t> wkb_from_tile_wkt(const std::string& wkt, const geo::TileId& tile, std::uint32_t extent) {
  const geo::Box bounds = geo::tile_bounds(tile);
  TileTransform transform{bounds.min_x, bounds.max_y, (bounds.max_x - bounds.min_x) / extent};
  const geo::GeosGeometryPtr parsed = geo::geos_from_wkt(wkt);
  const geo::GeosGeometryPtr mercator = geo::check_geos(
      GEOSGeom_transformXY_r(geo::geos_context(), parsed.get(), tile_units_to_mercator, &transform),
      "transform");
  return geo::geos_to_wkb(*mercator);
}

data::FeatureRecord make_record(std::int64_t id, const std::vector<std::uint8_t>& wkb,
                                std::string_view properties_json) {
  return {id, std::span<const std::uint8_t>(wkb), properties_json};
}

geo::GeosGeometryPtr polygons_from_parts(const std::vector<DecodedPart>& parts) {
  GEOSContextHandle_t context = geo::geos_context();
  std::vector<GEOSGeometry*> polygons;
  GEOSGeometry* shell = nullptr;
  std::vector<GEOSGeometry*> holes;

  const auto finish_polygon = [&] {
    if (shell == nullptr) return;
    polygons.push_back(
        GEOSGeom_createPolygon_r(context, shell, holes.data(), static_cast<unsigned>(holes.size())));
    shell = nullptr;
    holes.clear();
  };

  for (const DecodedPart& part : parts) {
    if (testing::twice_signed_area(part.points) > 0) {
      finish_polygon();
      shell = make_ring(context, part.points);
    } else {
      if (shell == nullptr) throw std::runtime_error("a counter-clockwise ring comes before any exterior ring");
      holes.push_back(make_ring(context, part.points));
    }
  }
  finish_polygon();
  return geo::check_geos(GEOSGeom_createCollection_r(context, GEOS_MULTIPOLYGON, polygons.data(),
                                                     static_cast<unsigned>(polygons.size())),
                         "create multi polygon");
}

bool is_valid_geometry(const GEOSGeometry& geometry, std::string& reason) {
  GEOSContextHandle_t context = geo::geos_context();
  if (GEOSisValid_r(context, &geometry) == 1) return true;
  char* text = GEOSisValidReason_r(context, &geometry);
  reason = text != nullptr ? text : "unknown";
  GEOSFree_r(context, text);
  return false;
}

GdalTile::GdalTile(const std::string& bytes, const geo::TileId& tile, bool clip) : bytes_(bytes) {
  GDALAllRegister();
  static std::atomic<int> counter{0};
  path_ = fmt::format("/vsimem/bando_tiles_test_{}/{}/{}/{}.pbf", counter++, tile.z, tile.x, tile.y);

  VSILFILE* file = VSIFileFromMemBuffer(path_.c_str(), reinterpret_cast<GByte*>(bytes_.data()),
                                        static_cast<vsi_l_offset>(bytes_.size()), FALSE);
  if (file == nullptr) throw std::runtime_error("VSIFileFromMemBuffer failed for " + path_);
  VSIFCloseL(file);

  const char* drivers[] = {"MVT", nullptr};
  const char* options[] = {clip ? "CLIP=YES" : "CLIP=NO", nullptr};
  dataset_.reset(GDALDataset::Open(path_.c_str(), GDAL_OF_VECTOR, drivers, options, nullptr));
}

GdalTile::~GdalTile() {
  dataset_.reset();
  VSIUnlink(path_.c_str());
}

geo::GeosGeometryPtr mercator_from_lonlat_wkb(const std::vector<std::uint8_t>& lonlat_wkb) {
  const auto to_mercator = [](double* x, double* y, void*) {
    *x = geo::lon_to_mercator_x(*x);
    *y = geo::lat_to_mercator_y(*y);
    return 1;
  };
  const geo::GeosGeometryPtr lonlat = geo::geos_from_wkb(lonlat_wkb);
  return geo::check_geos(GEOSGeom_transformXY_r(geo::geos_context(), lonlat.get(), to_mercator, nullptr),
                         "transform");
}

geo::TileId tile_containing(double lon, double lat, std::uint32_t z) {
  const double tiles = std::ldexp(1.0, static_cast<int>(z));
  const double x = (geo::lon_to_mercator_x(lon) + geo::kMercatorHalfExtent) / (2 * geo::kMercatorHalfExtent);
  const double y = (geo::kMercatorHalfExtent - geo::lat_to_mercator_y(lat)) / (2 * geo::kMercatorHalfExtent);
  return {z, static_cast<std::uint32_t>(x * tiles), static_cast<std::uint32_t>(y * tiles)};
}

}  // namespace bando::tiles::testing
