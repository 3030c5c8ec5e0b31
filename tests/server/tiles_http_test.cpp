// /tiles/{ids}/{z}/{x}/{y}.mvt and /tiles/{ids}.json, decoded with the test MVT decoder, GEOS and GDAL.

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include <ogrsf_frmts.h>

#include "http_fixture.hpp"
#include "mvt_decoder.hpp"
#include "tile_fixtures.hpp"

namespace bando::server::testing {
namespace {

using ::testing::Contains;
using ::testing::ElementsAre;
using ::testing::Each;
using ::testing::HasSubstr;
using ::testing::StartsWith;
using tiles::testing::DecodedLayer;
using tiles::testing::DecodedValue;

constexpr const char* kMvtType = "application/vnd.mapbox-vector-tile";
// z5 tile 25/14 spans 101.25-112.5 E and 16.6-27.1 N: northern Viet Nam.
constexpr const char* kNorthTile = "/tiles/vn_provinces_2025/5/25/14.mvt";
// z10 tile 813/451 spans 105.82-106.17 E and 20.96-21.29 N: central Hà Nội.
constexpr const char* kHaNoiCompositeTile = "/tiles/vn_provinces_2025,ha_noi_hospitals/10/813/451.mvt";

std::vector<std::string> layer_names(const std::vector<DecodedLayer>& layers) {
  std::vector<std::string> names;
  for (const DecodedLayer& layer : layers) names.push_back(layer.name);
  return names;
}

// The value a feature's tags give to `key`, or null when the feature has no such key.
const DecodedValue* property(const DecodedLayer& layer, const tiles::testing::DecodedFeature& feature,
                             const std::string& key) {
  for (std::size_t i = 0; i + 1 < feature.tags.size(); i += 2) {
    if (feature.tags[i] < layer.keys.size() && layer.keys[feature.tags[i]] == key &&
        feature.tags[i + 1] < layer.values.size()) {
      return &layer.values[feature.tags[i + 1]];
    }
  }
  return nullptr;
}

TEST_F(HttpApi, TileNorthernVietNamDecodes) {
  const Response response = get(kNorthTile);
  ASSERT_EQ(response.result(), http::status::ok);
  EXPECT_EQ(response[http::field::content_type], kMvtType);
  const std::vector<DecodedLayer> layers = tiles::testing::decode_tile(response.body());
  ASSERT_EQ(layers.size(), 1u);
  EXPECT_EQ(layers[0].name, "vn_provinces_2025");
  EXPECT_EQ(layers[0].extent, 4096u);
  EXPECT_EQ(layers[0].version, 2u);
  // The tile contains most of the 34 provinces, those north of Huế.
  EXPECT_GE(layers[0].features.size(), 10u);
  EXPECT_LE(layers[0].features.size(), 34u);
}

TEST_F(HttpApi, TileFeaturesHaveStringName) {
  const std::vector<DecodedLayer> layers = tiles::testing::decode_tile(get(kNorthTile).body());
  ASSERT_EQ(layers.size(), 1u);
  std::vector<std::string> names;
  for (const auto& feature : layers[0].features) {
    const DecodedValue* name = property(layers[0], feature, "name");
    ASSERT_NE(name, nullptr) << "feature " << feature.id.value_or(0) << " has no name";
    EXPECT_EQ(name->type, DecodedValue::Type::string);
    names.push_back(name->string_value);
  }
  EXPECT_THAT(names, Contains("Hà Nội"));
}

TEST_F(HttpApi, TilePolygonsAreGeosValid) {
  const std::vector<DecodedLayer> layers = tiles::testing::decode_tile(get(kNorthTile).body());
  ASSERT_EQ(layers.size(), 1u);
  for (const auto& feature : layers[0].features) {
    EXPECT_EQ(feature.type, 3u) << "feature " << feature.id.value_or(0) << " is not a polygon";
    const auto parts = tiles::testing::decode_commands(feature.geometry);
    const geo::GeosGeometryPtr polygons = tiles::testing::polygons_from_parts(parts);
    std::string reason;
    EXPECT_TRUE(tiles::testing::is_valid_geometry(*polygons, reason))
        << "feature " << feature.id.value_or(0) << ": " << reason;
  }
}

TEST_F(HttpApi, TileDecodesAlikeInGdal) {
  const Response response = get(kHaNoiCompositeTile);
  ASSERT_EQ(response.result(), http::status::ok);
  const std::vector<DecodedLayer> layers = tiles::testing::decode_tile(response.body());
  const tiles::testing::GdalTile gdal_tile(response.body(), geo::TileId{10, 813, 451});
  ASSERT_NE(gdal_tile.dataset(), nullptr);
  ASSERT_EQ(gdal_tile.dataset()->GetLayerCount(), static_cast<int>(layers.size()));
  for (std::size_t i = 0; i < layers.size(); ++i) {
    OGRLayer* gdal_layer = gdal_tile.dataset()->GetLayer(static_cast<int>(i));
    EXPECT_EQ(gdal_layer->GetName(), layers[i].name);
    EXPECT_EQ(gdal_layer->GetFeatureCount(), static_cast<GIntBig>(layers[i].features.size())) << layers[i].name;
  }
}

TEST_F(HttpApi, TileAtSeaIsNoContent) {
  // z5 tile 28/14 is open Pacific east of the Philippines.
  const Response response = get("/tiles/vn_provinces_2025/5/28/14.mvt");
  EXPECT_EQ(response.result(), http::status::no_content);
  EXPECT_EQ(response.body(), "");
  EXPECT_EQ(response[http::field::content_type], "");
}

TEST_F(HttpApi, TileOutsideVietNamIsNoContent) {
  EXPECT_EQ(get("/tiles/vn_provinces_2025/5/0/0.mvt").result(), http::status::no_content);
  // z5 tile 10/12 is South America.
  EXPECT_EQ(get("/tiles/vn_provinces_2025/5/10/12.mvt").result(), http::status::no_content);
}

TEST_F(HttpApi, TileBelowMinZoomIsNoContent) {
  // vn_districts_pre2025 starts at zoom 5, and z4 tile 12/7 covers northern Viet Nam.
  EXPECT_EQ(get("/tiles/vn_districts_pre2025/4/12/7.mvt").result(), http::status::no_content);
  EXPECT_EQ(get("/tiles/vn_districts_pre2025/5/25/14.mvt").result(), http::status::ok);
}

TEST_F(HttpApi, TileEtagGivesNotModified) {
  const Response first = get(kNorthTile);
  const std::string etag(first[http::field::etag]);
  ASSERT_FALSE(etag.empty());
  EXPECT_THAT(etag, StartsWith("\""));

  const Response again = get(kNorthTile, {{http::field::if_none_match, etag}});
  EXPECT_EQ(again.result(), http::status::not_modified);
  EXPECT_EQ(again[http::field::etag], etag);
  EXPECT_EQ(again.body(), "");
}

TEST_F(HttpApi, TileOtherEtagGivesTile) {
  const Response response = get(kNorthTile, {{http::field::if_none_match, "\"5/25/14;other@1\""}});
  EXPECT_EQ(response.result(), http::status::ok);
}

TEST_F(HttpApi, TileEtagDiffersByTile) {
  const std::string north(get(kNorthTile)[http::field::etag]);
  const std::string other(get("/tiles/vn_provinces_2025/5/25/15.mvt")[http::field::etag]);
  EXPECT_NE(north, other);
}

TEST_F(HttpApi, TileXOutsideMatrixIs400) {
  const Response response = get("/tiles/vn_provinces_2025/5/40/1.mvt");
  EXPECT_EQ(response.result(), http::status::bad_request);
  EXPECT_THAT(problem_detail(response), HasSubstr("'40'"));
}

TEST_F(HttpApi, TileYOutsideMatrixIs400) {
  const Response response = get("/tiles/vn_provinces_2025/5/1/32.mvt");
  EXPECT_EQ(response.result(), http::status::bad_request);
  EXPECT_THAT(problem_detail(response), HasSubstr("'32'"));
}

TEST_F(HttpApi, TileZoomAboveMaximumIs400) {
  const Response response = get("/tiles/vn_provinces_2025/31/0/0.mvt");
  EXPECT_EQ(response.result(), http::status::bad_request);
  EXPECT_THAT(problem_detail(response), HasSubstr("'31'"));
}

TEST_F(HttpApi, TileTextCoordinateIs400) {
  const Response response = get("/tiles/vn_provinces_2025/5/x/14.mvt");
  EXPECT_EQ(response.result(), http::status::bad_request);
  EXPECT_THAT(problem_detail(response), HasSubstr("'x'"));
}

TEST_F(HttpApi, TileUnknownCollectionIs404) {
  const Response response = get("/tiles/no_such_collection/5/25/14.mvt");
  EXPECT_EQ(response.result(), http::status::not_found);
  EXPECT_THAT(problem_detail(response), HasSubstr("no_such_collection"));
}

TEST_F(HttpApi, TileCompositeHasBothLayers) {
  const Response response = get(kHaNoiCompositeTile);
  ASSERT_EQ(response.result(), http::status::ok);
  const std::vector<DecodedLayer> layers = tiles::testing::decode_tile(response.body());
  EXPECT_THAT(layer_names(layers), ElementsAre("vn_provinces_2025", "ha_noi_hospitals"));
  for (const DecodedLayer& layer : layers) EXPECT_FALSE(layer.features.empty()) << layer.name;
}

TEST_F(HttpApi, TileCompositeWithUnknownIdIs404) {
  const Response response = get("/tiles/vn_provinces_2025,no_such_collection/10/813/451.mvt");
  EXPECT_EQ(response.result(), http::status::not_found);
  EXPECT_THAT(problem_detail(response), HasSubstr("no_such_collection"));
}

TEST_F(HttpApi, TileCompositeWithRepeatedIdIs400) {
  const Response response = get("/tiles/vn_provinces_2025,vn_provinces_2025/10/813/451.mvt");
  EXPECT_EQ(response.result(), http::status::bad_request);
  EXPECT_THAT(problem_detail(response), HasSubstr("vn_provinces_2025"));
}

TEST_F(HttpApi, TileBasemapHasBasemapLayers) {
  const Response response = get("/tiles/basemap/5/25/14.mvt");
  ASSERT_EQ(response.result(), http::status::ok);
  const std::vector<std::string> names = layer_names(tiles::testing::decode_tile(response.body()));
  EXPECT_THAT(names, Each(StartsWith("basemap_")));
  EXPECT_THAT(names, Contains("basemap_vietnam"));
  EXPECT_GE(names.size(), 3u);
}

TEST_F(HttpApi, TileJsonDescribesCollection) {
  const Response response = get("/tiles/vn_provinces_2025.json");
  ASSERT_EQ(response.result(), http::status::ok);
  EXPECT_EQ(response[http::field::content_type], "application/json");
  const auto document = parse_json(response.body());
  EXPECT_EQ(json_string(document, "/tilejson"), "3.0.0");
  EXPECT_EQ(json_string(document, "/tiles/0"), base_url() + "/tiles/vn_provinces_2025/{z}/{x}/{y}.mvt");
  EXPECT_EQ(json_string(document, "/vector_layers/0/id"), "vn_provinces_2025");
  EXPECT_EQ(json_string(document, "/vector_layers/0/fields/name"), "String");
}

TEST_F(HttpApi, TileJsonUrlServesTile) {
  const auto document = parse_json(get("/tiles/vn_provinces_2025.json").body());
  std::string url = json_string(document, "/tiles/0").value_or("");
  const auto placeholder = url.find("{z}/{x}/{y}");
  ASSERT_NE(placeholder, std::string::npos) << url;
  url.replace(placeholder, std::string("{z}/{x}/{y}").size(), "5/25/14");
  EXPECT_EQ(get(target_of(url)).result(), http::status::ok);
}

TEST_F(HttpApi, TileJsonCompositeListsEachLayer) {
  const auto document = parse_json(get("/tiles/vn_provinces_2025,ha_noi_hospitals.json").body());
  EXPECT_EQ(json_string(document, "/vector_layers/0/id"), "vn_provinces_2025");
  EXPECT_EQ(json_string(document, "/vector_layers/1/id"), "ha_noi_hospitals");
  EXPECT_EQ(json_at(document, "/vector_layers/2"), nullptr);
}

TEST_F(HttpApi, TileJsonUnknownCollectionIs404) {
  EXPECT_EQ(get("/tiles/no_such_collection.json").result(), http::status::not_found);
}

}  // namespace
}  // namespace bando::server::testing
