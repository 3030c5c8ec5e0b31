// Publishing over HTTP against a real `bando serve`: API keys, limits, versions,
// the catalog search, and the CKAN and DCAT views.

#include <gtest/gtest.h>

#include <signal.h>

#include <algorithm>
#include <memory>
#include <thread>
#include <optional>

#include <fmt/format.h>
#include <gdal_priv.h>
#include <ogrsf_frmts.h>
#include <rapidjson/document.h>
#include <rapidjson/pointer.h>

#include "data/api_keys.hpp"
#include "data/sqlite_store.hpp"
#include "http_client.hpp"
#include "publish_test_support.hpp"
#include "server_process.hpp"

namespace bando::server::testing {
namespace {

using namespace std::chrono_literals;

constexpr const char* kBoundary = "bando-test-7d1f";
constexpr int kWriteBurst = 40;
constexpr std::size_t kMaxUpload = 2'000'000;

// A GeoJSON file with an invalid polygon (a bow tie), a null geometry and a point.
constexpr const char* kMixedGeoJson = R"({"type":"FeatureCollection","features":[
{"type":"Feature","id":1,"properties":{"tên":"Hồ Tây"},"geometry":{"type":"Polygon","coordinates":[[[105.80,21.05],[105.83,21.08],[105.83,21.05],[105.80,21.08],[105.80,21.05]]]}},
{"type":"Feature","id":2,"properties":{"tên":"không có hình"},"geometry":null},
{"type":"Feature","id":3,"properties":{"tên":"Hồ Gươm"},"geometry":{"type":"Point","coordinates":[105.8523,21.0287]}}]})";

struct FormField {
  std::string name;
  std::string value;
  std::string filename;  // empty for a plain field
};

std::string multipart_body(const std::vector<FormField>& fields) {
  std::string body;
  for (const auto& field : fields) {
    body += fmt::format("--{}\r\nContent-Disposition: form-data; name=\"{}\"", kBoundary, field.name);
    if (!field.filename.empty()) body += fmt::format("; filename=\"{}\"", field.filename);
    body += "\r\n\r\n" + field.value + "\r\n";
  }
  body += fmt::format("--{}--\r\n", kBoundary);
  return body;
}

rapidjson::Document parse(const std::string& body) {
  rapidjson::Document document;
  document.Parse(body.c_str(), body.size());
  EXPECT_FALSE(document.HasParseError()) << body.substr(0, 400);
  return document;
}

const rapidjson::Value* at(const rapidjson::Value& root, const char* pointer) {
  return rapidjson::Pointer(pointer).Get(root);
}

std::string string_at(const rapidjson::Value& root, const char* pointer) {
  const auto* value = at(root, pointer);
  return value && value->IsString() ? value->GetString() : "<missing>";
}

std::int64_t int_at(const rapidjson::Value& root, const char* pointer) {
  const auto* value = at(root, pointer);
  return value && value->IsInt64() ? value->GetInt64() : -1;
}

