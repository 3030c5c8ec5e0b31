#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "mvt_decoder.hpp"
#include "tile_fixtures.hpp"
#include "tiles/layer_builder.hpp"
#include "tiles/tile_encoder.hpp"
#include "tiles/tile_options.hpp"

namespace bando::tiles {
namespace {

const geo::TileId kTile{10, 812, 450};

// Adds each WKT (tile units of kTile) to `layer` as a feature with ids 1, 2, ...
void add_wkts(LayerBuilder& layer, const std::vector<std::string>& wkts) {
  for (std::size_t i = 0; i < wkts.size(); ++i) {
    const std::vector<std::uint8_t> wkb = testing::wkb_from_tile_wkt(wkts[i], kTile);
    layer.add_feature(testing::make_record(static_cast<std::int64_t>(i + 1), wkb));
  }
}

std::vector<std::uint64_t> feature_ids(const testing::DecodedLayer& layer) {
  std::vector<std::uint64_t> ids;
  for (const auto& feature : layer.features) ids.push_back(feature.id.value_or(0));
  return ids;
}

std::string square(int x, int y, int side) {
  return fmt::format("POLYGON(({0} {1},{2} {1},{2} {3},{0} {3},{0} {1}))", x, y, x + side, y + side);
}

// A polygon of `count` vertices on a circle, in tile units.
std::string circle(double cx, double cy, double radius, int count) {
  std::string wkt = "POLYGON((";
  for (int i = 0; i <= count; ++i) {
    const double angle = 2 * M_PI * (i % count) / count;
    wkt += fmt::format("{}{} {}", i == 0 ? "" : ",", cx + radius * std::cos(angle), cy + radius * std::sin(angle));
  }
  return wkt + "))";
}

TEST(OptionsForZoom, GeneralizesBelowMaxZoom) {
  const TileOptions options = options_for_zoom(5, 16);
  EXPECT_GT(options.simplify_tolerance, 0);
  EXPECT_EQ(options.min_polygon_area, 256);
  EXPECT_EQ(options.min_line_length, 16);
  EXPECT_EQ(options.point_grid, 64u);
}

TEST(OptionsForZoom, KeepsDetailFromMaxZoom) {
  for (const std::uint32_t z : {16u, 18u}) {
    const TileOptions options = options_for_zoom(z, 16);
    EXPECT_EQ(options.simplify_tolerance, 0);
    EXPECT_EQ(options.min_polygon_area, 0);
    EXPECT_EQ(options.point_grid, 0u);
  }
}

TEST(Generalization, PointGridKeepsFirstPointPerCell) {
  TileOptions options;
  options.point_grid = 64;
  std::vector<LayerBuilder> layers;
  layers.emplace_back("points", kTile, options);
  add_wkts(layers[0], {"POINT(10 10)", "POINT(60 60)", "POINT(100 10)", "POINT(-50 -50)", "POINT(-60 -40)"});
  const auto decoded = testing::decode_tile(encode_tile(layers));

  ASSERT_EQ(decoded.size(), 1u);
  EXPECT_EQ(feature_ids(decoded[0]), (std::vector<std::uint64_t>{1, 3, 4}));
}

TEST(Generalization, PolygonBelowPixelAreaDropped) {
  TileOptions options;
  options.min_polygon_area = 256;
  std::vector<LayerBuilder> layers;
  layers.emplace_back("polygons", kTile, options);
  add_wkts(layers[0], {square(100, 100, 10), square(200, 200, 20), square(300, 300, 15)});
  const auto decoded = testing::decode_tile(encode_tile(layers));

  ASSERT_EQ(decoded.size(), 1u);
  EXPECT_EQ(feature_ids(decoded[0]), (std::vector<std::uint64_t>{2}));
}

TEST(Generalization, SmallPartOfMultiPolygonDropped) {
  TileOptions options;
  options.min_polygon_area = 256;
  std::vector<LayerBuilder> layers;
  layers.emplace_back("polygons", kTile, options);
  add_wkts(layers[0], {"MULTIPOLYGON(((0 0,100 0,100 100,0 100,0 0)),((500 500,505 500,505 505,500 505,500 500)))"});
  const auto decoded = testing::decode_tile(encode_tile(layers));

  ASSERT_EQ(decoded.size(), 1u);
  ASSERT_EQ(decoded[0].features.size(), 1u);
  const auto parts = testing::decode_commands(decoded[0].features[0].geometry);
  EXPECT_EQ(parts.size(), 1u);
}

TEST(Generalization, ShortLineDropped) {
  TileOptions options;
  options.min_line_length = 16;
  std::vector<LayerBuilder> layers;
  layers.emplace_back("lines", kTile, options);
  add_wkts(layers[0], {"LINESTRING(0 0,10 0)", "LINESTRING(0 100,40 100)"});
  const auto decoded = testing::decode_tile(encode_tile(layers));

  ASSERT_EQ(decoded.size(), 1u);
  EXPECT_EQ(feature_ids(decoded[0]), (std::vector<std::uint64_t>{2}));
}

TEST(Generalization, SimplificationKeepsPolygonValid) {
  TileOptions options;
  options.simplify_tolerance = 4;
  std::vector<LayerBuilder> simplified;
  simplified.emplace_back("polygons", kTile, options);
  std::vector<LayerBuilder> detailed;
  detailed.emplace_back("polygons", kTile);
  const std::vector<std::string> wkts{circle(2048, 2048, 1500, 4000), circle(2048, 2048, 30, 200)};
  add_wkts(simplified[0], wkts);
  add_wkts(detailed[0], wkts);

  const std::string simplified_bytes = encode_tile(simplified);
  const auto decoded = testing::decode_tile(simplified_bytes);
  ASSERT_EQ(decoded.size(), 1u);
  ASSERT_EQ(decoded[0].features.size(), 2u);
  for (const auto& feature : decoded[0].features) {
    const auto polygons = testing::polygons_from_parts(testing::decode_commands(feature.geometry));
    std::string reason;
    EXPECT_TRUE(testing::is_valid_geometry(*polygons, reason)) << reason;
  }
  EXPECT_LT(simplified_bytes.size(), encode_tile(detailed).size() / 2);
}

// Polygons of growing size: feature i (1-based) is a square of side 20 + i.
std::vector<LayerBuilder> growing_squares(std::size_t count) {
  std::vector<LayerBuilder> layers;
  layers.emplace_back("squares", kTile);
  std::vector<std::string> wkts;
  for (std::size_t i = 1; i <= count; ++i) {
    const int offset = static_cast<int>(i % 60) * 60;
    wkts.push_back(square(offset, static_cast<int>(i / 60) * 60, 20 + static_cast<int>(i % 40)));
  }
  add_wkts(layers[0], wkts);
  return layers;
}

TEST(SizeBudget, TileWithinBudgetUnchanged) {
  auto layers = growing_squares(50);
  const std::string full = encode_tile(layers);
  const BudgetedTile result = encode_tile_within(layers, full.size());
  EXPECT_EQ(result.dropped_features, 0u);
  EXPECT_EQ(result.bytes, full);
}

TEST(SizeBudget, DropsSmallestFeaturesFirst) {
  auto layers = growing_squares(400);
  const std::size_t full_size = encode_tile(layers).size();
  const std::size_t budget = full_size / 2;
  const BudgetedTile result = encode_tile_within(layers, budget);

  EXPECT_LE(result.bytes.size(), budget);
  EXPECT_GT(result.dropped_features, 0u);
  const auto decoded = testing::decode_tile(result.bytes);
  ASSERT_EQ(decoded.size(), 1u);
  EXPECT_EQ(decoded[0].features.size() + result.dropped_features, 400u);

  // Every kept square is at least as large as every dropped one.
  double smallest_kept = 1e18;
  for (const auto& feature : decoded[0].features) {
    const auto parts = testing::decode_commands(feature.geometry);
    ASSERT_EQ(parts.size(), 1u);
    smallest_kept = std::min(smallest_kept, testing::twice_signed_area(parts[0].points) / 2.0);
  }
  double largest_dropped = 0;
  for (const auto& feature : layers[0].encoded_features()) {
    if (feature.dropped) largest_dropped = std::max(largest_dropped, feature.weight);
  }
  EXPECT_GE(smallest_kept, largest_dropped);
}

TEST(SizeBudget, SameInputDropsSameFeatures) {
  auto first = growing_squares(300);
  auto second = growing_squares(300);
  const std::size_t budget = encode_tile(first).size() / 3;
  EXPECT_EQ(encode_tile_within(first, budget).bytes, encode_tile_within(second, budget).bytes);
}

TEST(SizeBudget, KeepsLargestFeatureOfEachLayer) {
  std::vector<LayerBuilder> layers;
  layers.emplace_back("a", kTile);
  layers.emplace_back("b", kTile);
  add_wkts(layers[0], {square(0, 0, 30), square(100, 100, 90), square(300, 300, 50)});
  add_wkts(layers[1], {"LINESTRING(0 0,100 0)", "LINESTRING(0 10,900 10)"});
  const BudgetedTile result = encode_tile_within(layers, 1);

  EXPECT_EQ(result.dropped_features, 3u);
  const auto decoded = testing::decode_tile(result.bytes);
  ASSERT_EQ(decoded.size(), 2u);
  EXPECT_EQ(feature_ids(decoded[0]), (std::vector<std::uint64_t>{2}));
  EXPECT_EQ(feature_ids(decoded[1]), (std::vector<std::uint64_t>{2}));
}

}  // namespace
}  // namespace bando::tiles
