// Items query parameters over HTTP: paging, properties, sortby, equality filters, datetime and queryables.

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <set>
#include <string>

#include <fmt/format.h>

#include "http_fixture.hpp"
#include "query_http_support.hpp"

namespace bando::server::testing {
namespace {

using ::testing::HasSubstr;

constexpr const char* kPlantItems = "/collections/vn_hydropower_plants/items";
constexpr std::int64_t kPlantCount = 197;

class ItemsParams : public HttpApi {};

TEST_F(ItemsParams, NextLinksVisitEveryFeatureOnce) {
  std::vector<std::int64_t> seen;
  std::optional<std::string> next = std::string(kPlantItems) + "?limit=23";
  int pages = 0;
  while (next && pages < 20) {
    const Response response = get(*next);
    ASSERT_EQ(response.result_int(), 200) << *next;
    const rapidjson::Document page = parse_json(response.body());
    EXPECT_EQ(json_int(page, "/numberMatched"), kPlantCount);
    const std::vector<std::int64_t> ids = feature_ids(page);
    seen.insert(seen.end(), ids.begin(), ids.end());
    next = link_href(page, "next");
    if (next) {
      EXPECT_THAT(*next, HasSubstr("dataset-version="));
      next = target_of(*next);
    }
    ++pages;
  }
  EXPECT_EQ(pages, 9);
  std::vector<std::int64_t> expected(kPlantCount);
  for (std::int64_t i = 0; i < kPlantCount; ++i) expected[i] = i + 1;
  EXPECT_EQ(seen, expected);
}

TEST_F(ItemsParams, UnknownDatasetVersionIsNotFound) {
  const Response response = get(std::string(kPlantItems) + "?dataset-version=999999");
  EXPECT_EQ(response.result_int(), 404);
  EXPECT_THAT(problem_detail(response), HasSubstr("999999"));
}

TEST_F(ItemsParams, PropertiesSelectsMembers) {
  const rapidjson::Document page = parse_json(get(std::string(kPlantItems) + "?limit=3&properties=Name,Tinh").body());
  const rapidjson::Value* properties = json_at(page, "/features/0/properties");
  ASSERT_NE(properties, nullptr);
  EXPECT_EQ(properties->MemberCount(), 2u);
  EXPECT_EQ(json_string(page, "/features/0/properties/Name"), "Hoa Thám");
  EXPECT_EQ(json_string(page, "/features/0/properties/Tinh"), "Cao Bằng");
}

TEST_F(ItemsParams, PropertiesRejectsUnknownName) {
  const Response response = get(std::string(kPlantItems) + "?properties=Name,colour");
  EXPECT_EQ(response.result_int(), 400);
  EXPECT_THAT(problem_detail(response), HasSubstr("'colour'"));
}

TEST_F(ItemsParams, SortbyDescendingThenId) {
  const rapidjson::Document page = parse_json(get(std::string(kPlantItems) + "?limit=5&sortby=-CSuat_MW").body());
  EXPECT_EQ(feature_ids(page), (std::vector<std::int64_t>{59, 10, 102, 145, 15}));
}

TEST_F(ItemsParams, SortbyPagesWithoutRepeats) {
  std::set<std::int64_t> seen;
  for (int offset = 0; offset < kPlantCount; offset += 50) {
    const rapidjson::Document page =
        parse_json(get(fmt::format("{}?limit=50&offset={}&sortby=Tinh,-CSuat_MW", kPlantItems, offset)).body());
    for (std::int64_t id : feature_ids(page)) EXPECT_TRUE(seen.insert(id).second) << "repeated id " << id;
  }
  EXPECT_EQ(seen.size(), static_cast<std::size_t>(kPlantCount));
}

TEST_F(ItemsParams, SortbyRejectsUnknownProperty) {
  const Response response = get(std::string(kPlantItems) + "?sortby=-height");
  EXPECT_EQ(response.result_int(), 400);
  EXPECT_THAT(problem_detail(response), HasSubstr("'height'"));
}

TEST_F(ItemsParams, EqualityFilterOnQueryables) {
  const std::string target = std::string(kPlantItems) + "?limit=50&Tinh=" + url_encode("Sơn La") +
                             "&Quy_Mo=" + url_encode("Lớn");
  const rapidjson::Document page = parse_json(get(target).body());
  EXPECT_EQ(feature_ids(page), (std::vector<std::int64_t>{59, 61}));
  EXPECT_EQ(json_int(page, "/numberMatched"), 2);
}

TEST_F(ItemsParams, EqualityFilterChecksType) {
  const Response response = get(std::string(kPlantItems) + "?Dan_TDC_ho=many");
  EXPECT_EQ(response.result_int(), 400);
  EXPECT_THAT(problem_detail(response), HasSubstr("'many'"));
}

TEST_F(ItemsParams, UnknownParameterIsRejected) {
  const Response response = get(std::string(kPlantItems) + "?colour=red");
  EXPECT_EQ(response.result_int(), 400);
  EXPECT_THAT(problem_detail(response), HasSubstr("'colour'"));
}

TEST_F(ItemsParams, DatetimeWithoutTemporalPropertyIsRejected) {
  const Response response =
      get(std::string(kPlantItems) + "?datetime=2025-01-01T00:00:00Z/..", {{http::field::accept_language, "en"}});
  EXPECT_EQ(response.result_int(), 400);
  EXPECT_THAT(problem_detail(response), HasSubstr("no temporal property"));
}

TEST_F(ItemsParams, MalformedDatetimeIsRejected) {
  const Response response = get(std::string(kPlantItems) + "?datetime=yesterday");
  EXPECT_EQ(response.result_int(), 400);
  EXPECT_THAT(problem_detail(response), HasSubstr("'yesterday'"));
}

TEST_F(ItemsParams, LinksRepeatTheQuery) {
  const rapidjson::Document page =
      parse_json(get(std::string(kPlantItems) + "?limit=2&Tinh=" + url_encode("Sơn La") + "&sortby=Name").body());
  const std::optional<std::string> next = link_href(page, "next");
  ASSERT_TRUE(next.has_value());
  EXPECT_THAT(*next, HasSubstr("Tinh=S%C6%A1n%20La"));
  EXPECT_THAT(*next, HasSubstr("sortby=Name"));
  EXPECT_THAT(*next, HasSubstr("offset=2"));
}

TEST_F(ItemsParams, QueryablesListFieldsAsJsonSchema) {
  const Response response = get("/collections/vn_hydropower_plants/queryables");
  ASSERT_EQ(response.result_int(), 200);
  EXPECT_EQ(response[http::field::content_type], "application/schema+json");
  const rapidjson::Document schema = parse_json(response.body());
  EXPECT_EQ(json_string(schema, "/type"), "object");
  EXPECT_EQ(json_string(schema, "/properties/Dan_TDC_ho/type"), "integer");
  EXPECT_EQ(json_string(schema, "/properties/CSuat_MW/type"), "number");
  EXPECT_EQ(json_string(schema, "/properties/Name/type"), "string");
  EXPECT_EQ(json_string(schema, "/properties/geometry/format"), "geometry-any");
}

TEST_F(ItemsParams, QueryablesOfUnknownCollectionIsNotFound) {
  EXPECT_EQ(get("/collections/no_such/queryables").result_int(), 404);
}

}  // namespace
}  // namespace bando::server::testing