class PublishApi : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = std::make_unique<bando::testing::TempDir>();
    std::filesystem::create_directory(dir_->path() / "uploads");
    const std::string store_path = dir_->file("store.sqlite");
    {
      data::SqliteStore store(store_path);
      store.with_writer([](data::SqliteConnection& db) {
        key_a_ = data::create_api_key(db, "Sở Xây dựng Hà Nội").token;
        key_b_ = data::create_api_key(db, "Sở Giao thông Vận tải").token;
        key_rate_ = data::create_api_key(db, "Sở Thử nghiệm").token;
      });
    }
    server_ = std::make_unique<ServerProcess>(
        BANDO_EXECUTABLE,
        std::vector<std::string>{"serve", "--port", "0", "--bind", "127.0.0.1", "--store", store_path, "--bundled",
                                 BANDO_BUNDLED_DIR, "--web-root", BANDO_WEB_ROOT, "--write-burst",
                                 std::to_string(kWriteBurst), "--writes-per-minute", "1", "--max-upload-bytes",
                                 std::to_string(kMaxUpload), "--upload-dir", dir_->file("uploads")});
    const auto port = server_->wait_for_port("listening on http://127.0.0.1:", 120s);
    ASSERT_TRUE(port.has_value()) << server_->log();
    client_ = std::make_unique<HttpClient>(static_cast<unsigned short>(*port));
  }

  static void TearDownTestSuite() {
    client_.reset();
    if (server_) server_->stop(SIGTERM, 10s);
    server_.reset();
    dir_.reset();
  }

  void SetUp() override { ASSERT_NE(client_, nullptr) << "the server did not start"; }

  static Response send(http::verb method, const std::string& target, const std::string& key,
                       const std::vector<FormField>& fields = {}) {
    Request request{method, target, 11};
    if (!key.empty()) request.set(http::field::authorization, "Bearer " + key);
    if (!fields.empty()) {
      request.set(http::field::content_type, fmt::format("multipart/form-data; boundary={}", kBoundary));
      request.body() = multipart_body(fields);
    }
    request.set(http::field::accept_language, "en");
    return client_->exchange(std::move(request)).response;
  }

  static Response create(const std::string& id, const std::string& key, const std::string& title = "Hồ Hà Nội") {
    return send(http::verb::post, "/datasets", key,
                {{"id", id, ""},
                 {"title", title, ""},
                 {"description", "Các hồ trong nội thành", ""},
                 {"license", "CC-BY-4.0", ""},
                 {"keyword", "thủy văn", ""},
                 {"file", kMixedGeoJson, "hồ.geojson"}});
  }

  static Response get(const std::string& target) { return client_->get(target); }

  static inline std::unique_ptr<bando::testing::TempDir> dir_;
  static inline std::unique_ptr<ServerProcess> server_;
  static inline std::unique_ptr<HttpClient> client_;
  static inline std::string key_a_, key_b_, key_rate_;
};

TEST_F(PublishApi, WriteWithoutKeyIs401) {
  const Response response = create("no_key", "");
  EXPECT_EQ(response.result_int(), 401);
  EXPECT_NE(response.body().find("Authorization: Bearer"), std::string::npos) << response.body();
}

TEST_F(PublishApi, WriteWithUnknownKeyIs401) {
  const std::string forged = key_a_.substr(0, key_a_.size() - 4) + "0000";
  EXPECT_EQ(create("forged", forged).result_int(), 401);
  EXPECT_EQ(create("garbage", "not-a-key").result_int(), 401);
}

TEST_F(PublishApi, PostReturnsPerFeatureReport) {
  const Response response = create("ho_post", key_a_);
  ASSERT_EQ(response.result_int(), 201) << response.body();
  const auto document = parse(response.body());
  EXPECT_EQ(int_at(document, "/report/read"), 3);
  EXPECT_EQ(int_at(document, "/report/written"), 3);
  EXPECT_EQ(int_at(document, "/report/repaired"), 1);
  EXPECT_EQ(string_at(document, "/report/repairs/0/featureId"), "1");
  EXPECT_EQ(int_at(document, "/report/rejected"), 0);
  EXPECT_EQ(string_at(document, "/dataset/publisher"), "Sở Xây dựng Hà Nội");
  EXPECT_EQ(int_at(document, "/dataset/version"), 1);
  EXPECT_NE(response[http::field::location].find("/datasets/ho_post"), std::string::npos);
}

TEST_F(PublishApi, UnreadableUploadNamesFileNotServerPath) {
  const Response response =
      send(http::verb::post, "/datasets", key_a_, {{"id", "junk", ""}, {"file", "not geodata\n", "junk.txt"}});
  EXPECT_EQ(response.result_int(), 400) << response.body();
  EXPECT_NE(response.body().find("'junk.txt'"), std::string::npos) << response.body();
  EXPECT_EQ(response.body().find("bando-upload"), std::string::npos) << response.body();
  EXPECT_EQ(response.body().find(dir_->path().string()), std::string::npos) << response.body();
}

TEST_F(PublishApi, UploadFolderEmptyAfterPublish) {
  ASSERT_EQ(create("ho_upload", key_a_).result_int(), 201);
  EXPECT_TRUE(std::filesystem::is_empty(dir_->path() / "uploads"));
}

