// Versions of a dataset: keeping the last N, rollback, delete, and readers of an old version.

#include <gtest/gtest.h>

#include "data/ingest.hpp"
#include "data/sqlite_store.hpp"
#include "geo/error.hpp"
#include "publish_test_support.hpp"

namespace bando::data {
namespace {

using bando::testing::TempDir;

// Publishes `count` points as a new version of `id` and returns its version number.
std::int64_t publish_points(SqliteStore& store, const TempDir& dir, const std::string& id, int count) {
  const std::string path = dir.file(id + std::to_string(count) + ".geojson");
  bando::testing::write_point_geojson(path, count);
  DatasetMetadata metadata;
  metadata.id = id;
  metadata.title = "Điểm " + std::to_string(count);
  metadata.publisher = "Sở Xây dựng";
  IngestOptions options;
  options.path = path;
  return ingest_file(store, metadata, options).dataset.version;
}

TEST(Versions, KeepsConfiguredNumber) {
  TempDir dir;
  SqliteStore store(dir.file("store.sqlite"));
  store.set_versions_kept(2);
  for (int count = 1; count <= 4; ++count) publish_points(store, dir, "pts", count);
  const auto versions = store.list_versions("pts");
  ASSERT_EQ(versions.size(), 2u);
  EXPECT_EQ(versions[0].version, 4);
  EXPECT_TRUE(versions[0].current);
  EXPECT_EQ(versions[1].version, 3);
  EXPECT_FALSE(versions[1].current);
}

TEST(Versions, RollbackRestoresCountAndTitle) {
  TempDir dir;
  SqliteStore store(dir.file("store.sqlite"));
  publish_points(store, dir, "pts", 5);
  publish_points(store, dir, "pts", 8);
  const DatasetInfo restored = store.rollback("pts", 1);
  EXPECT_EQ(restored.version, 1);
  EXPECT_EQ(restored.feature_count, 5);
  EXPECT_EQ(restored.metadata.title, "Điểm 5");
  EXPECT_EQ(store.count_features("pts", FeatureQuery{}), 5);
  EXPECT_EQ(store.find_dataset("pts")->feature_count, 5);
}

TEST(Versions, PublishAfterRollbackKeepsCurrent) {
  TempDir dir;
  SqliteStore store(dir.file("store.sqlite"));
  store.set_versions_kept(2);
  publish_points(store, dir, "pts", 1);
  publish_points(store, dir, "pts", 2);
  publish_points(store, dir, "pts", 3);
  store.rollback("pts", 2);
  EXPECT_EQ(publish_points(store, dir, "pts", 4), 4);
  const auto versions = store.list_versions("pts");
  ASSERT_EQ(versions.size(), 2u);
  EXPECT_EQ(versions[0].version, 4);
  EXPECT_EQ(versions[1].version, 3);
}

TEST(Versions, RollbackToPrunedVersionFails) {
  TempDir dir;
  SqliteStore store(dir.file("store.sqlite"));
  store.set_versions_kept(1);
  publish_points(store, dir, "pts", 1);
  publish_points(store, dir, "pts", 2);
  try {
    store.rollback("pts", 1);
    FAIL() << "rollback to a pruned version succeeded";
  } catch (const Error& error) {
    EXPECT_EQ(error.kind(), ErrorKind::not_found);
    EXPECT_NE(std::string(error.what()).find("version 1"), std::string::npos) << error.what();
  }
}

TEST(Versions, OldVersionReadableWhileReplaced) {
  TempDir dir;
  SqliteStore store(dir.file("store.sqlite"));
  publish_points(store, dir, "pts", 30);
  // A reader pages version 1 while version 2 is published between its pages.
  FeatureQuery page;
  page.version = 1;
  page.limit = 10;
  std::vector<std::int64_t> ids;
  store.scan_features("pts", page, [&](const FeatureRecord& record) { ids.push_back(record.id); });
  publish_points(store, dir, "pts", 7);
  page.offset = 10;
  page.limit = 100;
  store.scan_features("pts", page, [&](const FeatureRecord& record) { ids.push_back(record.id); });
  EXPECT_EQ(ids.size(), 30u);
  EXPECT_EQ(store.count_features("pts", FeatureQuery{}), 7);
}

TEST(Versions, DeleteRemovesEveryVersion) {
  TempDir dir;
  SqliteStore store(dir.file("store.sqlite"));
  publish_points(store, dir, "pts", 3);
  publish_points(store, dir, "pts", 4);
  EXPECT_TRUE(store.delete_dataset("pts"));
  EXPECT_FALSE(store.find_dataset("pts").has_value());
  EXPECT_FALSE(store.delete_dataset("pts"));
  const std::int64_t tables = store.with_reader([](SqliteConnection& db) {
    auto statement = db.prepare("SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name LIKE 'features_%'");
    statement.step();
    return statement.column_int(0);
  });
  EXPECT_EQ(tables, 0);
}

}  // namespace
}  // namespace bando::data
