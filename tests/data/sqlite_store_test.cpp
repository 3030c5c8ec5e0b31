// Tests of SqliteStore on real SpatiaLite files: publishing, versions, queries and concurrency.

#include <atomic>
#include <cmath>
#include <regex>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include <fmt/format.h>
#include <gtest/gtest.h>

#include "data/sqlite_store.hpp"
#include "data_test_support.hpp"
#include "geo/tile_math.hpp"
#include "geo/wkb.hpp"

namespace bando::data {
namespace {

using testing::count_feature_tables;
using testing::geometry_from_wkt;
using testing::make_metadata;
using testing::query_count;
using testing::read_all;
using testing::TempDirectory;
using testing::thrown_kind;

// A point at a longitude/latitude, as EPSG:3857 WKT.
std::string mercator_point(double lon, double lat) {
  return fmt::format("POINT ({:.9f} {:.9f})", geo::lon_to_mercator_x(lon), geo::lat_to_mercator_y(lat));
}

std::int64_t add_wkt(PublishTransaction& publish, const std::string& wkt, const std::string& properties) {
  const auto geometry = geometry_from_wkt(wkt);
  return publish.add_feature(geometry.wkb, geometry.bounds, properties);
}

// Publishes `count` points with properties {"n": i} for i = 1..count.
DatasetInfo publish_points(Store& store, const std::string& id, int count, int first_value = 1) {
  auto publish = store.begin_publish(make_metadata(id));
  for (int i = 0; i < count; ++i) {
    const int value = first_value + i;
    add_wkt(*publish, fmt::format("POINT ({} {})", value * 1000, value * 500), fmt::format(R"({{"n":{}}})", value));
  }
  return publish->commit({{"n", FieldType::integer}}, "Point", "EPSG:3857");
}

std::vector<std::int64_t> ids_of(const std::vector<testing::StoredFeature>& features) {
  std::vector<std::int64_t> ids;
  for (const auto& feature : features) ids.push_back(feature.id);
  return ids;
}

TEST(SqliteStore, PublishThenReadCatalogRow) {
  TempDirectory directory;
  const std::string path = directory.file("store.sqlite");
  DatasetMetadata metadata = make_metadata("hospitals");
  metadata.title = "Bệnh viện Hà Nội";
  metadata.description = "Bệnh viện theo OpenStreetMap";
  metadata.publisher = "© OpenStreetMap contributors";
  metadata.license = "ODbL-1.0";
  metadata.keywords = {"y tế", "bệnh viện"};
  metadata.min_zoom = 4;
  metadata.max_zoom = 14;
  const std::vector<Field> fields = {{"name", FieldType::string},
                                     {"beds", FieldType::integer},
                                     {"rating", FieldType::real},
                                     {"public", FieldType::boolean}};
  {
    SqliteStore store(path);
    auto publish = store.begin_publish(metadata);
    add_wkt(*publish, mercator_point(105.8, 21.0), R"({"name":"A","beds":10,"rating":4.5,"public":true})");
    add_wkt(*publish, mercator_point(106.7, 10.8), R"({"name":"B","beds":20,"rating":3.0,"public":false})");
    add_wkt(*publish, mercator_point(106.0, 16.0), R"({"name":"C","beds":30,"rating":2.5,"public":true})");
    const DatasetInfo committed = publish->commit(fields, "Point", "EPSG:4326");
    EXPECT_EQ(committed.version, 1);
    EXPECT_EQ(committed.feature_count, 3);
  }

  // A new store object on the same file reads what the first one wrote.
  SqliteStore store(path);
  const std::optional<DatasetInfo> info = store.find_dataset("hospitals");
  ASSERT_TRUE(info.has_value());
  EXPECT_EQ(info->metadata.id, "hospitals");
  EXPECT_EQ(info->metadata.title, "Bệnh viện Hà Nội");
  EXPECT_EQ(info->metadata.description, "Bệnh viện theo OpenStreetMap");
  EXPECT_EQ(info->metadata.publisher, "© OpenStreetMap contributors");
  EXPECT_EQ(info->metadata.license, "ODbL-1.0");
  EXPECT_EQ(info->metadata.keywords, (std::vector<std::string>{"y tế", "bệnh viện"}));
  EXPECT_FALSE(info->metadata.is_basemap);
  EXPECT_EQ(info->metadata.min_zoom, 4);
  EXPECT_EQ(info->metadata.max_zoom, 14);
  EXPECT_EQ(info->version, 1);
  EXPECT_EQ(info->feature_count, 3);
  EXPECT_EQ(info->geometry_type, "Point");
  EXPECT_EQ(info->source_crs, "EPSG:4326");
  EXPECT_EQ(info->fields, fields);

  ASSERT_FALSE(info->extent_lonlat.empty());
  EXPECT_NEAR(info->extent_lonlat.min_x, 105.8, 1e-9);
  EXPECT_NEAR(info->extent_lonlat.max_x, 106.7, 1e-9);
  EXPECT_NEAR(info->extent_lonlat.min_y, 10.8, 1e-9);
  EXPECT_NEAR(info->extent_lonlat.max_y, 21.0, 1e-9);

  const std::regex rfc3339_utc(R"(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z)");
  EXPECT_TRUE(std::regex_match(info->updated, rfc3339_utc)) << info->updated;

  const std::vector<DatasetInfo> all = store.list_datasets();
  ASSERT_EQ(all.size(), 1u);
  EXPECT_EQ(all[0].metadata.id, "hospitals");
  EXPECT_EQ(query_count(path, "SELECT count(*) FROM dataset_versions WHERE dataset_id = 'hospitals'"), 1);
}

TEST(SqliteStore, ListDatasetsIsOrderedById) {
  TempDirectory directory;
  SqliteStore store(directory.file("store.sqlite"));
  publish_points(store, "zeta", 1);
  publish_points(store, "alpha", 1);
  publish_points(store, "mid", 1);

  const std::vector<DatasetInfo> all = store.list_datasets();
  ASSERT_EQ(all.size(), 3u);
  EXPECT_EQ(all[0].metadata.id, "alpha");
  EXPECT_EQ(all[1].metadata.id, "mid");
  EXPECT_EQ(all[2].metadata.id, "zeta");
}

TEST(SqliteStore, BeginPublishRejectsInvalidId) {
  TempDirectory directory;
  SqliteStore store(directory.file("store.sqlite"));
  EXPECT_EQ(thrown_kind([&] { store.begin_publish(make_metadata("bad id")); }), ErrorKind::invalid_argument);
  EXPECT_EQ(thrown_kind([&] { store.begin_publish(make_metadata("")); }), ErrorKind::invalid_argument);
  EXPECT_EQ(thrown_kind([&] { store.begin_publish(make_metadata(std::string(65, 'a'))); }),
            ErrorKind::invalid_argument);
  EXPECT_TRUE(store.list_datasets().empty());
}

TEST(SqliteStore, PublishIsInvisibleUntilCommit) {
  TempDirectory directory;
  const std::string path = directory.file("store.sqlite");
  {
    SqliteStore store(path);
    const std::int64_t tables_before = query_count(path, "SELECT count(*) FROM sqlite_master");
    {
      auto publish = store.begin_publish(make_metadata("draft"));
      add_wkt(*publish, "POINT (1 2)", R"({"n":1})");
      add_wkt(*publish, "POINT (3 4)", R"({"n":2})");
      // Other connections see nothing while the transaction is open.
      EXPECT_FALSE(store.find_dataset("draft").has_value());
      EXPECT_EQ(query_count(path, "SELECT count(*) FROM dataset_versions"), 0);
    }
    EXPECT_FALSE(store.find_dataset("draft").has_value());
    EXPECT_TRUE(store.list_datasets().empty());
    EXPECT_EQ(query_count(path, "SELECT count(*) FROM dataset_versions"), 0);
    EXPECT_EQ(count_feature_tables(path), 0);
    EXPECT_EQ(query_count(path, "SELECT count(*) FROM sqlite_master WHERE name LIKE '%features%'"), 0);
    EXPECT_EQ(query_count(path, "SELECT count(*) FROM geometry_columns"), 0);
    EXPECT_EQ(query_count(path, "SELECT count(*) FROM sqlite_master"), tables_before);
    EXPECT_EQ(thrown_kind([&] { read_all(store, "draft"); }), ErrorKind::not_found);

    // The writer is free again: a publish on the same store object succeeds.
    publish_points(store, "after_abort", 2);
    EXPECT_EQ(store.find_dataset("after_abort")->feature_count, 2);
  }

  SqliteStore reopened(path);
  EXPECT_FALSE(reopened.find_dataset("draft").has_value());
  ASSERT_TRUE(reopened.find_dataset("after_abort").has_value());
  const DatasetInfo draft = publish_points(reopened, "draft", 3);
  EXPECT_EQ(draft.version, 1);
  EXPECT_EQ(reopened.count_features("draft", {}), 3);
}

TEST(SqliteStore, RepublishCreatesVersionTwo) {
  TempDirectory directory;
  const std::string path = directory.file("store.sqlite");
  SqliteStore store(path);
  publish_points(store, "points", 3, 1);
  const DatasetInfo second = publish_points(store, "points", 2, 100);
  EXPECT_EQ(second.version, 2);

  const std::optional<DatasetInfo> info = store.find_dataset("points");
  ASSERT_TRUE(info.has_value());
  EXPECT_EQ(info->version, 2);
  EXPECT_EQ(info->feature_count, 2);
  EXPECT_EQ(store.list_datasets().size(), 1u);

  const auto current = read_all(store, "points");
  ASSERT_EQ(current.size(), 2u);
  EXPECT_EQ(current[0].properties_json, R"({"n":100})");
  EXPECT_EQ(current[1].properties_json, R"({"n":101})");
  EXPECT_EQ(store.count_features("points", {}), 2);

  // The previous version stays readable by number until it is pruned.
  FeatureQuery first_version;
  first_version.version = 1;
  const auto old = read_all(store, "points", first_version);
  ASSERT_EQ(old.size(), 3u);
  EXPECT_EQ(old[0].properties_json, R"({"n":1})");
  EXPECT_EQ(query_count(path, "SELECT count(*) FROM dataset_versions WHERE dataset_id = 'points'"), 2);
}

// Polls `store` until its catalog row of `id` has `version` (0: no row), for
// at most 2 s, and returns the version seen last.
std::int64_t wait_for_version(const SqliteStore& store, const std::string& id, std::int64_t version) {
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(2);
  while (true) {
    const std::optional<DatasetInfo> info = store.find_dataset(id);
    const std::int64_t seen = info ? info->version : 0;
    if (seen == version || std::chrono::steady_clock::now() > deadline) return seen;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
}

TEST(SqliteStore, CatalogSeesPublishFromOtherStore) {
  // Two stores on one file stand for the server and a `bando publish` process:
  // the first keeps its catalog in memory and must notice the other's commits.
  TempDirectory directory;
  const std::string path = directory.file("store.sqlite");
  SqliteStore server(path);
  SqliteStore publisher(path);
  EXPECT_FALSE(server.find_dataset("points").has_value());
  EXPECT_TRUE(server.list_datasets().empty());

  publish_points(publisher, "points", 3, 1);
  EXPECT_EQ(wait_for_version(server, "points", 1), 1);
  EXPECT_EQ(server.find_dataset("points")->feature_count, 3);

  publish_points(publisher, "points", 2, 100);
  EXPECT_EQ(wait_for_version(server, "points", 2), 2);
  EXPECT_EQ(server.find_dataset("points")->feature_count, 2);

  ASSERT_TRUE(publisher.delete_dataset("points"));
  EXPECT_EQ(wait_for_version(server, "points", 0), 0);
}

TEST(SqliteStore, CatalogSeesOwnPublishAtOnce) {
  TempDirectory directory;
  SqliteStore store(directory.file("store.sqlite"));
  EXPECT_FALSE(store.find_dataset("points").has_value());
  publish_points(store, "points", 3, 1);
  ASSERT_TRUE(store.find_dataset("points").has_value());
  EXPECT_EQ(store.find_dataset("points")->version, 1);
  publish_points(store, "points", 2, 100);
  EXPECT_EQ(store.find_dataset("points")->version, 2);
  store.rollback("points", 1);
  EXPECT_EQ(store.find_dataset("points")->version, 1);
  ASSERT_TRUE(store.delete_dataset("points"));
  EXPECT_FALSE(store.find_dataset("points").has_value());
}

TEST(SqliteStore, RepeatedQueryReusesStatementSafely) {
  // The statement cache hands back reset statements: a second identical query
  // with other bound values must not see the first one's bindings or rows.
  TempDirectory directory;
  SqliteStore store(directory.file("store.sqlite"));
  publish_points(store, "points", 10, 1);
  FeatureQuery first;
  first.limit = 3;
  first.offset = 0;
  FeatureQuery second = first;
  second.offset = 5;
  EXPECT_EQ(ids_of(read_all(store, "points", first)), (std::vector<std::int64_t>{1, 2, 3}));
  EXPECT_EQ(ids_of(read_all(store, "points", second)), (std::vector<std::int64_t>{6, 7, 8}));
  EXPECT_EQ(ids_of(read_all(store, "points", first)), (std::vector<std::int64_t>{1, 2, 3}));
}

TEST(SqliteStore, PublishPrunesOldVersions) {
  TempDirectory directory;
  const std::string path = directory.file("store.sqlite");
  SqliteStore store(path);
  const int publishes = SqliteStore::kVersionsKept + 2;
  for (int i = 1; i <= publishes; ++i) publish_points(store, "points", i, i * 10);
  publish_points(store, "neighbour", 1);

  EXPECT_EQ(store.find_dataset("points")->version, publishes);
  EXPECT_EQ(query_count(path, "SELECT count(*) FROM dataset_versions WHERE dataset_id = 'points'"),
            SqliteStore::kVersionsKept);
  EXPECT_EQ(query_count(path, "SELECT min(version) FROM dataset_versions WHERE dataset_id = 'points'"),
            publishes - SqliteStore::kVersionsKept + 1);
  // The kept versions of "points" plus the one of "neighbour".
  EXPECT_EQ(count_feature_tables(path), SqliteStore::kVersionsKept + 1);
  EXPECT_EQ(query_count(path, "SELECT count(*) FROM geometry_columns"), SqliteStore::kVersionsKept + 1);
  // Version 1 went with its table, triggers and R*Tree index.
  EXPECT_EQ(query_count(path, "SELECT count(*) FROM sqlite_master WHERE tbl_name = 'features_1'"), 0);
  EXPECT_EQ(query_count(path, "SELECT count(*) FROM sqlite_master WHERE name LIKE 'idx\\_features\\_1\\_geom%' ESCAPE '\\'"),
            0);

  FeatureQuery pruned;
  pruned.version = 1;
  EXPECT_EQ(thrown_kind([&] { read_all(store, "points", pruned); }), ErrorKind::not_found);
  FeatureQuery oldest_kept;
  oldest_kept.version = publishes - SqliteStore::kVersionsKept + 1;
  EXPECT_EQ(store.count_features("points", oldest_kept), oldest_kept.version);
  EXPECT_EQ(store.count_features("points", {}), publishes);
  EXPECT_EQ(store.count_features("neighbour", {}), 1);
}

// Three features around a bbox of (80, 0) to (100, 20): a diagonal line whose
// envelope covers the bbox but which passes above it, a point inside and a
// point far away.
class SqliteStoreBbox : public ::testing::Test {
 protected:
  void SetUp() override {
    store_ = std::make_unique<SqliteStore>(directory_.file("store.sqlite"));
    auto publish = store_->begin_publish(make_metadata("shapes"));
    add_wkt(*publish, "LINESTRING (0 0, 100 100)", R"({"name":"diagonal"})");
    add_wkt(*publish, "POINT (90 10)", R"({"name":"inside"})");
    add_wkt(*publish, "POINT (500 500)", R"({"name":"far"})");
    publish->commit({{"name", FieldType::string}}, "Mixed", "EPSG:3857");
  }

  static FeatureQuery bbox_query(bool envelope_only) {
    FeatureQuery query;
    query.bbox_mercator = geo::Box{80, 0, 100, 20};
    query.bbox_envelope_only = envelope_only;
    return query;
  }

  TempDirectory directory_;
  std::unique_ptr<SqliteStore> store_;
};

TEST_F(SqliteStoreBbox, ExactIntersectsSkipsEnvelopeOnlyMatch) {
  const auto features = read_all(*store_, "shapes", bbox_query(false));
  EXPECT_EQ(ids_of(features), (std::vector<std::int64_t>{2}));
  EXPECT_EQ(store_->count_features("shapes", bbox_query(false)), 1);
}

TEST_F(SqliteStoreBbox, EnvelopeOnlyKeepsEnvelopeMatch) {
  const auto features = read_all(*store_, "shapes", bbox_query(true));
  EXPECT_EQ(ids_of(features), (std::vector<std::int64_t>{1, 2}));
  EXPECT_EQ(store_->count_features("shapes", bbox_query(true)), 2);
}

TEST_F(SqliteStoreBbox, BboxTouchingPointAtCornerMatches) {
  FeatureQuery query;
  query.bbox_mercator = geo::Box{500, 500, 600, 600};
  EXPECT_EQ(ids_of(read_all(*store_, "shapes", query)), (std::vector<std::int64_t>{3}));
}

TEST_F(SqliteStoreBbox, BboxOutsideEverythingIsEmpty) {
  FeatureQuery query;
  query.bbox_mercator = geo::Box{-1000, -1000, -900, -900};
  EXPECT_TRUE(read_all(*store_, "shapes", query).empty());
  EXPECT_EQ(store_->count_features("shapes", query), 0);
}

TEST(SqliteStore, PagingVisitsEveryIdOnce) {
  TempDirectory directory;
  SqliteStore store(directory.file("store.sqlite"));
  constexpr int kFeatures = 25;
  constexpr int kPageSize = 7;
  publish_points(store, "points", kFeatures);

  std::vector<std::int64_t> visited;
  int pages = 0;
  for (std::int64_t offset = 0;; offset += kPageSize) {
    FeatureQuery query;
    query.limit = kPageSize;
    query.offset = offset;
    const auto page = read_all(store, "points", query);
    EXPECT_LE(page.size(), static_cast<std::size_t>(kPageSize));
    EXPECT_EQ(store.count_features("points", query), kFeatures);
    if (page.empty()) break;
    ++pages;
    for (const auto& feature : page) visited.push_back(feature.id);
  }

  EXPECT_EQ(pages, (kFeatures + kPageSize - 1) / kPageSize);
  ASSERT_EQ(visited.size(), static_cast<std::size_t>(kFeatures));
  for (int i = 0; i < kFeatures; ++i) EXPECT_EQ(visited[static_cast<std::size_t>(i)], i + 1);
}

TEST(SqliteStore, PagingWithBboxCountsAllMatches) {
  TempDirectory directory;
  SqliteStore store(directory.file("store.sqlite"));
  // Points at x = 1000 * n for n = 1..20; the bbox keeps n = 5..14.
  publish_points(store, "points", 20);
  FeatureQuery query;
  query.bbox_mercator = geo::Box{4500, 0, 14500, 20000};
  query.limit = 4;
  query.offset = 8;

  EXPECT_EQ(store.count_features("points", query), 10);
  EXPECT_EQ(ids_of(read_all(store, "points", query)), (std::vector<std::int64_t>{13, 14}));
}

TEST(SqliteStore, VisitFeatureFindsExistingId) {
  TempDirectory directory;
  SqliteStore store(directory.file("store.sqlite"));
  publish_points(store, "points", 5);

  int calls = 0;
  std::string properties;
  geo::Geometry geometry;
  const bool found = store.visit_feature("points", 3, [&](const FeatureRecord& record) {
    ++calls;
    EXPECT_EQ(record.id, 3);
    properties = std::string(record.properties_json);
    geometry = geo::decode_wkb(record.wkb);
  });
  EXPECT_TRUE(found);
  EXPECT_EQ(calls, 1);
  EXPECT_EQ(properties, R"({"n":3})");
  EXPECT_EQ(geometry.type, geo::GeometryType::point);
  ASSERT_EQ(geometry.points.size(), 1u);
  EXPECT_DOUBLE_EQ(geometry.points[0].x, 3000);
  EXPECT_DOUBLE_EQ(geometry.points[0].y, 1500);
}

TEST(SqliteStore, VisitFeatureMissingIdReturnsFalse) {
  TempDirectory directory;
  SqliteStore store(directory.file("store.sqlite"));
  publish_points(store, "points", 5);

  int calls = 0;
  const auto count_call = [&](const FeatureRecord&) { ++calls; };
  EXPECT_FALSE(store.visit_feature("points", 6, count_call));
  EXPECT_FALSE(store.visit_feature("points", 0, count_call));
  EXPECT_FALSE(store.visit_feature("points", -1, count_call));
  EXPECT_EQ(calls, 0);
}

TEST(SqliteStore, UnknownDatasetIsNotFound) {
  TempDirectory directory;
  SqliteStore store(directory.file("store.sqlite"));
  publish_points(store, "points", 1);
  const auto ignore = [](const FeatureRecord&) {};

  std::string message;
  EXPECT_EQ(thrown_kind([&] { store.scan_features("missing", {}, ignore); }, &message), ErrorKind::not_found);
  EXPECT_NE(message.find("missing"), std::string::npos) << message;
  EXPECT_EQ(thrown_kind([&] { store.count_features("missing", {}); }), ErrorKind::not_found);
  EXPECT_EQ(thrown_kind([&] { store.visit_feature("missing", 1, ignore); }), ErrorKind::not_found);
  EXPECT_FALSE(store.find_dataset("missing").has_value());

  FeatureQuery future_version;
  future_version.version = 2;
  EXPECT_EQ(thrown_kind([&] { store.scan_features("points", future_version, ignore); }), ErrorKind::not_found);
}

TEST(SqliteStore, NullGeometryReadsBackAsEmptyWkb) {
  TempDirectory directory;
  SqliteStore store(directory.file("store.sqlite"));
  auto publish = store.begin_publish(make_metadata("mixed"));
  const std::int64_t null_id = publish->add_feature({}, geo::Box{}, R"({"name":"no geometry"})");
  const std::int64_t point_id = add_wkt(*publish, "POINT (10 20)", R"({"name":"point"})");
  publish->commit({{"name", FieldType::string}}, "Point", "EPSG:3857");
  EXPECT_EQ(null_id, 1);
  EXPECT_EQ(point_id, 2);

  const auto features = read_all(store, "mixed");
  ASSERT_EQ(features.size(), 2u);
  EXPECT_TRUE(features[0].wkb.empty());
  EXPECT_EQ(features[0].properties_json, R"({"name":"no geometry"})");
  EXPECT_FALSE(features[1].wkb.empty());

  bool visited = false;
  EXPECT_TRUE(store.visit_feature("mixed", null_id, [&](const FeatureRecord& record) {
    visited = true;
    EXPECT_TRUE(record.wkb.empty());
  }));
  EXPECT_TRUE(visited);

  // A bbox query never returns a feature without geometry.
  FeatureQuery everywhere;
  everywhere.bbox_mercator = geo::Box{-1e7, -1e7, 1e7, 1e7};
  EXPECT_EQ(ids_of(read_all(store, "mixed", everywhere)), (std::vector<std::int64_t>{point_id}));

  // The extent covers the point only.
  const DatasetInfo info = *store.find_dataset("mixed");
  EXPECT_NEAR(info.extent_lonlat.min_x, geo::mercator_x_to_lon(10), 1e-9);
  EXPECT_NEAR(info.extent_lonlat.max_y, geo::mercator_y_to_lat(20), 1e-9);
}

TEST(SqliteStore, OnlyNullGeometriesGiveEmptyExtent) {
  TempDirectory directory;
  SqliteStore store(directory.file("store.sqlite"));
  auto publish = store.begin_publish(make_metadata("table"));
  publish->add_feature({}, geo::Box{}, R"({"n":1})");
  publish->commit({{"n", FieldType::integer}}, "None", "EPSG:4326");

  const std::optional<DatasetInfo> info = store.find_dataset("table");
  ASSERT_TRUE(info.has_value());
  EXPECT_TRUE(info->extent_lonlat.empty());
  EXPECT_EQ(info->feature_count, 1);
}

TEST(SqliteStore, ReadersScanWhilePublishCommits) {
  TempDirectory directory;
  SqliteStore store(directory.file("store.sqlite"));
  constexpr int kBaseFeatures = 200;
  constexpr int kOtherFeatures = 2000;
  constexpr int kReaders = 3;
  publish_points(store, "base", kBaseFeatures);

  std::atomic<bool> stop{false};
  std::atomic<int> ready{0};
  std::vector<int> scans(kReaders, 0);
  std::vector<std::string> failures(kReaders);
  std::vector<std::set<std::int64_t>> other_counts_seen(kReaders);
  std::vector<std::thread> readers;
  for (int r = 0; r < kReaders; ++r) {
    readers.emplace_back([&, r] {
      ++ready;
      try {
        while (!stop.load() || scans[static_cast<std::size_t>(r)] < 3) {
          std::int64_t expected_id = 1;
          bool in_order = true;
          store.scan_features("base", {}, [&](const FeatureRecord& record) {
            in_order = in_order && record.id == expected_id;
            ++expected_id;
          });
          if (!in_order || expected_id != kBaseFeatures + 1) {
            failures[static_cast<std::size_t>(r)] = fmt::format("scan saw {} features", expected_id - 1);
            return;
          }
          // "other" is either absent or complete, never half-written.
          if (store.find_dataset("other")) {
            other_counts_seen[static_cast<std::size_t>(r)].insert(store.count_features("other", {}));
          } else {
            other_counts_seen[static_cast<std::size_t>(r)].insert(0);
          }
          ++scans[static_cast<std::size_t>(r)];
        }
      } catch (const std::exception& error) {
        failures[static_cast<std::size_t>(r)] = error.what();
      }
    });
  }
  while (ready.load() < kReaders) std::this_thread::yield();

  publish_points(store, "other", kOtherFeatures);
  stop = true;
  for (auto& reader : readers) reader.join();

  for (int r = 0; r < kReaders; ++r) {
    SCOPED_TRACE(r);
    const auto index = static_cast<std::size_t>(r);
    EXPECT_EQ(failures[index], "");
    EXPECT_GE(scans[index], 3);
    for (std::int64_t count : other_counts_seen[index]) {
      EXPECT_TRUE(count == 0 || count == kOtherFeatures) << count;
    }
  }
  EXPECT_EQ(store.count_features("other", {}), kOtherFeatures);
  EXPECT_EQ(store.count_features("base", {}), kBaseFeatures);
}

}  // namespace
}  // namespace bando::data
