// The pre-2025 districts (692 polygons, about 384 000 vertices) encoded at zooms 5 to 9.

#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <memory>
#include <set>
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
#include "tiles/tile_options.hpp"

namespace bando::tiles {
namespace {

constexpr std::size_t kBudgetBytes = 500 * 1024;
// A district covering at least this many square pixels of a tile must be in it.
constexpr double kVisiblePixels = 4;

struct District {
  std::vector<std::uint8_t> wkb;  // EPSG:3857
  geo::GeosGeometryPtr geometry;  // EPSG:3857
  geo::Box bounds;
};

std::vector<District> read_districts() {
  GDALAllRegister();
  const std::string path = std::string(BANDO_BUNDLED_DIR) + "/admin/vn_districts_pre2025.geojson";
  const char* drivers[] = {"GeoJSON", nullptr};
  GDALDatasetUniquePtr dataset(GDALDataset::Open(path.c_str(), GDAL_OF_VECTOR, drivers, nullptr, nullptr));
  if (dataset == nullptr) throw std::runtime_error("cannot open " + path);

  std::vector<District> districts;
  for (const auto& feature : dataset->GetLayer(0)) {
    const OGRGeometry* geometry = feature->GetGeometryRef();
    if (geometry == nullptr) continue;
    std::vector<unsigned char> wkb(static_cast<std::size_t>(geometry->WkbSize()));
    geometry->exportToWkb(wkbNDR, wkb.data(), wkbVariantIso);

    District district;
    district.geometry = testing::mercator_from_lonlat_wkb(wkb);
    district.wkb = geo::geos_to_wkb(*district.geometry);
    double min_x = 0, min_y = 0, max_x = 0, max_y = 0;
    GEOSGeom_getXMin_r(geo::geos_context(), district.geometry.get(), &min_x);
    GEOSGeom_getYMin_r(geo::geos_context(), district.geometry.get(), &min_y);
    GEOSGeom_getXMax_r(geo::geos_context(), district.geometry.get(), &max_x);
    GEOSGeom_getYMax_r(geo::geos_context(), district.geometry.get(), &max_y);
    district.bounds = {min_x, min_y, max_x, max_y};
    districts.push_back(std::move(district));
  }
  return districts;
}

// Area of `geometry` inside the tile, in square pixels of a 256-pixel tile.
double visible_pixels(const GEOSGeometry& geometry, const geo::Box& tile) {
  GEOSContextHandle_t context = geo::geos_context();
  const geo::GeosGeometryPtr clipped =
      geo::check_geos(GEOSClipByRect_r(context, &geometry, tile.min_x, tile.min_y, tile.max_x, tile.max_y), "clip");
  double area = 0;
  GEOSArea_r(context, clipped.get(), &area);
  const double metres_per_pixel = (tile.max_x - tile.min_x) / 256;
  return area / (metres_per_pixel * metres_per_pixel);
}

class LowZoomDistricts : public ::testing::TestWithParam<std::uint32_t> {
 protected:
  static void SetUpTestSuite() { districts_ = new std::vector<District>(read_districts()); }
  static void TearDownTestSuite() {
    delete districts_;
    districts_ = nullptr;
  }
  static std::vector<District>* districts_;
};

std::vector<District>* LowZoomDistricts::districts_ = nullptr;

TEST_P(LowZoomDistricts, TilesFitBudgetAndStayValid) {
  const std::uint32_t zoom = GetParam();
  ASSERT_EQ(districts_->size(), 692u);

  // Hà Nội, Hà Giang, Đà Nẵng, Thành phố Hồ Chí Minh and Cần Thơ.
  const double places[][2] = {{105.85, 21.03}, {104.98, 22.82}, {108.22, 16.05}, {106.70, 10.78}, {105.78, 10.03}};
  std::set<std::pair<std::uint32_t, std::uint32_t>> done;
  for (const auto& place : places) {
    const geo::TileId tile = testing::tile_containing(place[0], place[1], zoom);
    if (!done.insert({tile.x, tile.y}).second) continue;
    SCOPED_TRACE(fmt::format("tile {}", geo::to_string(tile)));

    std::vector<LayerBuilder> layers;
    layers.emplace_back("districts", tile, options_for_zoom(zoom, 16));
    const geo::Box bounds = geo::tile_bounds(tile);
    const geo::Box buffered = bounds.buffered((bounds.max_x - bounds.min_x) * 64 / 4096);
    std::set<std::uint64_t> visible;
    for (std::size_t i = 0; i < districts_->size(); ++i) {
      const District& district = (*districts_)[i];
      if (!district.bounds.intersects(buffered)) continue;
      layers[0].add_feature(testing::make_record(static_cast<std::int64_t>(i + 1), district.wkb));
      if (visible_pixels(*district.geometry, bounds) >= kVisiblePixels) visible.insert(i + 1);
    }
    const BudgetedTile encoded = encode_tile_within(layers, kBudgetBytes);
    RecordProperty(fmt::format("bytes_{}_{}_{}", tile.z, tile.x, tile.y), static_cast<int>(encoded.bytes.size()));

    EXPECT_LE(encoded.bytes.size(), kBudgetBytes);
    EXPECT_EQ(encoded.dropped_features, 0u);
    const auto decoded = testing::decode_tile(encoded.bytes);
    ASSERT_EQ(decoded.size(), 1u);
    ASSERT_FALSE(decoded[0].features.empty());

    std::set<std::uint64_t> present;
    for (const auto& feature : decoded[0].features) {
      present.insert(feature.id.value_or(0));
      EXPECT_EQ(feature.type, 3u);
      const auto polygons = testing::polygons_from_parts(testing::decode_commands(feature.geometry));
      std::string reason;
      EXPECT_TRUE(testing::is_valid_geometry(*polygons, reason)) << "feature " << *feature.id << ": " << reason;
    }
    for (const std::uint64_t id : visible) EXPECT_TRUE(present.count(id)) << "district " << id << " is missing";
  }
}

INSTANTIATE_TEST_SUITE_P(Zooms, LowZoomDistricts, ::testing::Values(5u, 6u, 7u, 8u, 9u),
                         [](const ::testing::TestParamInfo<std::uint32_t>& param_info) {
                           return "Zoom" + std::to_string(param_info.param);
                         });

}  // namespace
}  // namespace bando::tiles
