#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <utility>
#include <vector>

#include "geo/error.hpp"
#include "mvt_decoder.hpp"
#include "tile_fixtures.hpp"
#include "tiles/layer_builder.hpp"
#include "tiles/tile_encoder.hpp"

namespace bando::tiles {
namespace {

using testing::DecodedLayer;
using testing::DecodedPart;

const geo::TileId kTile{10, 812, 450};

std::uint32_t command(std::uint32_t id, std::uint32_t count) { return id | (count << 3U); }

// Encodes each WKT (tile units of kTile) as one feature with ids 1, 2, ... and decodes the tile.
std::vector<DecodedLayer> encode_wkts(const std::vector<std::string>& wkts, const TileOptions& options = {}) {
  std::vector<LayerBuilder> layers;
  layers.emplace_back("shapes", kTile, options);
  for (std::size_t i = 0; i < wkts.size(); ++i) {
    const std::vector<std::uint8_t> wkb = testing::wkb_from_tile_wkt(wkts[i], kTile, options.extent);
    layers.front().add_feature(testing::make_record(static_cast<std::int64_t>(i + 1), wkb));
  }
  return testing::decode_tile(encode_tile(layers));
}

std::vector<TilePoint> sorted(std::vector<TilePoint> points) {
  std::sort(points.begin(), points.end(),
            [](const TilePoint& a, const TilePoint& b) { return a.x != b.x ? a.x < b.x : a.y < b.y; });
  return points;
}

// GEOS validity of a decoded polygon feature, with GEOS's reason in the failure message.
::testing::AssertionResult decoded_polygons_are_valid(const std::vector<DecodedPart>& parts) {
  const geo::GeosGeometryPtr polygons = testing::polygons_from_parts(parts);
  std::string reason;
  if (testing::is_valid_geometry(*polygons, reason)) return ::testing::AssertionSuccess();
  return ::testing::AssertionFailure() << reason << " in " << geo::geos_to_wkt(*polygons, 0);
}

TEST(MvtEncoder, LayerHeaderFollowsSpecification) {
  const auto layers = encode_wkts({"POINT(10 20)"});
  ASSERT_EQ(layers.size(), 1u);
  EXPECT_EQ(layers[0].version, 2u);
  EXPECT_EQ(layers[0].name, "shapes");
  EXPECT_EQ(layers[0].extent, 4096u);
}

TEST(MvtEncoder, PointHasExactCommands) {
  const auto layers = encode_wkts({"POINT(25 17)"});
  ASSERT_EQ(layers.size(), 1u);
  ASSERT_EQ(layers[0].features.size(), 1u);
  EXPECT_EQ(layers[0].features[0].type, 1u);
  const std::vector<std::uint32_t> expected{command(1, 1), 50, 34};
  EXPECT_EQ(layers[0].features[0].geometry, expected);
}

TEST(MvtEncoder, PolygonWithHoleKeepsRingsAndOrientation) {
  // The exterior is counter-clockwise on screen and the hole clockwise, so both must be reversed.
  const auto layers = encode_wkts(
      {"POLYGON((100 100,100 1000,1000 1000,1000 100,100 100),(300 300,600 300,600 600,300 600,300 300))"});
  ASSERT_EQ(layers.size(), 1u);
  ASSERT_EQ(layers[0].features.size(), 1u);
  const auto& feature = layers[0].features[0];
  EXPECT_EQ(feature.type, 3u);

  const std::vector<DecodedPart> parts = testing::decode_commands(feature.geometry);
  ASSERT_EQ(parts.size(), 2u);
  EXPECT_TRUE(parts[0].closed);
  EXPECT_TRUE(parts[1].closed);
  EXPECT_GT(testing::twice_signed_area(parts[0].points), 0);
  EXPECT_LT(testing::twice_signed_area(parts[1].points), 0);

  const std::vector<TilePoint> exterior{{100, 100}, {100, 1000}, {1000, 100}, {1000, 1000}};
  const std::vector<TilePoint> hole{{300, 300}, {300, 600}, {600, 300}, {600, 600}};
  EXPECT_EQ(sorted(parts[0].points), exterior);
  EXPECT_EQ(sorted(parts[1].points), hole);
  EXPECT_TRUE(decoded_polygons_are_valid(parts));
}

TEST(MvtEncoder, RingCommandSequence) {
  const auto layers = encode_wkts({"POLYGON((10 10,20 10,20 20,10 20,10 10))"});
  ASSERT_EQ(layers.size(), 1u);
  ASSERT_EQ(layers[0].features.size(), 1u);
  const auto& geometry = layers[0].features[0].geometry;
  // MoveTo(1) + 2 params, LineTo(3) + 6 params, ClosePath(1).
  ASSERT_EQ(geometry.size(), 11u);
  EXPECT_EQ(geometry[0], command(1, 1));
  EXPECT_EQ(geometry[3], command(2, 3));
  EXPECT_EQ(geometry[10], command(7, 1));
}

TEST(MvtEncoder, ExteriorRingIsClockwise) {
  // The same square in both input orientations.
  const auto layers = encode_wkts({"POLYGON((10 10,20 10,20 20,10 20,10 10))",
                                   "POLYGON((10 10,10 20,20 20,20 10,10 10))"});
  ASSERT_EQ(layers.size(), 1u);
  ASSERT_EQ(layers[0].features.size(), 2u);
  for (const auto& feature : layers[0].features) {
    const auto parts = testing::decode_commands(feature.geometry);
    ASSERT_EQ(parts.size(), 1u);
    EXPECT_EQ(testing::twice_signed_area(parts[0].points), 200);
  }
}

TEST(MvtEncoder, PolygonLargerThanTileIsClippedToBuffer) {
  const auto layers = encode_wkts({"POLYGON((-5000 -5000,9000 -5000,9000 9000,-5000 9000,-5000 -5000))"});
  ASSERT_EQ(layers.size(), 1u);
  ASSERT_EQ(layers[0].features.size(), 1u);
  const auto parts = testing::decode_commands(layers[0].features[0].geometry);
  ASSERT_EQ(parts.size(), 1u);
  const std::vector<TilePoint> corners{{-64, -64}, {-64, 4160}, {4160, -64}, {4160, 4160}};
  EXPECT_EQ(sorted(parts[0].points), corners);
  EXPECT_GT(testing::twice_signed_area(parts[0].points), 0);
}

TEST(MvtEncoder, BufferOptionSetsClipBox) {
  TileOptions options;
  options.extent = 256;
  options.buffer = 0;
  const auto layers =
      encode_wkts({"POLYGON((-50 -50,300 -50,300 300,-50 300,-50 -50))"}, options);
  ASSERT_EQ(layers.size(), 1u);
  EXPECT_EQ(layers[0].extent, 256u);
  ASSERT_EQ(layers[0].features.size(), 1u);
  const auto parts = testing::decode_commands(layers[0].features[0].geometry);
  ASSERT_EQ(parts.size(), 1u);
  const std::vector<TilePoint> corners{{0, 0}, {0, 256}, {256, 0}, {256, 256}};
  EXPECT_EQ(sorted(parts[0].points), corners);
}

TEST(MvtEncoder, SnappingKeepsNarrowPolygonValid) {
  // Rounding each vertex on its own would make the ring touch itself at (20 10)
  // and cross at (40 10).
  const auto layers = encode_wkts(
      {"POLYGON((10 10,20 10.4,30 10,40 9.6,50 10,50 10.6,40 10.2,30 10.7,20 10.2,10 10.6,10 10))"});
  ASSERT_EQ(layers.size(), 1u);
  ASSERT_EQ(layers[0].features.size(), 1u);
  const auto parts = testing::decode_commands(layers[0].features[0].geometry);
  ASSERT_FALSE(parts.empty());
  EXPECT_TRUE(decoded_polygons_are_valid(parts));
}

TEST(MvtEncoder, SelfCrossingPolygonComesOutValid) {
  const auto layers = encode_wkts({"POLYGON((500 500,600 600,600 500,500 600,500 500))"});
  ASSERT_EQ(layers.size(), 1u);
  ASSERT_EQ(layers[0].features.size(), 1u);
  const auto parts = testing::decode_commands(layers[0].features[0].geometry);
  ASSERT_EQ(parts.size(), 2u);
  EXPECT_TRUE(decoded_polygons_are_valid(parts));
}

TEST(MvtEncoder, SelfCrossingPolygonAcrossTileEdge) {
  // A bowtie larger than the tile. Its valid parts cover the left and right
  // quarters of every square centred on the crossing, so half the buffered tile.
  const auto layers = encode_wkts({"POLYGON((-1000 -1000,5096 5096,5096 -1000,-1000 5096,-1000 -1000))"});
  ASSERT_EQ(layers.size(), 1u);
  ASSERT_EQ(layers[0].features.size(), 1u);
  const auto parts = testing::decode_commands(layers[0].features[0].geometry);
  EXPECT_TRUE(decoded_polygons_are_valid(parts));

  const geo::GeosGeometryPtr polygons = testing::polygons_from_parts(parts);
  double area = 0;
  ASSERT_EQ(GEOSArea_r(geo::geos_context(), polygons.get(), &area), 1);
  const double buffered_tile_area = 4224.0 * 4224.0;
  EXPECT_NEAR(area / buffered_tile_area, 0.5, 0.01);
}

TEST(MvtEncoder, OpenRingIsClosed) {
  // GEOS's WKT reader rejects open rings, so write the WKB by hand: a
  // little-endian polygon with one ring of 3 vertices and no closing vertex.
  const geo::Box bounds = geo::tile_bounds(kTile);
  const double metres_per_unit = (bounds.max_x - bounds.min_x) / 4096.0;
  std::vector<std::uint8_t> wkb{1};
  const auto append = [&wkb](const auto value) {
    const auto* bytes = reinterpret_cast<const std::uint8_t*>(&value);
    wkb.insert(wkb.end(), bytes, bytes + sizeof value);
  };
  append(std::uint32_t{3});
  append(std::uint32_t{1});
  append(std::uint32_t{3});
  for (const auto& [x, y] : {std::pair{10.0, 10.0}, std::pair{20.0, 10.0}, std::pair{20.0, 20.0}}) {
    append(bounds.min_x + x * metres_per_unit);
    append(bounds.max_y - y * metres_per_unit);
  }

  LayerBuilder layer("shapes", kTile);
  layer.add_feature(testing::make_record(1, wkb));
  const auto decoded = testing::decode_tile(encode_tile({layer}));
  ASSERT_EQ(decoded.size(), 1u);
  ASSERT_EQ(decoded[0].features.size(), 1u);
  const auto parts = testing::decode_commands(decoded[0].features[0].geometry);
  ASSERT_EQ(parts.size(), 1u);
  EXPECT_EQ(sorted(parts[0].points), (std::vector<TilePoint>{{10, 10}, {20, 10}, {20, 20}}));
  EXPECT_TRUE(parts[0].closed);
}

TEST(MvtEncoder, CollapsedPolygonIsSkipped) {
  const auto layers = encode_wkts({"POLYGON((10 10,20 10.2,30 10,20 10.1,10 10))", "POINT(1 1)"});
  ASSERT_EQ(layers.size(), 1u);
  ASSERT_EQ(layers[0].features.size(), 1u);
  EXPECT_EQ(layers[0].features[0].id, 2u);
}

TEST(MvtEncoder, PointOutsideBufferIsDropped) {
  const auto layers = encode_wkts({"POINT(-100 50)", "POINT(-30 50)", "MULTIPOINT((5000 5),(10 20))"});
  ASSERT_EQ(layers.size(), 1u);
  ASSERT_EQ(layers[0].features.size(), 2u);
  EXPECT_EQ(layers[0].features[0].id, 2u);
  EXPECT_EQ(layers[0].features[1].id, 3u);

  const auto inside_buffer = testing::decode_commands(layers[0].features[0].geometry);
  ASSERT_EQ(inside_buffer.size(), 1u);
  EXPECT_EQ(inside_buffer[0].points, (std::vector<TilePoint>{{-30, 50}}));
  const auto multi_point = testing::decode_commands(layers[0].features[1].geometry);
  ASSERT_EQ(multi_point.size(), 1u);
  EXPECT_EQ(multi_point[0].points, (std::vector<TilePoint>{{10, 20}}));
}

TEST(MvtEncoder, MultiPointIsOneMoveTo) {
  const auto layers = encode_wkts({"MULTIPOINT((1 2),(3 5),(2 1))"});
  ASSERT_EQ(layers.size(), 1u);
  ASSERT_EQ(layers[0].features.size(), 1u);
  // Deltas (1,2), (2,3), (-1,-4), zigzag-encoded.
  const std::vector<std::uint32_t> expected{command(1, 3), 2, 4, 4, 6, 1, 7};
  EXPECT_EQ(layers[0].features[0].geometry, expected);
}

TEST(MvtEncoder, LineCrossingTileIsClipped) {
  const auto layers = encode_wkts({"LINESTRING(-1000 2048,5000 2048)"});
  ASSERT_EQ(layers.size(), 1u);
  ASSERT_EQ(layers[0].features.size(), 1u);
  EXPECT_EQ(layers[0].features[0].type, 2u);
  // MoveTo(-64, 2048), LineTo(+4224, 0).
  const std::vector<std::uint32_t> expected{command(1, 1), 127, 4096, command(2, 1), 8448, 0};
  EXPECT_EQ(layers[0].features[0].geometry, expected);
}

TEST(MvtEncoder, LineDropsRepeatedPoints) {
  const auto layers = encode_wkts({"LINESTRING(10 10,10 10,10.2 10.1,50 50,50 50)"});
  ASSERT_EQ(layers.size(), 1u);
  ASSERT_EQ(layers[0].features.size(), 1u);
  const auto parts = testing::decode_commands(layers[0].features[0].geometry);
  ASSERT_EQ(parts.size(), 1u);
  EXPECT_EQ(parts[0].points, (std::vector<TilePoint>{{10, 10}, {50, 50}}));
  EXPECT_FALSE(parts[0].closed);
}

TEST(MvtEncoder, LineOfOneDistinctPointIsSkipped) {
  const auto layers = encode_wkts({"LINESTRING(10 10,10.3 10.2)"});
  EXPECT_TRUE(layers.empty());
}

TEST(MvtEncoder, MultiLineStringKeepsPartsInOneFeature) {
  const auto layers = encode_wkts({"MULTILINESTRING((0 0,10 0),(20 20,20 30))"});
  ASSERT_EQ(layers.size(), 1u);
  ASSERT_EQ(layers[0].features.size(), 1u);
  const auto parts = testing::decode_commands(layers[0].features[0].geometry);
  ASSERT_EQ(parts.size(), 2u);
  EXPECT_EQ(parts[1].points, (std::vector<TilePoint>{{20, 20}, {20, 30}}));
}

TEST(MvtEncoder, MultiPolygonIsOneFeature) {
  const auto layers =
      encode_wkts({"MULTIPOLYGON(((10 10,20 10,20 20,10 20,10 10)),((100 100,200 100,200 200,100 200,100 100)))"});
  ASSERT_EQ(layers.size(), 1u);
  ASSERT_EQ(layers[0].features.size(), 1u);
  const auto parts = testing::decode_commands(layers[0].features[0].geometry);
  ASSERT_EQ(parts.size(), 2u);
  EXPECT_GT(testing::twice_signed_area(parts[0].points), 0);
  EXPECT_GT(testing::twice_signed_area(parts[1].points), 0);
  EXPECT_TRUE(decoded_polygons_are_valid(parts));
}

TEST(MvtEncoder, GeometryCollectionBecomesOneFeaturePerType) {
  const auto layers = encode_wkts(
      {"GEOMETRYCOLLECTION(POINT(1 1),LINESTRING(0 0,10 10),POLYGON((10 10,20 10,20 20,10 20,10 10)),POINT(2 2))"});
  ASSERT_EQ(layers.size(), 1u);
  ASSERT_EQ(layers[0].features.size(), 3u);
  EXPECT_EQ(layers[0].features[0].type, 1u);
  EXPECT_EQ(layers[0].features[1].type, 2u);
  EXPECT_EQ(layers[0].features[2].type, 3u);
  EXPECT_EQ(layers[0].features[2].id, 1u);
  const auto points = testing::decode_commands(layers[0].features[0].geometry);
  ASSERT_EQ(points.size(), 1u);
  EXPECT_EQ(points[0].points.size(), 2u);
}

TEST(MvtEncoder, FeatureOutsideTileIsSkipped) {
  const auto layers = encode_wkts({"POLYGON((5000 5000,6000 5000,6000 6000,5000 5000))"});
  EXPECT_TRUE(layers.empty());
}

TEST(MvtEncoder, NullGeometryIsSkipped) {
  LayerBuilder layer("shapes", kTile);
  const std::vector<std::uint8_t> no_geometry;
  layer.add_feature(testing::make_record(1, no_geometry, R"({"a":1})"));
  EXPECT_EQ(layer.feature_count(), 0u);
}

TEST(MvtEncoder, EmptyLayersGiveEmptyTile) {
  std::vector<LayerBuilder> layers;
  layers.emplace_back("first", kTile);
  layers.emplace_back("second", kTile);
  EXPECT_EQ(encode_tile(layers), "");
}

TEST(MvtEncoder, EmptyLayerIsLeftOut) {
  std::vector<LayerBuilder> layers;
  layers.emplace_back("empty", kTile);
  layers.emplace_back("points", kTile);
  const auto wkb = testing::wkb_from_tile_wkt("POINT(5 5)", kTile);
  layers[1].add_feature(testing::make_record(9, wkb));

  const auto decoded = testing::decode_tile(encode_tile(layers));
  ASSERT_EQ(decoded.size(), 1u);
  EXPECT_EQ(decoded[0].name, "points");
  ASSERT_EQ(decoded[0].features.size(), 1u);
  EXPECT_EQ(decoded[0].features[0].id, 9u);
}

TEST(MvtEncoder, DuplicateLayerNameThrows) {
  std::vector<LayerBuilder> layers;
  layers.emplace_back("points", kTile);
  layers.emplace_back("points", kTile);
  const auto wkb = testing::wkb_from_tile_wkt("POINT(5 5)", kTile);
  layers[0].add_feature(testing::make_record(1, wkb));
  layers[1].add_feature(testing::make_record(2, wkb));
  EXPECT_THROW(encode_tile(layers), Error);
}

TEST(MvtEncoder, InvalidTileThrows) {
  EXPECT_THROW(LayerBuilder("shapes", geo::TileId{2, 4, 0}), Error);
}

}  // namespace
}  // namespace bando::tiles
