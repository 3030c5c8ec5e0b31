// /health, the viewer's static files and the collection documents.

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <fstream>
#include <set>
#include <sstream>
#include <string>

#include "data/bundled_catalog.hpp"
#include "http_fixture.hpp"

namespace bando::server::testing {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;
using ::testing::StartsWith;

std::string read_file(const std::string& path) {
  std::ifstream input(path, std::ios::binary);
  std::ostringstream content;
  content << input.rdbuf();
  return content.str();
}

TEST_F(HttpApi, HealthReportsOk) {
  const Response response = get("/health");
  ASSERT_EQ(response.result(), http::status::ok);
  EXPECT_EQ(response[http::field::content_type], "application/json");
  const auto document = parse_json(response.body());
  EXPECT_EQ(json_string(document, "/status"), "ok");
  EXPECT_EQ(json_int(document, "/datasets"), static_cast<std::int64_t>(data::bundled_datasets().size()));
  EXPECT_GT(json_int(document, "/adminUnits").value_or(0), 0);
}

TEST_F(HttpApi, HealthRejectsQueryParameters) {
  EXPECT_EQ(get("/health?verbose=1").result(), http::status::bad_request);
}

TEST_F(HttpApi, RootServesViewerIndex) {
  const Response response = get("/");
  ASSERT_EQ(response.result(), http::status::ok);
  EXPECT_EQ(response[http::field::content_type], "text/html; charset=utf-8");
  EXPECT_EQ(response.body(), read_file(std::string(BANDO_WEB_ROOT) + "/index.html"));
  EXPECT_THAT(response.body(), StartsWith("<!doctype html>"));
}

TEST_F(HttpApi, WebServesFileUnderRoot) {
  const Response response = get("/web/index.html");
  EXPECT_EQ(response.result(), http::status::ok);
  EXPECT_EQ(response[http::field::content_type], "text/html; charset=utf-8");
}

TEST_F(HttpApi, WebDotDotStaysInRoot) {
  const Response response = get("/web/../CMakeLists.txt");
  EXPECT_EQ(response.result(), http::status::not_found);
  EXPECT_THAT(response.body(), Not(HasSubstr("cmake_minimum_required")));
}

TEST_F(HttpApi, WebEncodedDotDotStaysInRoot) {
  EXPECT_EQ(get("/web/%2e%2e/x").result(), http::status::not_found);
  const Response response = get("/web/%2e%2e/CMakeLists.txt");
  EXPECT_EQ(response.result(), http::status::not_found);
  EXPECT_THAT(response.body(), Not(HasSubstr("cmake_minimum_required")));
  // An encoded slash is rejected before routing.
  const Response encoded_slash = get("/web/..%2fCMakeLists.txt");
  EXPECT_EQ(encoded_slash.result(), http::status::bad_request);
  EXPECT_THAT(encoded_slash.body(), Not(HasSubstr("cmake_minimum_required")));
}

TEST_F(HttpApi, WebMissingFileIs404) {
  const Response response = get("/web/no-such-file.js");
  EXPECT_EQ(response.result(), http::status::not_found);
  EXPECT_THAT(problem_detail(response), HasSubstr("no-such-file.js"));
}

TEST_F(HttpApi, CollectionsListEveryBundledId) {
  const Response response = get("/collections");
  ASSERT_EQ(response.result(), http::status::ok);
  EXPECT_EQ(response[http::field::content_type], "application/json");
  const auto document = parse_json(response.body());
  const rapidjson::Value* collections = json_at(document, "/collections");
  ASSERT_NE(collections, nullptr);
  ASSERT_TRUE(collections->IsArray());

  std::multiset<std::string> listed;
  for (const rapidjson::Value& collection : collections->GetArray()) {
    listed.insert(json_string(collection, "/id").value_or("<no id>"));
  }
  for (const data::BundledDataset& dataset : data::bundled_datasets()) {
    EXPECT_EQ(listed.count(dataset.metadata.id), 1u) << dataset.metadata.id;
  }
  EXPECT_EQ(listed.size(), data::bundled_datasets().size());
  EXPECT_EQ(link_href(document, "self"), base_url() + "/collections");
}

TEST_F(HttpApi, CollectionHasFeatureCount) {
  const Response response = get("/collections/vn_provinces_2025");
  ASSERT_EQ(response.result(), http::status::ok);
  const auto document = parse_json(response.body());
  EXPECT_EQ(json_string(document, "/id"), "vn_provinces_2025");
  EXPECT_EQ(json_int(document, "/featureCount"), 34);
  EXPECT_EQ(json_string(document, "/geometryType"), "MultiPolygon");
  EXPECT_EQ(json_string(document, "/itemType"), "feature");
}

TEST_F(HttpApi, CollectionExtentCoversIslands) {
  const auto document = parse_json(get("/collections/vn_provinces_2025").body());
  const rapidjson::Value* bbox = json_at(document, "/extent/spatial/bbox/0");
  ASSERT_NE(bbox, nullptr);
  ASSERT_TRUE(bbox->IsArray());
  ASSERT_EQ(bbox->Size(), 4u);
  const double min_lon = (*bbox)[0].GetDouble();
  const double min_lat = (*bbox)[1].GetDouble();
  const double max_lon = (*bbox)[2].GetDouble();
  const double max_lat = (*bbox)[3].GetDouble();
  // Mainland: the western tip in Điện Biên and the northern tip in Tuyên Quang.
  EXPECT_LT(min_lon, 102.2);
  EXPECT_GT(max_lat, 23.3);
  // Hoàng Sa: Phú Lâm (Woody) Island at 112.33 E, 16.83 N.
  EXPECT_GT(max_lon, 112.33);
  EXPECT_GT(max_lat, 16.83);
  // Trường Sa: Trường Sa Lớn (Spratly) Island at 111.92 E, 8.64 N.
  EXPECT_LT(min_lat, 8.64);
  EXPECT_GT(max_lon, 114.0);
}

TEST_F(HttpApi, CollectionLinksPointBackAtServer) {
  const auto document = parse_json(get("/collections/ha_noi_wards_2025").body());
  EXPECT_EQ(link_href(document, "self"), base_url() + "/collections/ha_noi_wards_2025");
  EXPECT_EQ(link_href(document, "items"), base_url() + "/collections/ha_noi_wards_2025/items");
  EXPECT_EQ(link_href(document, "describedby"), base_url() + "/tiles/ha_noi_wards_2025.json");
}

TEST_F(HttpApi, UnknownCollectionIs404Problem) {
  const Response response = get("/collections/no_such_collection");
  EXPECT_EQ(response.result(), http::status::not_found);
  EXPECT_EQ(response[http::field::content_type], "application/problem+json");
  EXPECT_THAT(problem_detail(response), HasSubstr("no_such_collection"));
}

TEST_F(HttpApi, UnknownPathIs404Problem) {
  const Response response = get("/no/such/path");
  EXPECT_EQ(response.result(), http::status::not_found);
  EXPECT_THAT(problem_detail(response), HasSubstr("/no/such/path"));
}

}  // namespace
}  // namespace bando::server::testing
