// /collections/{id}/items and /collections/{id}/items/{featureId}.

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cstdint>
#include <map>
#include <memory>
#include <set>
#include <string>

#include <fmt/format.h>
#include <gdal_priv.h>
#include <ogrsf_frmts.h>

#include "http_fixture.hpp"

namespace bando::server::testing {
namespace {

using ::testing::HasSubstr;

constexpr const char* kWards = "/collections/ha_noi_wards_2025/items";
constexpr std::int64_t kWardCount = 126;

// The "id" of each feature in a FeatureCollection, in order.
std::vector<std::int64_t> feature_ids(const rapidjson::Value& document) {
  std::vector<std::int64_t> ids;
  const rapidjson::Value* features = json_at(document, "/features");
  if (features == nullptr || !features->IsArray()) {
    ADD_FAILURE() << "no features array";
    return ids;
  }
  for (const rapidjson::Value& feature : features->GetArray()) {
    const std::optional<std::int64_t> id = json_int(feature, "/id");
    EXPECT_TRUE(id.has_value()) << "feature without an integer id";
    ids.push_back(id.value_or(-1));
  }
  return ids;
}

// The 1-based positions of the features of a GeoJSON file whose geometry
// intersects the lon/lat box, tested by GDAL/OGR (GEOS) on the source geometry.
std::set<std::int64_t> ids_intersecting(const std::string& path, double min_lon, double min_lat, double max_lon,
                                        double max_lat) {
  GDALAllRegister();
  std::set<std::int64_t> ids;
  const GDALDatasetUniquePtr dataset(GDALDataset::Open(path.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY));
  if (dataset == nullptr || dataset->GetLayerCount() != 1) {
    ADD_FAILURE() << "GDAL could not open " << path;
    return ids;
  }
  OGRLinearRing ring;
  ring.addPoint(min_lon, min_lat);
  ring.addPoint(max_lon, min_lat);
  ring.addPoint(max_lon, max_lat);
  ring.addPoint(min_lon, max_lat);
  ring.addPoint(min_lon, min_lat);
  OGRPolygon box;
  box.addRing(&ring);

  OGRLayer* layer = dataset->GetLayer(0);
  layer->ResetReading();
  std::int64_t position = 0;
  for (const auto& feature : *layer) {
    ++position;
    const OGRGeometry* geometry = feature->GetGeometryRef();
    if (geometry != nullptr && geometry->Intersects(&box)) ids.insert(position);
  }
  return ids;
}

TEST_F(HttpApi, ItemsDefaultPage) {
  const Response response = get(kWards);
  ASSERT_EQ(response.result(), http::status::ok);
  EXPECT_EQ(response[http::field::content_type], "application/geo+json");
  const auto document = parse_json(response.body());
  EXPECT_EQ(json_string(document, "/type"), "FeatureCollection");
  EXPECT_EQ(feature_ids(document).size(), 10u);
  EXPECT_EQ(json_int(document, "/numberReturned"), 10);
  EXPECT_EQ(json_int(document, "/numberMatched"), kWardCount);
  EXPECT_EQ(link_href(document, "next"), base_url() + kWards + "?limit=10&offset=10&dataset-version=1");
  EXPECT_EQ(link_href(document, "prev"), std::nullopt);
}

TEST_F(HttpApi, ItemsLastPageHasNoNext) {
  const auto document = parse_json(get(std::string(kWards) + "?limit=10&offset=120").body());
  EXPECT_EQ(json_int(document, "/numberReturned"), 6);
  EXPECT_EQ(link_href(document, "next"), std::nullopt);
  EXPECT_EQ(link_href(document, "prev"), base_url() + kWards + "?limit=10&offset=110&dataset-version=1");
}

TEST_F(HttpApi, ItemsOffsetPastEndIsEmpty) {
  const Response response = get(std::string(kWards) + "?offset=1000");
  ASSERT_EQ(response.result(), http::status::ok);
  const auto document = parse_json(response.body());
  EXPECT_EQ(json_int(document, "/numberReturned"), 0);
  EXPECT_EQ(json_int(document, "/numberMatched"), kWardCount);
}

TEST_F(HttpApi, ItemsLimitAboveMaximumIsClamped) {
  const Response response = get(std::string(kWards) + "?limit=20000");
  ASSERT_EQ(response.result(), http::status::ok);
  const auto document = parse_json(response.body());
  EXPECT_EQ(json_int(document, "/numberReturned"), kWardCount);
  EXPECT_EQ(link_href(document, "self"), base_url() + kWards + "?limit=10000&offset=0");
}

TEST_F(HttpApi, ItemsNextLinksVisitEveryWardOnce) {
  std::map<std::int64_t, int> seen;
  std::optional<std::string> next = std::string(kWards) + "?limit=7";
  int pages = 0;
  // 126 wards at 7 a page take 18 pages. The bound stops a link cycle.
  while (next && pages < 40) {
    const Response response = get(*next);
    ASSERT_EQ(response.result(), http::status::ok) << *next;
    const auto document = parse_json(response.body());
    EXPECT_EQ(json_int(document, "/numberMatched"), kWardCount);
    for (const std::int64_t id : feature_ids(document)) ++seen[id];
    next = link_href(document, "next");
    if (next) next = target_of(*next);
    ++pages;
  }
  EXPECT_EQ(pages, 18);
  EXPECT_EQ(seen.size(), static_cast<std::size_t>(kWardCount));
  for (std::int64_t id = 1; id <= kWardCount; ++id) EXPECT_EQ(seen[id], 1) << "ward id " << id;
}

TEST_F(HttpApi, ItemsZeroLimitIs400) {
  const Response response = get(std::string(kWards) + "?limit=0");
  EXPECT_EQ(response.result(), http::status::bad_request);
  EXPECT_THAT(problem_detail(response), HasSubstr("'0'"));
}

TEST_F(HttpApi, ItemsTextLimitIs400) {
  const Response response = get(std::string(kWards) + "?limit=abc");
  EXPECT_EQ(response.result(), http::status::bad_request);
  EXPECT_THAT(problem_detail(response), HasSubstr("'abc'"));
}

TEST_F(HttpApi, ItemsNegativeOffsetIs400) {
  const Response response = get(std::string(kWards) + "?offset=-1");
  EXPECT_EQ(response.result(), http::status::bad_request);
  EXPECT_THAT(problem_detail(response), HasSubstr("'-1'"));
}

TEST_F(HttpApi, ItemsThreeNumberBboxIs400) {
  const Response response = get(std::string(kWards) + "?bbox=1,2,3");
  EXPECT_EQ(response.result(), http::status::bad_request);
  EXPECT_THAT(problem_detail(response), HasSubstr("'1,2,3'"));
}

TEST_F(HttpApi, ItemsAntimeridianBboxIs400) {
  const Response response = get(std::string(kWards) + "?bbox=170,0,-170,10");
  EXPECT_EQ(response.result(), http::status::bad_request);
  EXPECT_THAT(problem_detail(response), HasSubstr("'170,0,-170,10'"));
}

TEST_F(HttpApi, ItemsUnknownParameterIs400) {
  const Response response = get(std::string(kWards) + "?colour=red");
  EXPECT_EQ(response.result(), http::status::bad_request);
  EXPECT_THAT(problem_detail(response), HasSubstr("'colour'"));
}

TEST_F(HttpApi, ItemsUnknownCollectionIs404) {
  const Response response = get("/collections/no_such_collection/items");
  EXPECT_EQ(response.result(), http::status::not_found);
  EXPECT_THAT(problem_detail(response), HasSubstr("no_such_collection"));
}

TEST_F(HttpApi, ItemsProblemIsVietnameseByDefault) {
  const Response response = get(std::string(kWards) + "?limit=abc");
  const auto document = parse_json(response.body());
  EXPECT_EQ(json_string(document, "/title"), "Yêu cầu không hợp lệ");
  EXPECT_EQ(json_string(document, "/detail"), "limit phải là số nguyên, nhận được 'abc'");
  EXPECT_EQ(response[http::field::content_language], "vi");
}

TEST_F(HttpApi, ItemsProblemFollowsAcceptLanguage) {
  const Response response = get(std::string(kWards) + "?limit=abc", {{http::field::accept_language, "en"}});
  const auto document = parse_json(response.body());
  EXPECT_EQ(json_string(document, "/title"), "Bad Request");
  EXPECT_EQ(json_string(document, "/detail"), "limit must be an integer, got 'abc'");
  EXPECT_EQ(response[http::field::content_language], "en");
}

TEST_F(HttpApi, ItemsBboxMatchesGdalIntersects) {
  // Central Hà Nội: Ba Đình, Hoàn Kiếm, Đống Đa and their neighbours.
  const double min_lon = 105.82, min_lat = 21.00, max_lon = 105.86, max_lat = 21.04;
  const std::set<std::int64_t> expected = ids_intersecting(
      std::string(BANDO_BUNDLED_DIR) + "/admin/vn_wards_ha_noi_2025.geojson", min_lon, min_lat, max_lon, max_lat);
  ASSERT_GT(expected.size(), 5u);
  ASSERT_LT(expected.size(), static_cast<std::size_t>(kWardCount));

  const Response response =
      get(fmt::format("{}?bbox={},{},{},{}&limit=10000", kWards, min_lon, min_lat, max_lon, max_lat));
  ASSERT_EQ(response.result(), http::status::ok);
  const auto document = parse_json(response.body());
  const std::vector<std::int64_t> returned = feature_ids(document);
  const std::set<std::int64_t> returned_set(returned.begin(), returned.end());
  EXPECT_EQ(returned_set, expected);
  EXPECT_EQ(returned.size(), returned_set.size());
  EXPECT_EQ(json_int(document, "/numberMatched"), static_cast<std::int64_t>(expected.size()));
}

TEST_F(HttpApi, ItemsBboxIsKeptInNextLink) {
  const auto document = parse_json(get(std::string(kWards) + "?bbox=105.82,21.0,105.86,21.04&limit=2").body());
  EXPECT_EQ(link_href(document, "next"), base_url() + kWards + "?limit=2&offset=2&dataset-version=1&bbox=105.82,21.0,105.86,21.04");
}

TEST_F(HttpApi, ItemsBboxAwayFromDataIsEmpty) {
  const auto document = parse_json(get(std::string(kWards) + "?bbox=0,0,1,1").body());
  EXPECT_EQ(json_int(document, "/numberMatched"), 0);
  EXPECT_EQ(json_int(document, "/numberReturned"), 0);
}

TEST_F(HttpApi, ItemReturnsFeature) {
  const Response response = get(std::string(kWards) + "/1");
  ASSERT_EQ(response.result(), http::status::ok);
  EXPECT_EQ(response[http::field::content_type], "application/geo+json");
  const auto document = parse_json(response.body());
  EXPECT_EQ(json_string(document, "/type"), "Feature");
  EXPECT_EQ(json_int(document, "/id"), 1);
  // The first feature of vn_wards_ha_noi_2025.geojson.
  EXPECT_EQ(json_string(document, "/properties/code"), "00004");
  EXPECT_EQ(json_string(document, "/properties/name"), "Ba Đình");
  EXPECT_EQ(json_string(document, "/geometry/type"), "MultiPolygon");
}

TEST_F(HttpApi, ItemMissingIdIs404) {
  const Response response = get(std::string(kWards) + "/999999");
  EXPECT_EQ(response.result(), http::status::not_found);
  EXPECT_THAT(problem_detail(response), HasSubstr("999999"));
}

TEST_F(HttpApi, ItemTextIdIs404) {
  const Response response = get(std::string(kWards) + "/abc");
  EXPECT_EQ(response.result(), http::status::not_found);
  EXPECT_THAT(problem_detail(response), HasSubstr("'abc'"));
}

TEST_F(HttpApi, ItemZeroIdIs404) {
  EXPECT_EQ(get(std::string(kWards) + "/0").result(), http::status::not_found);
}

}  // namespace
}  // namespace bando::server::testing
