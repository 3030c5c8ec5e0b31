// Tile caching, gzip and OGC API – Tiles over real HTTP against `bando serve` on 127.0.0.1.

#include <gtest/gtest.h>

#include <zlib.h>

#include <string>

#include <rapidjson/document.h>

#include "http_fixture.hpp"
#include "mvt_decoder.hpp"

namespace bando::server::testing {
namespace {

constexpr const char* kMvtType = "application/vnd.mapbox-vector-tile";
// z5 tile 25/14 spans 101.25-112.5 E and 16.6-27.1 N: northern Viet Nam.
constexpr const char* kNorthTile = "/tiles/vn_provinces_2025/5/25/14.mvt";

std::string gunzip(const std::string& compressed) {
  z_stream stream{};
  if (inflateInit2(&stream, 15 + 16) != Z_OK) return {};
  std::string output(16 << 20, '\0');
  stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(compressed.data()));
  stream.avail_in = static_cast<uInt>(compressed.size());
  stream.next_out = reinterpret_cast<Bytef*>(output.data());
  stream.avail_out = static_cast<uInt>(output.size());
  const int code = inflate(&stream, Z_FINISH);
  output.resize(code == Z_STREAM_END ? stream.total_out : 0);
  inflateEnd(&stream);
  return output;
}

using TilesHttp = HttpApi;

TEST_F(TilesHttp, GzipServedWhenAccepted) {
  const Response identity = get(kNorthTile);
  const Response gzip = get(kNorthTile, {{http::field::accept_encoding, "br, gzip;q=0.8"}});
  ASSERT_EQ(identity.result(), http::status::ok);
  ASSERT_EQ(gzip.result(), http::status::ok);

  EXPECT_EQ(identity[http::field::content_encoding], "");
  EXPECT_EQ(gzip[http::field::content_encoding], "gzip");
  EXPECT_EQ(gzip[http::field::content_type], kMvtType);
  EXPECT_EQ(gzip[http::field::vary], "Accept-Encoding");
  EXPECT_LT(gzip.body().size(), identity.body().size());
  EXPECT_EQ(gunzip(gzip.body()), identity.body());
  EXPECT_NE(gzip[http::field::etag], identity[http::field::etag]);
}

TEST_F(TilesHttp, GzipWithZeroQualityIsIdentity) {
  const Response response = get(kNorthTile, {{http::field::accept_encoding, "gzip;q=0, deflate"}});
  ASSERT_EQ(response.result(), http::status::ok);
  EXPECT_EQ(response[http::field::content_encoding], "");
  EXPECT_FALSE(tiles::testing::decode_tile(response.body()).empty());
}

TEST_F(TilesHttp, GzipEtagGivesNotModified) {
  const Response first = get(kNorthTile, {{http::field::accept_encoding, "gzip"}});
  ASSERT_EQ(first.result(), http::status::ok);
  const Response second = get(kNorthTile, {{http::field::accept_encoding, "gzip"},
                                           {http::field::if_none_match, std::string(first[http::field::etag])}});
  EXPECT_EQ(second.result(), http::status::not_modified);
  EXPECT_TRUE(second.body().empty());
}

TEST_F(TilesHttp, SecondRequestServedFromMemory) {
  const char* target = "/tiles/vn_districts_pre2025/7/101/56.mvt";
  const Response first = get(target);
  const Response second = get(target);
  ASSERT_EQ(first.result(), http::status::ok);
  ASSERT_EQ(second.result(), http::status::ok);
  EXPECT_EQ(first["Bando-Cache"], "miss");
  EXPECT_EQ(second["Bando-Cache"], "memory");
  EXPECT_EQ(first.body(), second.body());
}

TEST_F(TilesHttp, EmptyTileIsNoContentFromCacheToo) {
  // z8 tile 0/0 is in the Arctic, far from every bundled dataset.
  const char* target = "/tiles/vn_provinces_2025/8/0/0.mvt";
  const Response first = get(target, {{http::field::accept_encoding, "gzip"}});
  const Response second = get(target, {{http::field::accept_encoding, "gzip"}});
  EXPECT_EQ(first.result(), http::status::no_content);
  EXPECT_EQ(second.result(), http::status::no_content);
  EXPECT_EQ(second["Bando-Cache"], "memory");
  EXPECT_TRUE(second.body().empty());
  EXPECT_EQ(second[http::field::content_encoding], "");
}

TEST_F(TilesHttp, DistrictsAtZoomFiveFitBudget) {
  const Response response = get("/tiles/vn_districts_pre2025/5/25/14.mvt");
  ASSERT_EQ(response.result(), http::status::ok);
  EXPECT_LE(response.body().size(), 500u * 1024);
  EXPECT_EQ(response["Bando-Dropped-Features"], "");
  const auto layers = tiles::testing::decode_tile(response.body());
  ASSERT_EQ(layers.size(), 1u);
  EXPECT_GE(layers[0].features.size(), 100u);
}

TEST_F(TilesHttp, ConformanceListsTilesClasses) {
  const Response response = get("/conformance");
  ASSERT_EQ(response.result(), http::status::ok);
  EXPECT_NE(response.body().find("http://www.opengis.net/spec/ogcapi-tiles-1/1.0/conf/core"), std::string::npos);
  EXPECT_NE(response.body().find("http://www.opengis.net/spec/ogcapi-tiles-1/1.0/conf/mvt"), std::string::npos);
}

TEST_F(TilesHttp, WebMercatorQuadHasEveryZoom) {
  const Response response = get("/tileMatrixSets/WebMercatorQuad");
  ASSERT_EQ(response.result(), http::status::ok);
  const rapidjson::Document document = parse_json(response.body());
  EXPECT_EQ(json_string(document, "/id"), "WebMercatorQuad");
  EXPECT_EQ(json_string(document, "/crs"), "http://www.opengis.net/def/crs/EPSG/0/3857");
  const rapidjson::Value* matrices = json_at(document, "/tileMatrices");
  ASSERT_NE(matrices, nullptr);
  ASSERT_TRUE(matrices->IsArray());
  EXPECT_EQ(matrices->Size(), 25u);
  EXPECT_EQ(json_string(document, "/tileMatrices/5/id"), "5");
  EXPECT_EQ(json_int(document, "/tileMatrices/5/matrixWidth"), 32);
  const rapidjson::Value* scale = json_at(document, "/tileMatrices/0/scaleDenominator");
  ASSERT_NE(scale, nullptr);
  EXPECT_NEAR(scale->GetDouble(), 559082264.0287178, 1e-3);
}

TEST_F(TilesHttp, TileMatrixSetListLinksWebMercatorQuad) {
  const Response response = get("/tileMatrixSets");
  ASSERT_EQ(response.result(), http::status::ok);
  const rapidjson::Document document = parse_json(response.body());
  EXPECT_EQ(json_string(document, "/tileMatrixSets/0/id"), "WebMercatorQuad");
  EXPECT_EQ(json_string(document, "/tileMatrixSets/0/links/0/href"), base_url() + "/tileMatrixSets/WebMercatorQuad");
}

TEST_F(TilesHttp, CollectionTilesetsListWebMercatorQuad) {
  const Response response = get("/collections/vn_provinces_2025/tiles");
  ASSERT_EQ(response.result(), http::status::ok);
  const rapidjson::Document document = parse_json(response.body());
  EXPECT_EQ(json_string(document, "/tilesets/0/dataType"), "vector");
  EXPECT_EQ(json_string(document, "/tilesets/0/tileMatrixSetURI"),
            "http://www.opengis.net/def/tilematrixset/OGC/1.0/WebMercatorQuad");
  EXPECT_EQ(json_string(document, "/tilesets/0/links/0/href"),
            base_url() + "/collections/vn_provinces_2025/tiles/WebMercatorQuad");
}

TEST_F(TilesHttp, TilesetMetadataHasLimitsAndTemplate) {
  const Response response = get("/collections/vn_provinces_2025/tiles/WebMercatorQuad");
  ASSERT_EQ(response.result(), http::status::ok);
  const rapidjson::Document document = parse_json(response.body());
  EXPECT_EQ(json_string(document, "/dataType"), "vector");
  EXPECT_EQ(json_string(document, "/layers/0/id"), "vn_provinces_2025");
  EXPECT_EQ(link_href(document, "item"),
            base_url() + "/collections/vn_provinces_2025/tiles/WebMercatorQuad/{tileMatrix}/{tileRow}/{tileCol}");
  const rapidjson::Value* limits = json_at(document, "/tileMatrixSetLimits");
  ASSERT_NE(limits, nullptr);
  ASSERT_TRUE(limits->IsArray());
  ASSERT_FALSE(limits->Empty());
  // At zoom 5 the mainland lies in column 25, and Hoàng Sa and Trường Sa reach into column 26.
  bool found = false;
  for (const auto& limit : limits->GetArray()) {
    if (std::string(limit["tileMatrix"].GetString()) != "5") continue;
    found = true;
    EXPECT_EQ(limit["minTileCol"].GetInt64(), 25);
    EXPECT_EQ(limit["maxTileCol"].GetInt64(), 26);
    EXPECT_EQ(limit["minTileRow"].GetInt64(), 13);
    EXPECT_EQ(limit["maxTileRow"].GetInt64(), 15);
  }
  EXPECT_TRUE(found);
}

TEST_F(TilesHttp, OgcTilePutsRowBeforeColumn) {
  const Response ogc = get("/collections/vn_provinces_2025/tiles/WebMercatorQuad/5/14/25");
  const Response xyz = get(kNorthTile);
  ASSERT_EQ(ogc.result(), http::status::ok);
  EXPECT_EQ(ogc[http::field::content_type], kMvtType);
  EXPECT_EQ(ogc.body(), xyz.body());
}

TEST_F(TilesHttp, OgcTileOutsideMatrixIsNotFound) {
  const Response response = get("/collections/vn_provinces_2025/tiles/WebMercatorQuad/5/32/25");
  EXPECT_EQ(response.result(), http::status::not_found);
  EXPECT_NE(problem_detail(response).find("32"), std::string::npos);
}

TEST_F(TilesHttp, UnknownTileMatrixSetIsNotFound) {
  const Response response = get("/collections/vn_provinces_2025/tiles/WorldCRS84Quad/5/14/25",
                                {{http::field::accept_language, "en"}});
  EXPECT_EQ(response.result(), http::status::not_found);
  EXPECT_NE(problem_detail(response).find("WorldCRS84Quad"), std::string::npos);
}

}  // namespace
}  // namespace bando::server::testing
