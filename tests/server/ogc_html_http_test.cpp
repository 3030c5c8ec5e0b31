// Content negotiation, HTML pages, languages and links of the OGC API endpoints
// over HTTP, against the real server on the bundled data.

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>

#include "http_fixture.hpp"

namespace bando::server::testing {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;
using ::testing::StartsWith;

constexpr const char* kBrowserAccept = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";
constexpr const char* kHtml = "text/html; charset=utf-8";

// The href of the first link with `rel` and `type`, or nullopt.
std::optional<std::string> typed_link(const rapidjson::Value& document, const std::string& rel,
                                      const std::string& type) {
  const rapidjson::Value* links = json_at(document, "/links");
  if (links == nullptr || !links->IsArray()) return std::nullopt;
  for (const rapidjson::Value& link : links->GetArray()) {
    if (json_string(link, "/rel") == rel && json_string(link, "/type") == type) return json_string(link, "/href");
  }
  return std::nullopt;
}

// The title of the first link with `rel`, or nullopt.
std::optional<std::string> link_title_of(const rapidjson::Value& document, const std::string& rel) {
  const rapidjson::Value* links = json_at(document, "/links");
  if (links == nullptr || !links->IsArray()) return std::nullopt;
  for (const rapidjson::Value& link : links->GetArray()) {
    if (json_string(link, "/rel") == rel) return json_string(link, "/title");
  }
  return std::nullopt;
}

TEST_F(HttpApi, RootGivesBrowserTheViewer) {
  const Response response = get("/", {{http::field::accept, kBrowserAccept}});
  ASSERT_EQ(response.result(), http::status::ok);
  EXPECT_EQ(response[http::field::content_type], kHtml);
  EXPECT_THAT(response.body(), HasSubstr("maplibre"));
  EXPECT_THAT(std::string(response[http::field::vary]), HasSubstr("Accept"));
}

TEST_F(HttpApi, RootGivesJsonClientLandingPage) {
  const Response response = get("/", {{http::field::accept, "application/json"}});
  ASSERT_EQ(response.result(), http::status::ok);
  EXPECT_EQ(response[http::field::content_type], "application/json");
  const auto document = parse_json(response.body());
  EXPECT_EQ(json_string(document, "/title"), "bando");
  EXPECT_EQ(link_href(document, "service-desc"), base_url() + "/api");
  EXPECT_EQ(typed_link(document, "service-desc", "application/vnd.oai.openapi+json;version=3.0"),
            base_url() + "/api");
  EXPECT_EQ(link_href(document, "service-doc"), base_url() + "/api?f=html");
  EXPECT_EQ(link_href(document, "conformance"), base_url() + "/conformance");
  EXPECT_EQ(link_href(document, "data"), base_url() + "/collections");
  EXPECT_EQ(link_href(document, "http://www.opengis.net/def/rel/ogc/1.0/tiling-schemes"),
            base_url() + "/tileMatrixSets");
  EXPECT_EQ(typed_link(document, "alternate", "text/html"), base_url() + "/?f=html");
  EXPECT_EQ(link_href(document, "self"), base_url() + "/?f=json");
}

TEST_F(HttpApi, RootFormatJsonOverridesBrowserAccept) {
  const Response response = get("/?f=json", {{http::field::accept, kBrowserAccept}});
  ASSERT_EQ(response.result(), http::status::ok);
  EXPECT_EQ(response[http::field::content_type], "application/json");
}

TEST_F(HttpApi, RootFormatHtmlIsLandingPage) {
  const Response response = get("/?f=html");
  ASSERT_EQ(response.result(), http::status::ok);
  EXPECT_EQ(response[http::field::content_type], kHtml);
  EXPECT_EQ(response[http::field::content_language], "vi");
  const std::string& body = response.body();
  EXPECT_THAT(body, StartsWith("<!doctype html>"));
  EXPECT_THAT(body, HasSubstr("<html lang=\"vi\">"));
  EXPECT_THAT(body, HasSubstr("Trình xem bản đồ"));
  EXPECT_THAT(body, HasSubstr("href=\"" + base_url() + "/collections?f=html\""));
  EXPECT_THAT(body, HasSubstr("href=\"" + base_url() + "/conformance?f=html\""));
  EXPECT_THAT(body, HasSubstr("<link rel=\"alternate\" type=\"application/json\" href=\"" + base_url() +
                              "/?f=json\">"));
  // The language switch names the other language and keeps f.
  EXPECT_THAT(body, HasSubstr("href=\"" + base_url() + "/?f=html&amp;lang=en\">English</a>"));
}

TEST_F(HttpApi, LandingPageInEnglishByAcceptLanguage) {
  const Response response = get("/?f=html", {{http::field::accept_language, "en-GB,en;q=0.9"}});
  ASSERT_EQ(response.result(), http::status::ok);
  EXPECT_EQ(response[http::field::content_language], "en");
  EXPECT_THAT(response.body(), HasSubstr("<html lang=\"en\">"));
  EXPECT_THAT(response.body(), HasSubstr("Map viewer"));
  EXPECT_THAT(response.body(), HasSubstr(">Tiếng Việt</a>"));
}

TEST_F(HttpApi, LangParameterOverridesAcceptLanguage) {
  const Response response =
      get("/collections?lang=vi", {{http::field::accept, kBrowserAccept}, {http::field::accept_language, "en"}});
  ASSERT_EQ(response.result(), http::status::ok);
  EXPECT_EQ(response[http::field::content_type], kHtml);
  EXPECT_EQ(response[http::field::content_language], "vi");
  EXPECT_THAT(response.body(), HasSubstr("Các bộ dữ liệu"));
}

TEST_F(HttpApi, UnknownFormatIsBadRequest) {
  for (const std::string target : {"/?f=xml", "/conformance?f=xml", "/collections?f=xml",
                                   "/collections/vn_provinces_2025?f=xml",
                                   "/collections/vn_provinces_2025/items?f=xml",
                                   "/collections/vn_provinces_2025/items/1?f=xml", "/api?f=xml"}) {
    const Response response = get(target);
    EXPECT_EQ(response.result(), http::status::bad_request) << target;
    EXPECT_THAT(problem_detail(response), HasSubstr("'xml'")) << target;
  }
}

TEST_F(HttpApi, UnknownFormatProblemIsLocalized) {
  const Response english = get("/collections?f=pdf", {{http::field::accept_language, "en"}});
  EXPECT_EQ(english.result(), http::status::bad_request);
  EXPECT_THAT(problem_detail(english), HasSubstr("f 'pdf' is not supported"));
  const Response vietnamese = get("/collections?f=pdf");
  EXPECT_THAT(problem_detail(vietnamese), HasSubstr("không được hỗ trợ"));
}

TEST_F(HttpApi, UnknownLangIsBadRequest) {
  for (const std::string target : {"/collections?f=html&lang=fr", "/collections?lang=fr", "/?f=json&lang=fr",
                                   "/collections/vn_provinces_2025/items?lang=fr"}) {
    const Response response = get(target);
    EXPECT_EQ(response.result(), http::status::bad_request) << target;
    EXPECT_THAT(problem_detail(response), HasSubstr("'fr'")) << target;
  }
}

TEST_F(HttpApi, ConformanceListsHtmlAndOas30) {
  const Response response = get("/conformance");
  ASSERT_EQ(response.result(), http::status::ok);
  EXPECT_THAT(response.body(), HasSubstr("\"http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/html\""));
  EXPECT_THAT(response.body(), HasSubstr("\"http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/oas30\""));
  const auto document = parse_json(response.body());
  EXPECT_EQ(typed_link(document, "alternate", "text/html"), base_url() + "/conformance?f=html");
}

TEST_F(HttpApi, ConformanceHtmlForBrowser) {
  const Response response = get("/conformance", {{http::field::accept, kBrowserAccept}});
  ASSERT_EQ(response.result(), http::status::ok);
  EXPECT_EQ(response[http::field::content_type], kHtml);
  EXPECT_THAT(response.body(), HasSubstr("Các lớp phù hợp"));
  EXPECT_THAT(response.body(), HasSubstr("conf/oas30"));
  EXPECT_THAT(response.body(), HasSubstr("href=\"" + base_url() + "/conformance?f=json\""));
}

TEST_F(HttpApi, CollectionsJsonLinksHtml) {
  const auto document = parse_json(get("/collections").body());
  EXPECT_EQ(typed_link(document, "alternate", "text/html"), base_url() + "/collections?f=html");
  const rapidjson::Value* first = json_at(document, "/collections/0");
  ASSERT_NE(first, nullptr);
  const std::string id = json_string(*first, "/id").value_or("");
  EXPECT_EQ(typed_link(*first, "alternate", "text/html"), base_url() + "/collections/" + id + "?f=html");
}

TEST_F(HttpApi, CollectionHasSpatialAndTemporalExtent) {
  const Response response = get("/collections/vn_provinces_2025");
  ASSERT_EQ(response.result(), http::status::ok);
  const auto document = parse_json(response.body());
  const rapidjson::Value* bbox = json_at(document, "/extent/spatial/bbox/0");
  ASSERT_NE(bbox, nullptr);
  ASSERT_TRUE(bbox->IsArray());
  EXPECT_EQ(bbox->Size(), 4u);
  const rapidjson::Value* interval = json_at(document, "/extent/temporal/interval/0");
  ASSERT_NE(interval, nullptr);
  ASSERT_TRUE(interval->IsArray());
  ASSERT_EQ(interval->Size(), 2u);
  EXPECT_TRUE((*interval)[0].IsNull());
  EXPECT_TRUE((*interval)[1].IsNull());
  EXPECT_EQ(json_string(document, "/extent/temporal/trs"), "http://www.opengis.net/def/uri/ISO-8601/0/Gregorian");
}

TEST_F(HttpApi, CollectionLinksItsVectorTilesets) {
  const auto document = parse_json(get("/collections/vn_provinces_2025").body());
  const auto href = link_href(document, "http://www.opengis.net/def/rel/ogc/1.0/tilesets-vector");
  ASSERT_EQ(href, base_url() + "/collections/vn_provinces_2025/tiles");
  EXPECT_EQ(get(target_of(*href)).result(), http::status::ok);
}

TEST_F(HttpApi, CollectionHtmlLinksItemsAndJson) {
  const Response response = get("/collections/vn_provinces_2025?f=html&lang=en");
  ASSERT_EQ(response.result(), http::status::ok);
  EXPECT_EQ(response[http::field::content_type], kHtml);
  const std::string& body = response.body();
  EXPECT_THAT(body, HasSubstr("Spatial extent"));
  EXPECT_THAT(body, HasSubstr("href=\"" + base_url() + "/collections/vn_provinces_2025/items?f=html&amp;lang=en\""));
  EXPECT_THAT(body, HasSubstr("href=\"" + base_url() + "/collections/vn_provinces_2025?f=json\""));
}

TEST_F(HttpApi, ItemsHtmlTableWithPaging) {
  const Response response = get("/collections/vn_provinces_2025/items?f=html&limit=5&offset=5");
  ASSERT_EQ(response.result(), http::status::ok);
  EXPECT_EQ(response[http::field::content_type], kHtml);
  const std::string& body = response.body();
  EXPECT_THAT(body, HasSubstr("<table>"));
  EXPECT_THAT(body, HasSubstr("/collections/vn_provinces_2025/items/6?f=html"));
  EXPECT_THAT(body, HasSubstr("/collections/vn_provinces_2025/items/10?f=html"));
  EXPECT_THAT(body, Not(HasSubstr("/collections/vn_provinces_2025/items/11?f=html")));
  EXPECT_THAT(body, HasSubstr("Trang sau"));
  EXPECT_THAT(body, HasSubstr("Trang trước"));
  EXPECT_THAT(body, HasSubstr("limit=5&amp;offset=10&amp;dataset-version="));
  EXPECT_THAT(body, HasSubstr("limit=5&amp;offset=0&amp;dataset-version="));
}

TEST_F(HttpApi, ItemsHtmlKeepsFilters) {
  const Response response = get("/collections/vn_provinces_2025/items?f=html&limit=2&bbox=105,20,107,22");
  ASSERT_EQ(response.result(), http::status::ok);
  EXPECT_THAT(response.body(), HasSubstr("bbox=105,20,107,22"));
}

TEST_F(HttpApi, LinkTitlesFollowAcceptLanguage) {
  const std::string items = "/collections/vn_provinces_2025/items?limit=2";
  const auto vi = parse_json(get(items).body());
  EXPECT_EQ(link_title_of(vi, "next"), "Trang sau");
  const auto en = parse_json(get(items, {{http::field::accept_language, "en"}}).body());
  EXPECT_EQ(link_title_of(en, "next"), "Next page");

  const auto landing_vi = parse_json(get("/?f=json").body());
  EXPECT_EQ(link_title_of(landing_vi, "self"), "Tài liệu này");
  const auto landing_en = parse_json(get("/?f=json", {{http::field::accept_language, "en"}}).body());
  EXPECT_EQ(link_title_of(landing_en, "self"), "This document");

  const auto dataset_en = parse_json(get("/datasets/vn_provinces_2025", {{http::field::accept_language, "en"}}).body());
  EXPECT_EQ(link_title_of(dataset_en, "enclosure"), "GeoJSON download");
}

TEST_F(HttpApi, ItemsJsonLinksHtmlAlternate) {
  const Response response = get("/collections/vn_provinces_2025/items?limit=2");
  ASSERT_EQ(response.result(), http::status::ok);
  EXPECT_EQ(response[http::field::content_type], "application/geo+json");
  const auto document = parse_json(response.body());
  EXPECT_EQ(typed_link(document, "alternate", "text/html"),
            base_url() + "/collections/vn_provinces_2025/items?limit=2&f=html");
}

TEST_F(HttpApi, ItemsBrowserAcceptGetsHtml) {
  const Response response = get("/collections/vn_provinces_2025/items?limit=1", {{http::field::accept, kBrowserAccept}});
  ASSERT_EQ(response.result(), http::status::ok);
  EXPECT_EQ(response[http::field::content_type], kHtml);
  EXPECT_THAT(response.body(), HasSubstr("href=\"" + base_url() +
                                         "/collections/vn_provinces_2025/items?limit=1&amp;f=json\""));
}

TEST_F(HttpApi, ItemsGeoJsonAcceptGetsJson) {
  const Response response = get("/collections/vn_provinces_2025/items?limit=1",
                                {{http::field::accept, "application/geo+json"}});
  ASSERT_EQ(response.result(), http::status::ok);
  EXPECT_EQ(response[http::field::content_type], "application/geo+json");
}

TEST_F(HttpApi, ItemHtmlLinksBackToItems) {
  const Response response = get("/collections/vn_provinces_2025/items/1?f=html");
  ASSERT_EQ(response.result(), http::status::ok);
  EXPECT_EQ(response[http::field::content_type], kHtml);
  EXPECT_THAT(response.body(), HasSubstr("Tất cả đối tượng"));
  EXPECT_THAT(response.body(), HasSubstr("href=\"" + base_url() + "/collections/vn_provinces_2025/items?f=html\""));
  EXPECT_THAT(response.body(), HasSubstr("href=\"" + base_url() + "/collections/vn_provinces_2025/items/1?f=json\""));
}

TEST_F(HttpApi, ItemJsonHasSelfCollectionAndAlternate) {
  const Response response = get("/collections/vn_provinces_2025/items/1");
  ASSERT_EQ(response.result(), http::status::ok);
  const auto document = parse_json(response.body());
  EXPECT_EQ(link_href(document, "self"), base_url() + "/collections/vn_provinces_2025/items/1");
  EXPECT_EQ(link_href(document, "collection"), base_url() + "/collections/vn_provinces_2025");
  EXPECT_EQ(typed_link(document, "alternate", "text/html"),
            base_url() + "/collections/vn_provinces_2025/items/1?f=html");
}

TEST_F(HttpApi, ApiServesOpenApiJson) {
  const Response response = get("/api");
  ASSERT_EQ(response.result(), http::status::ok);
  EXPECT_EQ(response[http::field::content_type], "application/vnd.oai.openapi+json;version=3.0");
  const auto document = parse_json(response.body());
  EXPECT_EQ(json_string(document, "/openapi"), "3.0.3");
  EXPECT_EQ(json_string(document, "/servers/0/url"), base_url());
  EXPECT_NE(json_at(document, "/paths/~1collections~1{id}~1items/get"), nullptr);
  EXPECT_NE(json_at(document, "/paths/~1datasets/post/security"), nullptr);
}

TEST_F(HttpApi, ApiHtmlForBrowser) {
  const Response response = get("/api", {{http::field::accept, kBrowserAccept}});
  ASSERT_EQ(response.result(), http::status::ok);
  EXPECT_EQ(response[http::field::content_type], kHtml);
  EXPECT_THAT(response.body(), HasSubstr("Tài liệu API"));
  EXPECT_THAT(response.body(), HasSubstr("<code>/collections/{id}/items</code>"));
  EXPECT_THAT(response.body(), HasSubstr("Các đối tượng của một bộ dữ liệu"));
  const Response english = get("/api?f=html&lang=en");
  EXPECT_THAT(english.body(), HasSubstr("Features of a collection"));
  EXPECT_THAT(english.body(), Not(HasSubstr("Các đối tượng của một bộ dữ liệu")));
}

}  // namespace
}  // namespace bando::server::testing