TEST_F(PublishApi, PostExistingIdIs409) {
  ASSERT_EQ(create("ho_twice", key_a_).result_int(), 201);
  const Response response = create("ho_twice", key_a_);
  EXPECT_EQ(response.result_int(), 409);
  EXPECT_NE(response.body().find("PUT /datasets/ho_twice"), std::string::npos) << response.body();
}

TEST_F(PublishApi, PutByOtherPublisherIs403) {
  ASSERT_EQ(create("ho_owned", key_a_).result_int(), 201);
  const Response response = send(http::verb::put, "/datasets/ho_owned", key_b_, {{"file", kMixedGeoJson, "x.geojson"}});
  EXPECT_EQ(response.result_int(), 403);
  EXPECT_NE(response.body().find("Sở Xây dựng Hà Nội"), std::string::npos) << response.body();
}

TEST_F(PublishApi, PutPublishesNewVersion) {
  ASSERT_EQ(create("ho_put", key_a_).result_int(), 201);
  const Response response =
      send(http::verb::put, "/datasets/ho_put", key_a_, {{"title", "Hồ (2026)", ""}, {"file", kMixedGeoJson, "x.geojson"}});
  ASSERT_EQ(response.result_int(), 200) << response.body();
  EXPECT_EQ(int_at(parse(response.body()), "/dataset/version"), 2);
  const auto document = parse(get("/datasets/ho_put").body());
  EXPECT_EQ(string_at(document, "/title"), "Hồ (2026)");
  EXPECT_EQ(string_at(document, "/description"), "Các hồ trong nội thành");
  EXPECT_EQ(int_at(document, "/versions/0/version"), 2);
  EXPECT_EQ(int_at(document, "/versions/1/version"), 1);
  EXPECT_EQ(int_at(document, "/featureCount"), 3);
}

// Feature 1 has a date and feature 2 a date-time, which GDAL reads as one date-time column.
constexpr const char* kDatedGeoJson = R"({"type":"FeatureCollection","features":[
{"type":"Feature","properties":{"ngày":"2025-07-01"},"geometry":{"type":"Point","coordinates":[105.85,21.03]}},
{"type":"Feature","properties":{"ngày":"2025-07-02T09:00:00+07:00"},"geometry":{"type":"Point","coordinates":[105.86,21.04]}}]})";

TEST_F(PublishApi, TemporalFormField) {
  const Response created = send(http::verb::post, "/datasets", key_b_,
                                {{"id", "dated", ""}, {"temporal", "ngày", ""}, {"file", kDatedGeoJson, "d.geojson"}});
  ASSERT_EQ(created.result_int(), 201) << created.body();
  EXPECT_EQ(string_at(parse(created.body()), "/dataset/temporalProperty"), "ngày");
  EXPECT_EQ(at(parse(created.body()), "/report/unparsedTimes/0"), nullptr) << created.body();
  const auto day = parse(get("/collections/dated/items?datetime=2025-07-02").body());
  EXPECT_EQ(int_at(day, "/numberMatched"), 1);
  EXPECT_EQ(int_at(day, "/features/0/id"), 2);
  const auto first_day = parse(get("/collections/dated/items?datetime=2025-07-01T12:00:00Z").body());
  EXPECT_EQ(int_at(first_day, "/numberMatched"), 1);
  EXPECT_EQ(int_at(first_day, "/features/0/id"), 1);

  const Response unknown = send(http::verb::put, "/datasets/dated", key_b_,
                                {{"temporal", "giờ", ""}, {"file", kDatedGeoJson, "d.geojson"}});
  EXPECT_EQ(unknown.result_int(), 400);
  EXPECT_NE(unknown.body().find("'giờ'"), std::string::npos) << unknown.body();

  const Response cleared =
      send(http::verb::put, "/datasets/dated", key_b_, {{"temporal", "", ""}, {"file", kDatedGeoJson, "d.geojson"}});
  ASSERT_EQ(cleared.result_int(), 200) << cleared.body();
  EXPECT_EQ(get("/collections/dated/items?datetime=2025-07-02").result_int(), 400);
}

