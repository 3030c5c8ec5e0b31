// OGC API - Features Part 2 over HTTP: crs, bbox-crs, Content-Crs and the collection's CRS lists.

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <fstream>
#include <set>
#include <sstream>
#include <string>

#include <fmt/format.h>
#include <ogr_spatialref.h>
#include <ogrsf_frmts.h>

#include "cs2cs.hpp"
#include "http_fixture.hpp"
#include "query_http_support.hpp"

namespace bando::server::testing {
namespace {

using ::testing::HasSubstr;
using query_testing::run_cs2cs;

constexpr const char* kPlants = "/collections/vn_hydropower_plants";
constexpr const char* kPlantsFile = BANDO_BUNDLED_DIR "/datasets/legocity_opendata/vn_hydropower_plants_thuydien.geojson";
constexpr const char* kCrs84 = "http://www.opengis.net/def/crs/OGC/1.3/CRS84";
constexpr const char* kEpsgPrefix = "http://www.opengis.net/def/crs/EPSG/0/";

// The first position of the n-th (1-based) feature of the source file, as lon/lat.
std::pair<double, double> source_position(int n) {
  std::ifstream file(kPlantsFile);
  std::stringstream text;
  text << file.rdbuf();
  rapidjson::Document document;
  document.Parse(text.str().c_str());
  const rapidjson::Value& position = document["features"][n - 1]["geometry"]["coordinates"][0];
  return {position[0].GetDouble(), position[1].GetDouble()};
}

// The 1-based positions of the source features whose points all lie inside
// `box` after GDAL transforms them from WGS 84 to `epsg` (traditional GIS order).
std::set<std::int64_t> ids_inside_projected(int epsg, double min_x, double min_y, double max_x, double max_y) {
  GDALAllRegister();
  std::set<std::int64_t> ids;
  const GDALDatasetUniquePtr dataset(GDALDataset::Open(kPlantsFile, GDAL_OF_VECTOR | GDAL_OF_READONLY));
  if (!dataset) {
    ADD_FAILURE() << "GDAL could not open " << kPlantsFile;
    return ids;
  }
  OGRSpatialReference wgs84;
  wgs84.SetFromUserInput("OGC:CRS84");
  OGRSpatialReference target;
  target.importFromEPSG(epsg);
  target.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
  std::unique_ptr<OGRCoordinateTransformation> transform(OGRCreateCoordinateTransformation(&wgs84, &target));
  std::int64_t position = 0;
  for (const auto& feature : dataset->GetLayer(0)) {
    ++position;
    std::unique_ptr<OGRGeometry> geometry(feature->GetGeometryRef()->clone());
    geometry->transform(transform.get());
    OGREnvelope envelope;
    geometry->getEnvelope(&envelope);
    if (envelope.MinX > min_x && envelope.MaxX < max_x && envelope.MinY > min_y && envelope.MaxY < max_y) {
      ids.insert(position);
    }
  }
  return ids;
}

class ItemsCrs : public HttpApi {};

TEST_F(ItemsCrs, CollectionListsStorageAndOfferedCrs) {
  const Response response = get(kPlants);
  ASSERT_EQ(response.result_int(), 200);
  const rapidjson::Document document = parse_json(response.body());
  EXPECT_EQ(json_string(document, "/storageCrs"), std::string(kEpsgPrefix) + "3857");
  const rapidjson::Value* list = json_at(document, "/crs");
  ASSERT_NE(list, nullptr);
  ASSERT_TRUE(list->IsArray());
  EXPECT_EQ(list->Size(), 24u);
  EXPECT_EQ(json_string(document, "/crs/0"), kCrs84);
}

TEST_F(ItemsCrs, DefaultContentCrsIsCrs84) {
  const Response response = get(std::string(kPlants) + "/items?limit=1");
  ASSERT_EQ(response.result_int(), 200);
  EXPECT_EQ(response["Content-Crs"], fmt::format("<{}>", kCrs84));
}

// Every CRS the collection lists gives coordinates within 1 mm (1e-8 degrees) of cs2cs.
TEST_F(ItemsCrs, EveryListedCrsMatchesCs2cs) {
  const rapidjson::Document collection = parse_json(get(kPlants).body());
  const auto [lon, lat] = source_position(1);
  for (const rapidjson::Value& uri_value : collection["crs"].GetArray()) {
    const std::string uri = uri_value.GetString();
    const Response response = get(std::string(kPlants) + "/items/1?crs=" + url_encode(uri));
    ASSERT_EQ(response.result_int(), 200) << uri << ": " << response.body();
    EXPECT_EQ(response["Content-Crs"], "<" + uri + ">");
    const rapidjson::Document feature = parse_json(response.body());
    const rapidjson::Value* position = json_at(feature, "/geometry/coordinates/0");
    ASSERT_NE(position, nullptr) << response.body();
    ASSERT_TRUE(position->IsArray()) << response.body();
    ASSERT_EQ(position->Size(), 2u) << response.body();
    const std::string target = uri == kCrs84 ? "OGC:CRS84" : "EPSG:" + uri.substr(std::string(kEpsgPrefix).size());
    const auto expected = run_cs2cs("EPSG:4326", target, lat, lon);
    ASSERT_TRUE(expected.has_value()) << "cs2cs failed for " << target;
    const bool degrees = target == "OGC:CRS84" || target == "EPSG:4326" || target == "EPSG:4756";
    const double tolerance = degrees ? 1e-8 : 1e-3;
    EXPECT_NEAR((*position)[0].GetDouble(), expected->first, tolerance) << target;
    EXPECT_NEAR((*position)[1].GetDouble(), expected->second, tolerance) << target;
  }
}

TEST_F(ItemsCrs, Epsg4326PutsLatitudeFirst) {
  const auto [lon, lat] = source_position(1);
  const rapidjson::Document feature =
      parse_json(get(std::string(kPlants) + "/items/1?crs=" + url_encode(std::string(kEpsgPrefix) + "4326")).body());
  const rapidjson::Value* position = json_at(feature, "/geometry/coordinates/0");
  ASSERT_NE(position, nullptr);
  EXPECT_NEAR((*position)[0].GetDouble(), lat, 1e-8);
  EXPECT_NEAR((*position)[1].GetDouble(), lon, 1e-8);
}

TEST_F(ItemsCrs, UnsupportedCrsIsRejected) {
  const Response response = get(std::string(kPlants) + "/items?crs=" + url_encode(std::string(kEpsgPrefix) + "32648"));
  EXPECT_EQ(response.result_int(), 400);
  EXPECT_THAT(problem_detail(response), HasSubstr("32648"));
}

TEST_F(ItemsCrs, BboxInEpsg4326IsLatitudeFirst) {
  const std::string crs84 = std::string(kPlants) + "/items?limit=100&bbox=103,21,104,22";
  const std::string epsg4326 = std::string(kPlants) + "/items?limit=100&bbox=21,103,22,104&bbox-crs=" +
                               url_encode(std::string(kEpsgPrefix) + "4326");
  const std::vector<std::int64_t> expected{14, 15, 16, 59, 63, 80, 81, 85, 86, 97, 98, 99};
  EXPECT_EQ(feature_ids(parse_json(get(crs84).body())), expected);
  EXPECT_EQ(feature_ids(parse_json(get(epsg4326).body())), expected);
}

TEST_F(ItemsCrs, BboxInVn2000UtmMatchesGdal) {
  // A box in VN-2000 / UTM zone 48N metres around north-western Viet Nam.
  const double box[] = {300000, 2350000, 450000, 2450000};
  const std::string target = fmt::format("{}/items?limit=200&bbox={},{},{},{}&bbox-crs={}", kPlants, box[0], box[1],
                                         box[2], box[3], url_encode(std::string(kEpsgPrefix) + "3405"));
  const Response response = get(target);
  ASSERT_EQ(response.result_int(), 200) << response.body();
  const std::vector<std::int64_t> ids = feature_ids(parse_json(response.body()));
  const std::set<std::int64_t> expected = ids_inside_projected(3405, box[0], box[1], box[2], box[3]);
  EXPECT_FALSE(expected.empty());
  EXPECT_EQ(std::set<std::int64_t>(ids.begin(), ids.end()), expected);
}

TEST_F(ItemsCrs, BboxWithMinimumAboveMaximumIsRejected) {
  const Response response = get(std::string(kPlants) + "/items?bbox=450000,2350000,300000,2450000&bbox-crs=" +
                                url_encode(std::string(kEpsgPrefix) + "3405"));
  EXPECT_EQ(response.result_int(), 400);
  EXPECT_THAT(problem_detail(response), HasSubstr("450000,2350000,300000,2450000"));
}

}  // namespace
}  // namespace bando::server::testing
