// The OGC API pages and the /api document through the real router, on a real
// SQLite store with one dataset whose title and properties contain HTML.

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <stdlib.h>

#include <filesystem>
#include <fstream>
#include <memory>
#include <string>

#include <rapidjson/document.h>

#include "data/gazetteer/gazetteer.hpp"
#include "data/ingest.hpp"
#include "data/sqlite_store.hpp"
#include "server/app.hpp"
#include "server/handlers/handlers.hpp"
#include "server/handlers/openapi_operations.hpp"

namespace bando::server {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

constexpr const char* kHostileGeoJson = R"({"type": "FeatureCollection", "features": [
  {"type": "Feature", "geometry": {"type": "Point", "coordinates": [105.85, 21.03]},
   "properties": {"name": "<script>alert(1)</script>", "note": "a & b \"quoted\" 'single'"}},
  {"type": "Feature", "geometry": {"type": "Point", "coordinates": [106.70, 10.77]},
   "properties": {"name": "Hồ Chí Minh", "note": "plain"}}]})";

class OgcPages : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    std::string pattern = (std::filesystem::temp_directory_path() / "bando_ogc_pages_XXXXXX").string();
    ASSERT_NE(mkdtemp(pattern.data()), nullptr);
    dir_ = pattern;
    const std::filesystem::path source = dir_ / "hostile.geojson";
    std::ofstream(source) << kHostileGeoJson;
    store_ = std::make_unique<data::SqliteStore>((dir_ / "bando.sqlite").string());
    data::DatasetMetadata metadata;
    metadata.id = "hostile";
    metadata.title = "<b>Bold</b> & co";
    metadata.publisher = "Sở <i>Test</i>";
    data::IngestOptions options;
    options.path = source.string();
    data::ingest_file(*store_, metadata, options);
    gazetteer_ = std::make_unique<data::Gazetteer>(data::GazetteerData{});
    app_ = std::make_unique<AppContext>(AppContext{*store_, *gazetteer_, dir_});
    // An empty archive set still registers the /archives routes, so /api must describe them.
    set_served_archives(&archives_);
    router_ = std::make_unique<Router>(build_router(*app_));
    set_served_archives(nullptr);
  }

  static void TearDownTestSuite() {
    router_.reset();
    app_.reset();
    gazetteer_.reset();
    store_.reset();
    std::error_code ignored;
    std::filesystem::remove_all(dir_, ignored);
  }

  static Response get(const std::string& target, const std::string& accept = "",
                      const std::string& accept_language = "") {
    Request request{http::verb::get, target, 11};
    request.set(http::field::host, "127.0.0.1:8080");
    if (!accept.empty()) request.set(http::field::accept, accept);
    if (!accept_language.empty()) request.set(http::field::accept_language, accept_language);
    return router_->handle(request);
  }

  static rapidjson::Document api_document() {
    rapidjson::Document document;
    const Response response = get("/api");
    document.Parse(response.body().c_str());
    EXPECT_FALSE(document.HasParseError()) << response.body().substr(0, 300);
    return document;
  }

  static std::filesystem::path dir_;
  static std::unique_ptr<data::SqliteStore> store_;
  static std::unique_ptr<data::Gazetteer> gazetteer_;
  static std::unique_ptr<AppContext> app_;
  static tiles::archive::ArchiveSet archives_;
  static std::unique_ptr<Router> router_;
};

std::filesystem::path OgcPages::dir_;
std::unique_ptr<data::SqliteStore> OgcPages::store_;
std::unique_ptr<data::Gazetteer> OgcPages::gazetteer_;
std::unique_ptr<AppContext> OgcPages::app_;
tiles::archive::ArchiveSet OgcPages::archives_;
std::unique_ptr<Router> OgcPages::router_;

// "/web/{path*}" is listed as "/web/{path}", since OpenAPI has no rest-of-path template.
std::string openapi_path(std::string pattern) {
  const auto star = pattern.find("*}");
  if (star != std::string::npos) pattern.erase(star, 1);
  return pattern;
}

std::string lowercase_method(http::verb method) {
  std::string name(http::to_string(method));
  for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return name;
}

TEST_F(OgcPages, ApiListsEveryRegisteredRoute) {
  const rapidjson::Document document = api_document();
  ASSERT_TRUE(document.IsObject());
  ASSERT_TRUE(document.HasMember("paths"));
  const rapidjson::Value& paths = document["paths"];
  const std::vector<RouteInfo> routes = router_->routes();
  ASSERT_GT(routes.size(), 30u);
  for (const RouteInfo& route : routes) {
    const std::string path = openapi_path(route.pattern);
    const std::string method = lowercase_method(route.method);
    ASSERT_TRUE(paths.HasMember(path.c_str())) << path << " is registered but missing from /api";
    EXPECT_TRUE(paths[path.c_str()].HasMember(method.c_str()))
        << method << " " << path << " is registered but missing from /api";
  }
}