TEST_F(PublishApi, PutDuringPagingKeepsVersion) {
  ASSERT_EQ(create("ho_paging", key_a_).result_int(), 201);
  const auto first = parse(get("/collections/ho_paging/items?limit=1").body());
  std::string next;
  const auto* links = at(first, "/links");
  ASSERT_NE(links, nullptr);
  for (const auto& link : links->GetArray()) {
    if (std::string(link["rel"].GetString()) == "next") next = link["href"].GetString();
  }
  ASSERT_FALSE(next.empty()) << "no next link";
  const std::string one_point = R"({"type":"FeatureCollection","features":[
{"type":"Feature","properties":{"tên":"mới"},"geometry":{"type":"Point","coordinates":[106,21]}}]})";
  ASSERT_EQ(send(http::verb::put, "/datasets/ho_paging", key_a_, {{"file", one_point, "new.geojson"}}).result_int(), 200);

  const std::string target = next.substr(next.find("/collections/"));
  const auto second = parse(get(target).body());
  EXPECT_EQ(int_at(second, "/numberMatched"), 3);
  EXPECT_EQ(string_at(second, "/features/0/properties/tên"), "không có hình");
  const auto current = parse(get("/collections/ho_paging/items").body());
  EXPECT_EQ(int_at(current, "/numberMatched"), 1);
}

TEST_F(PublishApi, DeleteByOwnerOnly) {
  ASSERT_EQ(create("ho_delete", key_a_).result_int(), 201);
  EXPECT_EQ(send(http::verb::delete_, "/datasets/ho_delete", key_b_).result_int(), 403);
  EXPECT_EQ(send(http::verb::delete_, "/datasets/ho_delete", key_a_).result_int(), 204);
  EXPECT_EQ(get("/datasets/ho_delete").result_int(), 404);
  EXPECT_EQ(get("/collections/ho_delete").result_int(), 404);
}

TEST_F(PublishApi, UploadOverLimitIs413) {
  const std::string big(kMaxUpload + 1000, ' ');
  const Response response = create("too_big", key_a_, big);
  EXPECT_EQ(response.result_int(), 413);
}

TEST_F(PublishApi, UploadOverRequestLimitAllowedOnDatasets) {
  // 1.5 MB is over the 1 MiB limit of other requests but under the upload limit.
  const std::string padding(1'500'000, ' ');
  const Response response = create("ho_large", key_a_, "Hồ" + padding);
  EXPECT_EQ(response.result_int(), 201) << response.body().substr(0, 300);
}

TEST_F(PublishApi, RateLimitIs429WithRetryAfter) {
  for (int i = 0; i < kWriteBurst; ++i) {
    ASSERT_EQ(send(http::verb::delete_, "/datasets/missing", key_rate_).result_int(), 404) << "request " << i;
  }
  const Response response = send(http::verb::delete_, "/datasets/missing", key_rate_);
  EXPECT_EQ(response.result_int(), 429);
  const int retry_after = std::atoi(std::string(response[http::field::retry_after]).c_str());
  EXPECT_GE(retry_after, 1);
  EXPECT_LE(retry_after, 60);
}

TEST_F(PublishApi, CatalogSearchIgnoresDiacritics) {
  ASSERT_EQ(create("ho_search", key_a_, "Hồ Hoàn Kiếm").result_int(), 201);
  const auto document = parse(get("/datasets?q=hoan%20kiem").body());
  EXPECT_EQ(int_at(document, "/numberMatched"), 1);
  EXPECT_EQ(string_at(document, "/datasets/0/id"), "ho_search");
}

TEST_F(PublishApi, CatalogFiltersAndPaging) {
  ASSERT_EQ(create("ho_filter", key_a_).result_int(), 201);
  const auto by_publisher = parse(get("/datasets?publisher=so%20xay%20dung%20ha%20noi&limit=1").body());
  EXPECT_GE(int_at(by_publisher, "/numberMatched"), 1);
  EXPECT_EQ(int_at(by_publisher, "/numberReturned"), 1);
  const auto by_bbox = parse(get("/datasets?keyword=th%E1%BB%A7y%20v%C4%83n&bbox=105.84,21.02,105.86,21.03").body());
  EXPECT_GE(int_at(by_bbox, "/numberMatched"), 1);
  const auto far_away = parse(get("/datasets?keyword=thuy%20van&bbox=100,10,100.1,10.1").body());
  EXPECT_EQ(int_at(far_away, "/numberMatched"), 0);
  EXPECT_EQ(get("/datasets?limit=0").result_int(), 400);
}

