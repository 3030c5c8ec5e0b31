#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <stdexcept>
#include <string>

#include <rapidjson/document.h>

#include "geo/error.hpp"
#include "server/router.hpp"

namespace bando::server {
namespace {

using ::testing::HasSubstr;

// A 200 response whose body names the route and lists its captures as "name=value;".
Response echo(const std::string& route, const RequestContext& context) {
  std::string body = route + ":";
  for (const auto& [name, value] : context.path_params) body += name + "=" + value + ";";
  Response response{http::status::ok, 11};
  response.body() = body;
  return response;
}

// The routes bando registers, with handlers that echo what they matched.
Router make_router() {
  Router router;
  router.add(http::verb::get, "/health", [](RequestContext& c) { return echo("health", c); });
  router.add(http::verb::get, "/collections", [](RequestContext& c) { return echo("collections", c); });
  router.add(http::verb::get, "/collections/{id}", [](RequestContext& c) { return echo("collection", c); });
  router.add(http::verb::get, "/collections/{id}/items", [](RequestContext& c) { return echo("items", c); });
  router.add(http::verb::get, "/collections/{id}/items/{featureId}",
             [](RequestContext& c) { return echo("item", c); });
  router.add(http::verb::get, "/tiles/{ids}/{z}/{x}/{y}.mvt", [](RequestContext& c) { return echo("tile", c); });
  router.add(http::verb::get, "/tiles/{ids}.json", [](RequestContext& c) { return echo("tilejson", c); });
  router.add(http::verb::get, "/web/{path*}", [](RequestContext& c) { return echo("web", c); });
  router.add(http::verb::get, "/fail/std", [](RequestContext&) -> Response {
    throw std::runtime_error("secret internal state");
  });
  router.add(http::verb::get, "/fail/conflict", [](RequestContext&) -> Response {
    throw Error(ErrorKind::conflict, {"version 3 changed meanwhile", "phiên bản 3 đã thay đổi"});
  });
  router.add(http::verb::get, "/lang", [](RequestContext& c) {
    return echo(c.language == Language::en ? "en" : "vi", c);
  });
  router.add(http::verb::get, "/base", [](RequestContext& c) { return echo(c.base_url, c); });
  return router;
}

Response route(const std::string& target, http::verb method = http::verb::get) {
  static const Router router = make_router();
  Request request{method, target, 11};
  request.set(http::field::host, "127.0.0.1:8080");
  return router.handle(request);
}

std::string detail_of(const Response& response) {
  rapidjson::Document document;
  document.Parse(response.body().c_str());
  if (document.HasParseError() || !document.IsObject() || !document.HasMember("detail") ||
      !document["detail"].IsString()) {
    return "<no detail in: " + response.body() + ">";
  }
  return document["detail"].GetString();
}

TEST(Router, LiteralPathMatches) {
  const Response response = route("/health");
  EXPECT_EQ(response.result(), http::status::ok);
  EXPECT_EQ(response.body(), "health:");
}

TEST(Router, LiteralDoesNotMatchLongerPath) {
  EXPECT_EQ(route("/health/extra").result(), http::status::not_found);
  EXPECT_EQ(route("/healthz").result(), http::status::not_found);
}

TEST(Router, TrailingSlashIsAnotherPath) {
  EXPECT_EQ(route("/collections/").result(), http::status::not_found);
}

TEST(Router, CaptureTakesOneSegment) {
  EXPECT_EQ(route("/collections/vn_provinces_2025").body(), "collection:id=vn_provinces_2025;");
  EXPECT_EQ(route("/collections/vn_provinces_2025/items").body(), "items:id=vn_provinces_2025;");
}

TEST(Router, TwoCapturesKeepTheirNames) {
  EXPECT_EQ(route("/collections/ha_noi_wards_2025/items/17").body(), "item:id=ha_noi_wards_2025;featureId=17;");
}

TEST(Router, SuffixCaptureMatchesTile) {
  EXPECT_EQ(route("/tiles/vn_provinces_2025/5/25/14.mvt").body(),
            "tile:ids=vn_provinces_2025;z=5;x=25;y=14;");
}

TEST(Router, SuffixCaptureMatchesTileJson) {
  EXPECT_EQ(route("/tiles/vn_provinces_2025.json").body(), "tilejson:ids=vn_provinces_2025;");
}

TEST(Router, SuffixCaptureKeepsCommas) {
  EXPECT_EQ(route("/tiles/a,b.json").body(), "tilejson:ids=a,b;");
}

TEST(Router, SuffixAloneCapturesNothing) {
  EXPECT_EQ(route("/tiles/.json").result(), http::status::not_found);
  EXPECT_EQ(route("/tiles/a/5/25/.mvt").result(), http::status::not_found);
}

TEST(Router, WrongSuffixIsNotFound) {
  EXPECT_EQ(route("/tiles/vn_provinces_2025/5/25/14.png").result(), http::status::not_found);
  EXPECT_EQ(route("/tiles/vn_provinces_2025.xml").result(), http::status::not_found);
}

TEST(Router, RestCaptureTakesOneSegment) {
  EXPECT_EQ(route("/web/index.html").body(), "web:path=index.html;");
}

TEST(Router, RestCaptureKeepsSlashes) {
  EXPECT_EQ(route("/web/node_modules/maplibre-gl/dist/maplibre-gl.js").body(),
            "web:path=node_modules/maplibre-gl/dist/maplibre-gl.js;");
}

TEST(Router, RestCaptureRejectsEmptyRest) {
  EXPECT_EQ(route("/web/").result(), http::status::not_found);
  EXPECT_EQ(route("/web").result(), http::status::not_found);
}

TEST(Router, CaptureSeesDecodedPath) {
  EXPECT_EQ(route("/collections/H%C3%A0%20N%E1%BB%99i").body(), "collection:id=Hà Nội;");
}

TEST(Router, UnknownPathIsNotFoundProblem) {
  const Response response = route("/nowhere");
  EXPECT_EQ(response.result(), http::status::not_found);
  EXPECT_EQ(response[http::field::content_type], "application/problem+json");
  EXPECT_THAT(detail_of(response), HasSubstr("/nowhere"));
}

TEST(Router, OtherMethodOnKnownPathIs405) {
  const Response response = route("/collections", http::verb::post);
  EXPECT_EQ(response.result(), http::status::method_not_allowed);
  EXPECT_EQ(response[http::field::content_type], "application/problem+json");
  EXPECT_THAT(detail_of(response), HasSubstr("POST"));
}

TEST(Router, OtherMethodOnCapturedPathIs405) {
  EXPECT_EQ(route("/tiles/a/1/0/0.mvt", http::verb::delete_).result(), http::status::method_not_allowed);
}

TEST(Router, OtherMethodOnUnknownPathIs404) {
  EXPECT_EQ(route("/nowhere", http::verb::post).result(), http::status::not_found);
}

TEST(Router, MalformedTargetIs400) {
  EXPECT_EQ(route("/collections/a%00b").result(), http::status::bad_request);
}

TEST(Router, BandoErrorBecomesItsStatus) {
  const Response response = route("/fail/conflict");
  EXPECT_EQ(response.result(), http::status::conflict);
  EXPECT_EQ(detail_of(response), "phiên bản 3 đã thay đổi");
}

TEST(Router, OtherExceptionBecomes500WithoutItsMessage) {
  const Response response = route("/fail/std");
  EXPECT_EQ(response.result(), http::status::internal_server_error);
  EXPECT_EQ(response[http::field::content_type], "application/problem+json");
  EXPECT_THAT(response.body(), ::testing::Not(HasSubstr("secret")));
}

TEST(Router, ResponseCarriesCommonHeaders) {
  const Response response = route("/health");
  EXPECT_EQ(response[http::field::server], "bando");
  EXPECT_EQ(response[http::field::access_control_allow_origin], "*");
  EXPECT_EQ(response.version(), 11u);
}

TEST(Router, ErrorResponseCarriesCommonHeaders) {
  const Response response = route("/nowhere");
  EXPECT_EQ(response[http::field::access_control_allow_origin], "*");
}

TEST(Router, ContextHasNegotiatedLanguage) {
  static const Router router = make_router();
  Request english{http::verb::get, "/lang", 11};
  english.set(http::field::accept_language, "en-GB,en;q=0.9");
  EXPECT_EQ(router.handle(english).body(), "en:");

  Request plain{http::verb::get, "/lang", 11};
  EXPECT_EQ(router.handle(plain).body(), "vi:");
}

TEST(Router, BaseUrlUsesHostHeader) {
  EXPECT_EQ(route("/base").body(), "http://127.0.0.1:8080:");
}

TEST(Router, ProblemFollowsAcceptLanguage) {
  static const Router router = make_router();
  Request request{http::verb::get, "/nowhere", 11};
  request.set(http::field::accept_language, "en");
  const Response response = router.handle(request);
  EXPECT_EQ(detail_of(response), "no resource at '/nowhere'");
  EXPECT_EQ(response[http::field::content_language], "en");
}

TEST(RequestContext, UnknownParamThrowsOutOfRange) {
  Request request{http::verb::get, "/", 11};
  RequestContext context{request, {}, {{"id", "x"}}, Language::vi, ""};
  EXPECT_EQ(context.param("id"), "x");
  EXPECT_THROW(context.param("z"), std::out_of_range);
}

}  // namespace
}  // namespace bando::server
