#include <gtest/gtest.h>

#include <cmath>
#include <memory>
#include <string>
#include <vector>

#include <ogrsf_frmts.h>

#include "tile_fixtures.hpp"
#include "tiles/layer_builder.hpp"
#include "tiles/tile_encoder.hpp"

namespace bando::tiles {
namespace {

const geo::TileId kTile{12, 3249, 1801};
// GDAL's MVT driver numbers features itself and reports the MVT feature id in this field.
constexpr const char* kIdField = "mvt_id";

// A two-layer tile: polygons with typed properties, and points.
std::string encode_sample_tile() {
  std::vector<LayerBuilder> layers;
  layers.emplace_back("parcels", kTile);
  layers.emplace_back("wells", kTile);

  const auto square_with_hole = testing::wkb_from_tile_wkt(
      "POLYGON((1000 1000,3000 1000,3000 3000,1000 3000,1000 1000),(1500 1500,1500 2500,2500 2500,2500 1500,1500 1500))",
      kTile);
  const auto square = testing::wkb_from_tile_wkt("POLYGON((100 100,400 100,400 400,100 400,100 100))", kTile);
  layers[0].add_feature(testing::make_record(
      7, square_with_hole, R"({"name":"Lô A","count":12,"area":3.25,"irrigated":true,"note":null})"));
  layers[0].add_feature(testing::make_record(
      8, square, R"({"name":"Lô B","count":-3,"area":0.5,"irrigated":false})"));

  const auto well = testing::wkb_from_tile_wkt("POINT(2048 1024)", kTile);
  layers[1].add_feature(testing::make_record(21, well, R"({"depth":40})"));
  return encode_tile(layers);
}

using FeaturePtr = std::unique_ptr<OGRFeature, decltype(&OGRFeature::DestroyFeature)>;

// Reads the next feature of `layer` into `holder` and returns it, or null at the end.
OGRFeature* next_feature(OGRLayer& layer, FeaturePtr& holder) {
  holder.reset(layer.GetNextFeature());
  return holder.get();
}

TEST(MvtGdal, OpensLayersInOrder) {
  const testing::GdalTile tile(encode_sample_tile(), kTile);
  ASSERT_NE(tile.dataset(), nullptr);
  ASSERT_EQ(tile.dataset()->GetLayerCount(), 2);
  EXPECT_STREQ(tile.dataset()->GetLayer(0)->GetName(), "parcels");
  EXPECT_STREQ(tile.dataset()->GetLayer(1)->GetName(), "wells");
  EXPECT_EQ(tile.dataset()->GetLayer(0)->GetFeatureCount(), 2);
  EXPECT_EQ(tile.dataset()->GetLayer(1)->GetFeatureCount(), 1);
}

TEST(MvtGdal, FieldTypesFollowValueTypes) {
  const testing::GdalTile tile(encode_sample_tile(), kTile);
  ASSERT_NE(tile.dataset(), nullptr);
  OGRFeatureDefn* definition = tile.dataset()->GetLayer(0)->GetLayerDefn();

  const int name = definition->GetFieldIndex("name");
  const int count = definition->GetFieldIndex("count");
  const int area = definition->GetFieldIndex("area");
  const int irrigated = definition->GetFieldIndex("irrigated");
  ASSERT_GE(name, 0);
  ASSERT_GE(count, 0);
  ASSERT_GE(area, 0);
  ASSERT_GE(irrigated, 0);
  EXPECT_LT(definition->GetFieldIndex("note"), 0);

  EXPECT_EQ(definition->GetFieldDefn(name)->GetType(), OFTString);
  const OGRFieldType count_type = definition->GetFieldDefn(count)->GetType();
  EXPECT_TRUE(count_type == OFTInteger || count_type == OFTInteger64) << OGRFieldDefn::GetFieldTypeName(count_type);
  EXPECT_EQ(definition->GetFieldDefn(area)->GetType(), OFTReal);
  EXPECT_EQ(definition->GetFieldDefn(irrigated)->GetType(), OFTInteger);
  EXPECT_EQ(definition->GetFieldDefn(irrigated)->GetSubType(), OFSTBoolean);
}

TEST(MvtGdal, FeaturesKeepIdsAndValues) {
  const testing::GdalTile tile(encode_sample_tile(), kTile);
  ASSERT_NE(tile.dataset(), nullptr);
  OGRLayer& layer = *tile.dataset()->GetLayer(0);
  FeaturePtr feature(nullptr, &OGRFeature::DestroyFeature);

  ASSERT_NE(next_feature(layer, feature), nullptr);
  EXPECT_EQ(feature->GetFieldAsInteger64(kIdField), 7);
  EXPECT_STREQ(feature->GetFieldAsString("name"), "Lô A");
  EXPECT_EQ(feature->GetFieldAsInteger64("count"), 12);
  EXPECT_DOUBLE_EQ(feature->GetFieldAsDouble("area"), 3.25);
  EXPECT_EQ(feature->GetFieldAsInteger("irrigated"), 1);

  ASSERT_NE(next_feature(layer, feature), nullptr);
  EXPECT_EQ(feature->GetFieldAsInteger64(kIdField), 8);
  EXPECT_EQ(feature->GetFieldAsInteger64("count"), -3);
  EXPECT_EQ(feature->GetFieldAsInteger("irrigated"), 0);

  EXPECT_EQ(next_feature(layer, feature), nullptr);
}

TEST(MvtGdal, PolygonWithHoleMatchesSource) {
  const testing::GdalTile tile(encode_sample_tile(), kTile);
  ASSERT_NE(tile.dataset(), nullptr);
  OGRLayer& layer = *tile.dataset()->GetLayer(0);
  FeaturePtr feature(nullptr, &OGRFeature::DestroyFeature);
  ASSERT_NE(next_feature(layer, feature), nullptr);

  const OGRGeometry* geometry = feature->GetGeometryRef();
  ASSERT_NE(geometry, nullptr);
  // GDAL 3.6 returns this single polygon as a multipolygon, so accept both types.
  const OGRwkbGeometryType type = wkbFlatten(geometry->getGeometryType());
  ASSERT_TRUE(type == wkbPolygon || type == wkbMultiPolygon) << OGRGeometryTypeToName(type);
  if (type == wkbMultiPolygon) {
    ASSERT_EQ(geometry->toMultiPolygon()->getNumGeometries(), 1);
  }
  const OGRPolygon* polygon =
      type == wkbPolygon ? geometry->toPolygon() : geometry->toMultiPolygon()->getGeometryRef(0);
  EXPECT_EQ(polygon->getNumInteriorRings(), 1);
  EXPECT_TRUE(geometry->IsValid());

  // 2000 x 2000 units minus 1000 x 1000 units, in square metres.
  const geo::Box bounds = geo::tile_bounds(kTile);
  const double metres_per_unit = (bounds.max_x - bounds.min_x) / 4096.0;
  const double expected_area = 3e6 * metres_per_unit * metres_per_unit;
  EXPECT_NEAR(polygon->get_Area(), expected_area, expected_area * 1e-6);

  OGREnvelope envelope;
  geometry->getEnvelope(&envelope);
  EXPECT_NEAR(envelope.MinX, bounds.min_x + 1000 * metres_per_unit, 1e-3);
  EXPECT_NEAR(envelope.MaxY, bounds.max_y - 1000 * metres_per_unit, 1e-3);
}

TEST(MvtGdal, PointLandsAtSourcePosition) {
  const testing::GdalTile tile(encode_sample_tile(), kTile);
  ASSERT_NE(tile.dataset(), nullptr);
  OGRLayer& layer = *tile.dataset()->GetLayer(1);
  FeaturePtr feature(nullptr, &OGRFeature::DestroyFeature);
  ASSERT_NE(next_feature(layer, feature), nullptr);
  EXPECT_EQ(feature->GetFieldAsInteger64(kIdField), 21);
  EXPECT_EQ(feature->GetFieldAsInteger64("depth"), 40);

  const OGRGeometry* geometry = feature->GetGeometryRef();
  ASSERT_NE(geometry, nullptr);
  ASSERT_EQ(wkbFlatten(geometry->getGeometryType()), wkbPoint);
  const geo::Box bounds = geo::tile_bounds(kTile);
  const double metres_per_unit = (bounds.max_x - bounds.min_x) / 4096.0;
  EXPECT_NEAR(geometry->toPoint()->getX(), bounds.min_x + 2048 * metres_per_unit, 1e-3);
  EXPECT_NEAR(geometry->toPoint()->getY(), bounds.max_y - 1024 * metres_per_unit, 1e-3);
}

TEST(MvtGdal, UnclippedReadShowsBuffer) {
  std::vector<LayerBuilder> layers;
  layers.emplace_back("cover", kTile);
  const auto cover = testing::wkb_from_tile_wkt("POLYGON((-500 -500,5000 -500,5000 5000,-500 5000,-500 -500))", kTile);
  layers[0].add_feature(testing::make_record(1, cover));

  const testing::GdalTile tile(encode_tile(layers), kTile, false);
  ASSERT_NE(tile.dataset(), nullptr);
  FeaturePtr feature(tile.dataset()->GetLayer(0)->GetNextFeature(), &OGRFeature::DestroyFeature);
  ASSERT_NE(feature, nullptr);
  OGREnvelope envelope;
  feature->GetGeometryRef()->getEnvelope(&envelope);

  const geo::Box bounds = geo::tile_bounds(kTile);
  const double metres_per_unit = (bounds.max_x - bounds.min_x) / 4096.0;
  EXPECT_NEAR(envelope.MinX, bounds.min_x - 64 * metres_per_unit, 1e-3);
  EXPECT_NEAR(envelope.MaxX, bounds.max_x + 64 * metres_per_unit, 1e-3);
  EXPECT_NEAR(envelope.MinY, bounds.min_y - 64 * metres_per_unit, 1e-3);
  EXPECT_NEAR(envelope.MaxY, bounds.max_y + 64 * metres_per_unit, 1e-3);
}

}  // namespace
}  // namespace bando::tiles