TEST_F(PublishApi, CkanPackageListAndShow) {
  ASSERT_EQ(create("ho_ckan", key_a_).result_int(), 201);
  const auto list = parse(get("/api/3/action/package_list").body());
  ASSERT_NE(at(list, "/success"), nullptr);
  ASSERT_TRUE(at(list, "/success")->IsBool());
  EXPECT_TRUE(at(list, "/success")->GetBool());
  ASSERT_NE(at(list, "/result"), nullptr);
  ASSERT_TRUE(at(list, "/result")->IsArray());
  const auto show = parse(get("/api/3/action/package_show?id=ho_ckan").body());
  EXPECT_EQ(string_at(show, "/result/name"), "ho_ckan");
  EXPECT_EQ(string_at(show, "/result/organization/title"), "Sở Xây dựng Hà Nội");
  EXPECT_EQ(string_at(show, "/result/organization/name"), "so-xay-dung-ha-noi");
  EXPECT_EQ(string_at(show, "/result/tags/0/name"), "thủy văn");
  EXPECT_EQ(string_at(show, "/result/resources/0/format"), "GeoJSON");
  EXPECT_EQ(string_at(show, "/result/extras/0/key"), "spatial");
  EXPECT_EQ(get("/api/3/action/package_show?id=nothing").result_int(), 404);
}

TEST_F(PublishApi, CkanPackageSearch) {
  ASSERT_EQ(create("ho_ckan_search", key_a_, "Hồ Trúc Bạch").result_int(), 201);
  const auto found = parse(get("/api/3/action/package_search?q=truc%20bach").body());
  EXPECT_EQ(int_at(found, "/result/count"), 1);
  EXPECT_EQ(string_at(found, "/result/results/0/name"), "ho_ckan_search");
  const auto filtered = parse(get("/api/3/action/package_search?fq=organization:so-xay-dung-ha-noi&rows=1&start=0").body());
  EXPECT_GE(int_at(filtered, "/result/count"), 1);
  ASSERT_NE(at(filtered, "/result/results"), nullptr);
  ASSERT_TRUE(at(filtered, "/result/results")->IsArray());
  EXPECT_EQ(at(filtered, "/result/results")->Size(), 1u);
  EXPECT_EQ(get("/api/3/action/package_search?fq=groups:x").result_int(), 400);
}

TEST_F(PublishApi, DcatDatasetAndCatalog) {
  ASSERT_EQ(create("ho_dcat", key_a_).result_int(), 201);
  const Response dataset = get("/datasets/ho_dcat.jsonld");
  EXPECT_EQ(dataset[http::field::content_type], "application/ld+json");
  const auto document = parse(dataset.body());
  EXPECT_EQ(string_at(document, "/@type"), "dcat:Dataset");
  EXPECT_EQ(string_at(document, "/dct:publisher/foaf:name"), "Sở Xây dựng Hà Nội");
  EXPECT_EQ(string_at(document, "/dcat:distribution/0/dcat:mediaType"), "application/geo+json");
  const auto catalog = parse(get("/catalog.jsonld").body());
  EXPECT_EQ(string_at(catalog, "/@type"), "dcat:Catalog");
  ASSERT_NE(at(catalog, "/dcat:dataset"), nullptr);
  ASSERT_TRUE(at(catalog, "/dcat:dataset")->IsArray());
  EXPECT_GE(at(catalog, "/dcat:dataset")->Size(), 1u);
}


bool has_link(const rapidjson::Value& document, const std::string& href_suffix, const std::string& type) {
  const auto* links = at(document, "/links");
  if (links == nullptr || !links->IsArray()) return false;
  for (const auto& link : links->GetArray()) {
    const std::string href = link["href"].GetString();
    if (href.ends_with(href_suffix) && type == link["type"].GetString()) return true;
  }
  return false;
}

TEST_F(PublishApi, DatasetLinksDownloads) {
  ASSERT_EQ(create("ho_links", key_a_).result_int(), 201);
  const auto document = parse(get("/datasets/ho_links").body());
  EXPECT_TRUE(has_link(document, "/datasets/ho_links.gpkg", "application/geopackage+sqlite3"));
  EXPECT_TRUE(has_link(document, "/datasets/ho_links.geojson", "application/geo+json"));
  EXPECT_EQ(string_at(document, "/sourceCrs"), "EPSG:4326");
  EXPECT_EQ(int_at(document, "/versions/0/featureCount"), 3);
}