TEST_F(OgcPages, ApiDescribesNoUnregisteredOperation) {
  const std::vector<RouteInfo> routes = router_->routes();
  for (const OperationDoc& operation : documented_operations()) {
    const bool registered = std::any_of(routes.begin(), routes.end(), [&](const RouteInfo& route) {
      return route.method == operation.method && route.pattern == operation.pattern;
    });
    EXPECT_TRUE(registered) << http::to_string(operation.method) << " " << operation.pattern
                            << " is documented but no route has it";
  }
}

TEST_F(OgcPages, EveryOperationHasBothSummaries) {
  for (const OperationDoc& operation : documented_operations()) {
    ASSERT_NE(operation.summary, nullptr) << operation.pattern;
    ASSERT_NE(operation.summary_vi, nullptr) << operation.pattern;
    EXPECT_NE(std::string_view(operation.summary), "") << operation.pattern;
    EXPECT_NE(std::string_view(operation.summary_vi), "") << operation.pattern;
  }
}

TEST_F(OgcPages, ApiDeclaresEveryPathParameter) {
  const rapidjson::Document document = api_document();
  for (const auto& path : document["paths"].GetObject()) {
    const std::string name = path.name.GetString();
    for (const auto& operation : path.value.GetObject()) {
      std::string declared;
      for (const auto& parameter : operation.value["parameters"].GetArray()) {
        if (std::string(parameter["in"].GetString()) == "path") declared += "{" + std::string(parameter["name"].GetString()) + "}";
      }
      for (auto open = name.find('{'); open != std::string::npos; open = name.find('{', open + 1)) {
        const std::string placeholder = name.substr(open, name.find('}', open) - open + 1);
        EXPECT_THAT(declared, HasSubstr(placeholder)) << operation.name.GetString() << " " << name;
      }
    }
  }
}

TEST_F(OgcPages, ItemsHtmlEscapesPropertyValues) {
  const Response response = get("/collections/hostile/items?f=html");
  ASSERT_EQ(response.result(), http::status::ok) << response.body();
  EXPECT_EQ(response[http::field::content_type], "text/html; charset=utf-8");
  const std::string& body = response.body();
  EXPECT_THAT(body, Not(HasSubstr("<script>")));
  EXPECT_THAT(body, HasSubstr("&lt;script&gt;alert(1)&lt;/script&gt;"));
  EXPECT_THAT(body, HasSubstr("a &amp; b &quot;quoted&quot; &#39;single&#39;"));
  EXPECT_THAT(body, HasSubstr("Hồ Chí Minh"));
}

TEST_F(OgcPages, ItemsHtmlEscapesReflectedQuery) {
  const Response response = get("/collections/hostile/items?f=html&limit=1&note=%22%3E%3Cscript%3E");
  ASSERT_EQ(response.result(), http::status::ok) << response.body();
  EXPECT_THAT(response.body(), Not(HasSubstr("\"><script>")));
  EXPECT_THAT(response.body(), Not(HasSubstr("<script>")));
}

TEST_F(OgcPages, CollectionHtmlEscapesTitle) {
  const Response response = get("/collections/hostile", "text/html,application/xhtml+xml;q=0.9,*/*;q=0.8");
  ASSERT_EQ(response.result(), http::status::ok) << response.body();
  EXPECT_THAT(response.body(), HasSubstr("&lt;b&gt;Bold&lt;/b&gt; &amp; co"));
  EXPECT_THAT(response.body(), Not(HasSubstr("<b>Bold")));
  EXPECT_THAT(response.body(), HasSubstr("Sở &lt;i&gt;Test&lt;/i&gt;"));
}

TEST_F(OgcPages, ItemHtmlShowsPropertiesEscaped) {
  const Response response = get("/collections/hostile/items/1?f=html&lang=en");
  ASSERT_EQ(response.result(), http::status::ok) << response.body();
  EXPECT_THAT(response.body(), HasSubstr("<html lang=\"en\">"));
  EXPECT_THAT(response.body(), HasSubstr("Point"));
  EXPECT_THAT(response.body(), HasSubstr("&lt;script&gt;"));
  EXPECT_THAT(response.body(), Not(HasSubstr("<script>")));
}

TEST_F(OgcPages, ItemJsonLinksHtmlAlternate) {
  const Response response = get("/collections/hostile/items/2");
  ASSERT_EQ(response.result(), http::status::ok) << response.body();
  rapidjson::Document document;
  document.Parse(response.body().c_str());
  ASSERT_TRUE(document.IsObject());
  ASSERT_TRUE(document.HasMember("links"));
  bool alternate = false;
  for (const auto& link : document["links"].GetArray()) {
    if (std::string(link["rel"].GetString()) != "alternate") continue;
    alternate = true;
    EXPECT_STREQ(link["type"].GetString(), "text/html");
    EXPECT_STREQ(link["href"].GetString(), "http://127.0.0.1:8080/collections/hostile/items/2?f=html");
  }
  EXPECT_TRUE(alternate) << response.body();
}

TEST_F(OgcPages, MissingItemHtmlIsProblem) {
  const Response response = get("/collections/hostile/items/99?f=html");
  EXPECT_EQ(response.result(), http::status::not_found);
  EXPECT_EQ(response[http::field::content_type], "application/problem+json");
}

}  // namespace
}  // namespace bando::server
