// `bando serve --archive NAME=PATH`: MBTiles and PMTiles archives served over HTTP on 127.0.0.1.

#include <csignal>
#include <memory>
#include <optional>
#include <string>

#include <gtest/gtest.h>
#include <rapidjson/document.h>

#include "archive_fixture.hpp"
#include "http_client.hpp"
#include "mvt_decoder.hpp"
#include "server_process.hpp"
#include "tiles/archive/gzip.hpp"
#include "tiles/seed.hpp"

namespace bando::tiles::testing {
namespace {

using server::testing::HttpClient;
using server::testing::ServerProcess;
namespace http = server::http;

constexpr auto kStartTimeout = std::chrono::seconds(180);

// Seeds "polygons" to zoom 8 into both formats, then runs one server for the suite.
class ArchiveHttp : public ArchiveFixture {
 protected:
  static void SetUpTestSuite() {
    ArchiveFixture::SetUpTestSuite();
    for (const auto format : {archive::ArchiveFormat::mbtiles, archive::ArchiveFormat::pmtiles}) {
      SeedOptions options;
      options.collections = {"polygons"};
      options.max_zoom = 8;
      options.format = format;
      options.output = folder_ / (std::string("polygons.") + archive::to_string(format));
      options.show_progress = false;
      seed_archive(*store_, options);
    }
    store_.reset();
    server_ = std::make_unique<ServerProcess>(
        BANDO_EXECUTABLE,
        std::vector<std::string>{"serve", "--port", "0", "--bind", "127.0.0.1", "--store",
                                 (folder_ / "store.sqlite").string(), "--bundled", BANDO_BUNDLED_DIR,
                                 "--archive", "mb=" + (folder_ / "polygons.mbtiles").string(),
                                 "--archive", "pm=" + (folder_ / "polygons.pmtiles").string()});
    const std::optional<int> port = server_->wait_for_port("listening on http://127.0.0.1:", kStartTimeout);
    if (port) client_ = std::make_unique<HttpClient>(static_cast<unsigned short>(*port));
  }

  static void TearDownTestSuite() {
    client_.reset();
    if (server_) server_->stop(SIGTERM, std::chrono::seconds(20));
    server_.reset();
    ArchiveFixture::TearDownTestSuite();
  }

  void SetUp() override { ASSERT_NE(client_, nullptr) << "bando serve did not start:\n" << server_->log(); }

  static server::Response get(const std::string& target, const std::string& accept_encoding = "") {
    if (accept_encoding.empty()) return client_->get(target);
    return client_->get(target, {{http::field::accept_encoding, accept_encoding}});
  }

  static std::string tile_path(const std::string& archive, const geo::TileId& tile) {
    return "/archives/" + archive + "/" + geo::to_string(tile) + ".mvt";
  }

  static std::unique_ptr<ServerProcess> server_;
  static std::unique_ptr<HttpClient> client_;
};

std::unique_ptr<ServerProcess> ArchiveHttp::server_;
std::unique_ptr<HttpClient> ArchiveHttp::client_;

TEST_F(ArchiveHttp, ServesGzipTileToGzipClient) {
  for (const std::string name : {"mb", "pm"}) {
    const auto response = get(tile_path(name, island_tile(8)), "gzip, deflate");
    ASSERT_EQ(response.result(), http::status::ok) << name;
    EXPECT_EQ(response[http::field::content_encoding], "gzip") << name;
    EXPECT_EQ(response[http::field::content_type], "application/vnd.mapbox-vector-tile") << name;
    const auto layers = decode_tile(archive::gzip_decompress(response.body(), 1 << 24));
    ASSERT_EQ(layers.size(), 1u) << name;
    EXPECT_EQ(layers[0].name, "polygons") << name;
    EXPECT_EQ(layers[0].features.size(), 1u) << name;
  }
}

TEST_F(ArchiveHttp, DecompressesForClientWithoutGzip) {
  const auto response = get(tile_path("pm", island_tile(8)));
  ASSERT_EQ(response.result(), http::status::ok);
  EXPECT_EQ(response[http::field::content_encoding], "");
  const auto layers = decode_tile(response.body());
  ASSERT_EQ(layers.size(), 1u);
  EXPECT_EQ(layers[0].name, "polygons");
  EXPECT_EQ(get(tile_path("pm", island_tile(8)), "gzip;q=0")[http::field::content_encoding], "");
}

TEST_F(ArchiveHttp, BothFormatsServeSameTile) {
  const auto mb = get(tile_path("mb", island_tile(6)));
  const auto pm = get(tile_path("pm", island_tile(6)));
  ASSERT_EQ(mb.result(), http::status::ok);
  ASSERT_EQ(pm.result(), http::status::ok);
  EXPECT_EQ(mb.body(), pm.body());
}

TEST_F(ArchiveHttp, MissingTileIsNoContent) {
  EXPECT_EQ(get(tile_path("mb", {8, 0, 0})).result(), http::status::no_content);
  EXPECT_EQ(get(tile_path("pm", {8, 0, 0})).result(), http::status::no_content);
  EXPECT_EQ(get(tile_path("pm", island_tile(12))).result(), http::status::no_content);
}

TEST_F(ArchiveHttp, ETagGivesNotModified) {
  const auto first = get(tile_path("mb", island_tile(7)), "gzip");
  ASSERT_EQ(first.result(), http::status::ok);
  const std::string etag(first[http::field::etag]);
  ASSERT_FALSE(etag.empty());
  const auto second = client_->get(tile_path("mb", island_tile(7)), {{http::field::if_none_match, etag}});
  EXPECT_EQ(second.result(), http::status::not_modified);
}

TEST_F(ArchiveHttp, UnknownArchiveIsNotFound) {
  const auto response = get("/archives/missing/0/0/0.mvt");
  EXPECT_EQ(response.result(), http::status::not_found);
  EXPECT_NE(response.body().find("missing"), std::string::npos) << response.body();
}

TEST_F(ArchiveHttp, OutOfRangeTileIsBadRequest) {
  const auto response = get("/archives/mb/3/8/0.mvt");
  EXPECT_EQ(response.result(), http::status::bad_request);
}

TEST_F(ArchiveHttp, TileJsonDescribesArchive) {
  const auto response = get("/archives/pm.json");
  ASSERT_EQ(response.result(), http::status::ok);
  rapidjson::Document document;
  document.Parse(response.body().c_str());
  ASSERT_FALSE(document.HasParseError()) << response.body();
  EXPECT_STREQ(document["tilejson"].GetString(), "3.0.0");
  EXPECT_EQ(document["maxzoom"].GetInt(), 8);
  const std::string url = document["tiles"][0].GetString();
  EXPECT_NE(url.find("/archives/pm/{z}/{x}/{y}.mvt"), std::string::npos) << url;
  ASSERT_TRUE(document["vector_layers"].IsArray());
  ASSERT_EQ(document["vector_layers"].Size(), 1u);
  EXPECT_STREQ(document["vector_layers"][0]["id"].GetString(), "polygons");
  EXPECT_NEAR(document["bounds"][0].GetDouble(), 104.0, 1e-6);
}

}  // namespace
}  // namespace bando::tiles::testing
