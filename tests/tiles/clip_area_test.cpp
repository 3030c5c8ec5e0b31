#include <gtest/gtest.h>

#include <cmath>
#include <string>
#include <vector>

#include <fmt/format.h>
#include <ogrsf_frmts.h>

#include "geo/geos_context.hpp"
#include "geo/tile_math.hpp"
#include "mvt_decoder.hpp"
#include "tile_fixtures.hpp"
#include "tiles/layer_builder.hpp"
#include "tiles/tile_encoder.hpp"

namespace bando::tiles {
namespace {

struct Ward {
  std::string code;
  std::vector<std::uint8_t> wkb;  // EPSG:3857
  double lon = 0;                 // a vertex on the ward's border
  double lat = 0;
};

std::vector<Ward> read_ha_noi_wards() {
  GDALAllRegister();
  const std::string path = std::string(BANDO_BUNDLED_DIR) + "/admin/vn_wards_ha_noi_2025.geojson";
  GDALDatasetUniquePtr dataset(GDALDataset::Open(path.c_str(), GDAL_OF_VECTOR));
  if (dataset == nullptr) throw std::runtime_error("cannot open " + path);

  std::vector<Ward> wards;
  for (const auto& feature : dataset->GetLayer(0)) {
    const OGRGeometry* geometry = feature->GetGeometryRef();
    std::vector<unsigned char> wkb(static_cast<std::size_t>(geometry->WkbSize()));
    geometry->exportToWkb(wkbNDR, wkb.data(), wkbVariantIso);
    const geo::GeosGeometryPtr mercator = testing::mercator_from_lonlat_wkb(wkb);
    const OGRPolygon* first = geometry->toMultiPolygon()->getGeometryRef(0);
    wards.push_back({feature->GetFieldAsString("code"), geo::geos_to_wkb(*mercator),
                     first->getExteriorRing()->getX(0), first->getExteriorRing()->getY(0)});
  }
  return wards;
}

struct TileFrame {
  double origin_x, origin_y, scale;
};

int mercator_to_tile(double* x, double* y, void* user) {
  const auto* frame = static_cast<const TileFrame*>(user);
  *x = (*x - frame->origin_x) * frame->scale;
  *y = (frame->origin_y - *y) * frame->scale;
  return 1;
}

// Area, in square tile units, of the source polygon inside the buffered tile,
// computed with GEOS overlay on the unsimplified geometry.
double expected_clipped_area(const std::vector<std::uint8_t>& mercator_wkb, const geo::TileId& tile) {
  const geo::Box bounds = geo::tile_bounds(tile);
  TileFrame frame{bounds.min_x, bounds.max_y, 4096.0 / (bounds.max_x - bounds.min_x)};
  const geo::GeosGeometryPtr source = geo::geos_from_wkb(mercator_wkb);
  const geo::GeosGeometryPtr in_tile = geo::check_geos(
      GEOSGeom_transformXY_r(geo::geos_context(), source.get(), mercator_to_tile, &frame), "transform");
  const geo::GeosGeometryPtr box = geo::geos_from_wkt("POLYGON((-64 -64,4160 -64,4160 4160,-64 4160,-64 -64))");
  const geo::GeosGeometryPtr clipped =
      geo::check_geos(GEOSIntersection_r(geo::geos_context(), in_tile.get(), box.get()), "intersection");
  double area = 0;
  GEOSArea_r(geo::geos_context(), clipped.get(), &area);
  return area;
}

// Thinning and snapping may move edges by about a tile unit, so the encoded area
// of a small polygon may differ from the exact overlay by a few percent. A
// clipping error such as returning the whole tile differs by orders of magnitude.
TEST(ClipArea, WardAreaKeptInBorderTiles) {
  const std::vector<Ward> wards = read_ha_noi_wards();
  ASSERT_EQ(wards.size(), 126u);

  for (const std::uint32_t zoom : {9u, 12u, 15u}) {
    for (const Ward& ward : wards) {
      const geo::TileId tile = testing::tile_containing(ward.lon, ward.lat, zoom);
      SCOPED_TRACE(fmt::format("ward {} at tile {}", ward.code, geo::to_string(tile)));

      std::vector<LayerBuilder> layers;
      layers.emplace_back("wards", tile);
      layers[0].add_feature(testing::make_record(1, ward.wkb));
      const auto decoded = testing::decode_tile(encode_tile(layers));
      const double expected = expected_clipped_area(ward.wkb, tile);
      if (decoded.empty()) {
        EXPECT_LT(expected, 4.0) << "a ward covering more than a few tile units was dropped";
        continue;
      }

      const auto parts = testing::decode_commands(decoded[0].features.at(0).geometry);
      const geo::GeosGeometryPtr polygons = testing::polygons_from_parts(parts);
      double actual = 0;
      GEOSArea_r(geo::geos_context(), polygons.get(), &actual);
      EXPECT_NEAR(actual, expected, 0.05 * expected + 200.0);
    }
  }
}

}  // namespace
}  // namespace bando::tiles