TEST_F(PublishApi, GeoPackageDownloadOpensInGdal) {
  ASSERT_EQ(create("ho_gpkg", key_a_).result_int(), 201);
  const Response response = get("/datasets/ho_gpkg.gpkg");
  ASSERT_EQ(response.result_int(), 200) << response.body().substr(0, 300);
  EXPECT_EQ(response[http::field::content_type], "application/geopackage+sqlite3");
  EXPECT_NE(response[http::field::content_disposition].find("ho_gpkg.gpkg"), std::string::npos);
  bando::testing::TempDir dir;
  const std::string path = dir.file("download.gpkg");
  bando::testing::write_text(path, response.body());

  GDALAllRegister();
  GDALDatasetUniquePtr dataset(GDALDataset::Open(path.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY));
  ASSERT_NE(dataset, nullptr);
  ASSERT_EQ(dataset->GetLayerCount(), 1);
  OGRLayer* layer = dataset->GetLayer(0);
  EXPECT_STREQ(layer->GetName(), "ho_gpkg");
  EXPECT_EQ(layer->GetFeatureCount(), 3);
  ASSERT_NE(layer->GetSpatialRef(), nullptr);
  EXPECT_STREQ(layer->GetSpatialRef()->GetAuthorityCode(nullptr), "4326");
  OGRFeatureUniquePtr lake(layer->GetFeature(3));
  ASSERT_NE(lake, nullptr);
  EXPECT_STREQ(lake->GetFieldAsString("tên"), "Hồ Gươm");
  const auto* point = lake->GetGeometryRef()->toPoint();
  EXPECT_NEAR(point->getX(), 105.8523, 1e-7);
  EXPECT_NEAR(point->getY(), 21.0287, 1e-7);
  OGRFeatureUniquePtr without_geometry(layer->GetFeature(2));
  ASSERT_NE(without_geometry, nullptr);
  EXPECT_EQ(without_geometry->GetGeometryRef(), nullptr);
  EXPECT_STREQ(without_geometry->GetFieldAsString("tên"), "không có hình");
}

TEST_F(PublishApi, GeoJsonDownloadHasEveryFeature) {
  ASSERT_EQ(create("ho_geojson", key_a_).result_int(), 201);
  const Response response = get("/datasets/ho_geojson.geojson");
  ASSERT_EQ(response.result_int(), 200) << response.body().substr(0, 300);
  EXPECT_EQ(response[http::field::content_type], "application/geo+json");
  const auto document = parse(response.body());
  ASSERT_NE(at(document, "/features"), nullptr);
  ASSERT_TRUE(at(document, "/features")->IsArray());
  EXPECT_EQ(at(document, "/features")->Size(), 3u);
  EXPECT_EQ(string_at(document, "/features/2/properties/tên"), "Hồ Gươm");
  EXPECT_EQ(get("/datasets/nothing.gpkg").result_int(), 404);
}

