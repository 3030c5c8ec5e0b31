#include <gtest/gtest.h>

#include <cmath>
#include <memory>
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

struct Province {
  std::string name;
  std::vector<std::uint8_t> wkb;  // EPSG:3857
  double first_lon = 0;           // first vertex of the first exterior ring, on the province border
  double first_lat = 0;
};

std::vector<Province> read_provinces() {
  GDALAllRegister();
  const std::string path = std::string(BANDO_BUNDLED_DIR) + "/admin/vn_provinces_34_2025.geojson";
  const char* drivers[] = {"GeoJSON", nullptr};
  GDALDatasetUniquePtr dataset(GDALDataset::Open(path.c_str(), GDAL_OF_VECTOR, drivers, nullptr, nullptr));
  if (dataset == nullptr) throw std::runtime_error("cannot open " + path);

  std::vector<Province> provinces;
  for (const auto& feature : dataset->GetLayer(0)) {
    const OGRGeometry* geometry = feature->GetGeometryRef();
    if (geometry == nullptr) continue;
    std::vector<unsigned char> wkb(static_cast<std::size_t>(geometry->WkbSize()));
    geometry->exportToWkb(wkbNDR, wkb.data(), wkbVariantIso);

    const geo::GeosGeometryPtr mercator = testing::mercator_from_lonlat_wkb(wkb);

    Province province;
    province.name = feature->GetFieldAsString("name");
    province.wkb = geo::geos_to_wkb(*mercator);
    const OGRPolygon* first = wkbFlatten(geometry->getGeometryType()) == wkbMultiPolygon
                                  ? geometry->toMultiPolygon()->getGeometryRef(0)
                                  : geometry->toPolygon();
    province.first_lon = first->getExteriorRing()->getX(0);
    province.first_lat = first->getExteriorRing()->getY(0);
    provinces.push_back(std::move(province));
  }
  return provinces;
}

class BundledProvinces : public ::testing::TestWithParam<std::uint32_t> {
 protected:
  static void SetUpTestSuite() { provinces_ = new std::vector<Province>(read_provinces()); }
  static void TearDownTestSuite() {
    delete provinces_;
    provinces_ = nullptr;
  }
  static std::vector<Province>* provinces_;
};

std::vector<Province>* BundledProvinces::provinces_ = nullptr;

TEST_P(BundledProvinces, BorderTilesDecodeToValidPolygons) {
  const std::uint32_t zoom = GetParam();
  ASSERT_EQ(provinces_->size(), 34u);

  for (std::size_t i = 0; i < provinces_->size(); ++i) {
    const Province& province = (*provinces_)[i];
    const geo::TileId tile = testing::tile_containing(province.first_lon, province.first_lat, zoom);
    SCOPED_TRACE(fmt::format("{} at tile {}", province.name, geo::to_string(tile)));

    std::vector<LayerBuilder> layers;
    layers.emplace_back("provinces", tile);
    layers[0].add_feature(testing::make_record(static_cast<std::int64_t>(i + 1), province.wkb));
    const auto decoded = testing::decode_tile(encode_tile(layers));

    ASSERT_EQ(decoded.size(), 1u);
    ASSERT_EQ(decoded[0].features.size(), 1u);
    EXPECT_EQ(decoded[0].features[0].type, 3u);
    EXPECT_EQ(decoded[0].features[0].id, i + 1);

    const auto parts = testing::decode_commands(decoded[0].features[0].geometry);
    ASSERT_FALSE(parts.empty());
    for (const auto& part : parts) {
      EXPECT_TRUE(part.closed);
      EXPECT_GE(part.points.size(), 3u);
    }
    const geo::GeosGeometryPtr polygons = testing::polygons_from_parts(parts);
    std::string reason;
    EXPECT_TRUE(testing::is_valid_geometry(*polygons, reason)) << reason;
  }
}

INSTANTIATE_TEST_SUITE_P(Zooms, BundledProvinces, ::testing::Values(5u, 10u),
                         [](const ::testing::TestParamInfo<std::uint32_t>& param_info) {
                           return "Zoom" + std::to_string(param_info.param);
                         });

}  // namespace
}  // namespace bando::tiles