TEST_F(PublishApi, GeoPackageEveryLayerOverHttp) {
  bando::testing::TempDir dir;
  const std::string gpkg = dir.file("gt.gpkg");
  bando::testing::write_two_layer_geopackage(gpkg);
  const std::string bytes = bando::testing::read_text(gpkg);
  const Response response = send(http::verb::post, "/datasets", key_a_, {{"id", "gt_http", ""}, {"file", bytes, "gt.gpkg"}});
  ASSERT_EQ(response.result_int(), 201) << response.body().substr(0, 400);
  const auto document = parse(response.body());
  EXPECT_EQ(string_at(document, "/published/0/dataset/id"), "gt_http_points");
  EXPECT_EQ(int_at(document, "/published/0/report/written"), 2);
  EXPECT_EQ(string_at(document, "/published/1/dataset/id"), "gt_http_duong_bo");
  EXPECT_EQ(get("/collections/gt_http_duong_bo").result_int(), 200);
  EXPECT_EQ(get("/datasets/gt_http").result_int(), 404);

  // A second POST of the same file conflicts on the derived ids.
  EXPECT_EQ(send(http::verb::post, "/datasets", key_a_, {{"id", "gt_http", ""}, {"file", bytes, "gt.gpkg"}})
                .result_int(),
            409);
  // PUT replaces one dataset, so it needs the layer when the file has several.
  const Response ambiguous = send(http::verb::put, "/datasets/gt_http_points", key_a_, {{"file", bytes, "gt.gpkg"}});
  EXPECT_EQ(ambiguous.result_int(), 400);
  EXPECT_NE(ambiguous.body().find("'layer'"), std::string::npos) << ambiguous.body();
  const Response chosen = send(http::verb::put, "/datasets/gt_http_points", key_a_,
                               {{"layer", "points", ""}, {"file", bytes, "gt.gpkg"}});
  ASSERT_EQ(chosen.result_int(), 200) << chosen.body().substr(0, 400);
  EXPECT_EQ(int_at(parse(chosen.body()), "/dataset/version"), 2);
}

TEST_F(PublishApi, GeoPackageChosenLayerOverHttp) {
  bando::testing::TempDir dir;
  const std::string gpkg = dir.file("gt.gpkg");
  bando::testing::write_two_layer_geopackage(gpkg);
  const Response response = send(http::verb::post, "/datasets", key_a_,
                                 {{"id", "gt_roads", ""}, {"layer", "Đường bộ", ""},
                                  {"file", bando::testing::read_text(gpkg), "gt.gpkg"}});
  ASSERT_EQ(response.result_int(), 201) << response.body().substr(0, 400);
  const auto document = parse(response.body());
  EXPECT_EQ(string_at(document, "/dataset/id"), "gt_roads");
  EXPECT_EQ(string_at(document, "/dataset/geometryType"), "LineString");
}

TEST_F(PublishApi, ZippedShapefileCp1258OverHttp) {
  bando::testing::TempDir dir;
  const std::string zip = dir.file("xa.zip");
  bando::testing::write_cp1258_shapefile_zip(dir.path().string(), zip);
  const Response response = send(http::verb::post, "/datasets", key_a_,
                                 {{"id", "xa_zip", ""}, {"file", bando::testing::read_text(zip), "xã.zip"}});
  ASSERT_EQ(response.result_int(), 201) << response.body().substr(0, 400);
  EXPECT_EQ(int_at(parse(response.body()), "/report/written"), 2);
  EXPECT_EQ(string_at(parse(response.body()), "/dataset/sourceCrs"), "EPSG:4326");
  const auto items = parse(get("/collections/xa_zip/items").body());
  EXPECT_EQ(string_at(items, "/features/0/properties/name"), "Hà Nội");
  EXPECT_EQ(string_at(items, "/features/1/properties/name"), "Thừa Thiên Huế");
}

TEST_F(PublishApi, ConcurrentPostOneCreated) {
  bando::testing::TempDir dir;
  const std::string file = dir.file("points.geojson");
  bando::testing::write_point_geojson(file, 8000);
  const std::string bytes = bando::testing::read_text(file);
  std::vector<int> statuses(2, 0);
  std::vector<std::thread> clients;
  for (int i = 0; i < 2; ++i) {
    clients.emplace_back([&, i] {
      const HttpClient own(client_->port(), 120s);
      Request request{http::verb::post, "/datasets", 11};
      request.set(http::field::authorization, "Bearer " + key_a_);
      request.set(http::field::content_type, fmt::format("multipart/form-data; boundary={}", kBoundary));
      request.body() = multipart_body({{"id", "race", ""}, {"file", bytes, "race.geojson"}});
      statuses[static_cast<std::size_t>(i)] = own.exchange(std::move(request)).response.result_int();
    });
  }
  for (auto& client : clients) client.join();
  std::sort(statuses.begin(), statuses.end());
  EXPECT_EQ(statuses, (std::vector<int>{201, 409}));
  const auto document = parse(get("/datasets/race").body());
  EXPECT_EQ(int_at(document, "/version"), 1);
  EXPECT_EQ(int_at(document, "/featureCount"), 8000);
}

}  // namespace
}  // namespace bando::server::testing
