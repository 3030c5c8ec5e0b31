// Tests of the stored form that publishing writes without SpatiaLite's per-row
// functions: the geometry BLOBs and the packed R*Tree, read back through
// SpatiaLite and SQLite's own checks.

#include <algorithm>
#include <random>
#include <string>
#include <vector>

#include <fmt/format.h>
#include <gtest/gtest.h>

#include "data/sqlite_schema.hpp"
#include "data/sqlite_store.hpp"
#include "data_test_support.hpp"

namespace bando::data {
namespace {

using testing::geometry_from_wkt;
using testing::make_metadata;
using testing::read_all;
using testing::TempDirectory;

std::string current_table(SqliteStore& store, const std::string& id) {
  return store.with_writer([&](SqliteConnection& db) {
    auto statement = db.prepare(
        "SELECT v.key FROM datasets d JOIN dataset_versions v ON v.dataset_id = d.id AND v.version = d.version "
        "WHERE d.id = ?");
    statement.bind(1, id);
    EXPECT_TRUE(statement.step()) << id;
    return feature_table_name(statement.column_int(0));
  });
}

std::string text_of(SqliteStore& store, const std::string& sql) {
  return store.with_writer([&](SqliteConnection& db) {
    auto statement = db.prepare(sql);
    EXPECT_TRUE(statement.step()) << sql;
    return statement.is_null(0) ? std::string("NULL") : std::string(statement.column_text(0));
  });
}

// Publishes one feature per WKT, in order, as dataset `id`.
void publish_wkts(Store& store, const std::string& id, const std::vector<std::string>& wkts) {
  auto publish = store.begin_publish(make_metadata(id));
  for (const auto& wkt : wkts) {
    const auto geometry = geometry_from_wkt(wkt);
    publish->add_feature(geometry.wkb, geometry.bounds, "{}");
  }
  publish->commit({}, "Mixed", "EPSG:3857");
}

TEST(SpatialiteBlob, EveryTypeReadsBackUnchanged) {
  TempDirectory directory;
  SqliteStore store(directory.file("store.sqlite"));
  const std::vector<std::string> wkts = {
      "POINT (1 2)",
      "LINESTRING (0 0, 10 5, 20 -3)",
      "POLYGON ((0 0, 10 0, 10 10, 0 10, 0 0), (2 2, 2 4, 4 4, 4 2, 2 2))",
      "MULTIPOINT ((1 1), (-5 7))",
      "MULTILINESTRING ((0 0, 1 1), (5 5, 6 7, 8 8))",
      "MULTIPOLYGON (((0 0, 1 0, 1 1, 0 0)), ((5 5, 9 5, 9 9, 5 9, 5 5)))",
      "GEOMETRYCOLLECTION (POINT (3 4), LINESTRING (0 0, 2 2))",
  };
  publish_wkts(store, "types", wkts);

  const auto stored = read_all(store, "types");
  ASSERT_EQ(stored.size(), wkts.size());
  for (std::size_t i = 0; i < wkts.size(); ++i) {
    EXPECT_EQ(stored[i].wkb, geometry_from_wkt(wkts[i]).wkb) << wkts[i];
  }
  const std::string table = current_table(store, "types");
  EXPECT_EQ(text_of(store, fmt::format("SELECT count(*) FROM {} WHERE IsValid(geom) = 1", table)), "7");
  EXPECT_EQ(text_of(store, fmt::format("SELECT AsText(geom) FROM {} WHERE fid = 3", table)),
            "POLYGON((0 0, 10 0, 10 10, 0 10, 0 0), (2 2, 2 4, 4 4, 4 2, 2 2))");
  EXPECT_EQ(text_of(store, fmt::format("SELECT group_concat(DISTINCT Srid(geom)) FROM {}", table)), "3857");
  EXPECT_EQ(text_of(store, fmt::format("SELECT MbrMinX(geom) || ' ' || MbrMaxY(geom) FROM {} WHERE fid = 2", table)),
            "0.0 5.0");
}

TEST(SpatialiteBlob, NestedCollectionStoredAsParts) {
  TempDirectory directory;
  SqliteStore store(directory.file("store.sqlite"));
  publish_wkts(store, "nested", {"GEOMETRYCOLLECTION (MULTIPOINT ((1 2), (3 4)), POLYGON ((0 0, 1 0, 1 1, 0 0)))"});
  const auto stored = read_all(store, "nested");
  ASSERT_EQ(stored.size(), 1u);
  EXPECT_EQ(stored[0].wkb,
            geometry_from_wkt("GEOMETRYCOLLECTION (POINT (1 2), POINT (3 4), POLYGON ((0 0, 1 0, 1 1, 0 0)))").wkb);
}

// Publishes `count` random boxes and points and checks the packed R*Tree with
// SQLite's rtreecheck(), against an R*Tree filled row by row, and with bbox
// queries compared with a scan of every feature.
void check_packed_index(int count) {
  TempDirectory directory;
  SqliteStore store(directory.file("store.sqlite"));
  std::mt19937 random(static_cast<unsigned>(count));
  std::uniform_real_distribution<double> coordinate(-2.0e7, 2.0e7);
  std::uniform_real_distribution<double> size(0, 5.0e5);
  std::vector<geo::Box> boxes;
  auto publish = store.begin_publish(make_metadata("boxes"));
  for (int i = 0; i < count; ++i) {
    const double x = coordinate(random), y = coordinate(random);
    const double width = i % 3 == 0 ? 0 : size(random), height = i % 3 == 0 ? 0 : size(random);
    const std::string wkt = width == 0 ? fmt::format("POINT ({:.6f} {:.6f})", x, y)
                                       : fmt::format("POLYGON (({0:.6f} {1:.6f}, {2:.6f} {1:.6f}, {2:.6f} {3:.6f}, "
                                                     "{0:.6f} {3:.6f}, {0:.6f} {1:.6f}))",
                                                     x, y, x + width, y + height);
    const auto geometry = geometry_from_wkt(wkt);
    if (i % 10 == 7) {
      publish->add_feature({}, geo::Box{}, "{}");  // a null geometry, which the index leaves out
      boxes.push_back(geo::Box{});
    }
    publish->add_feature(geometry.wkb, geometry.bounds, "{}");
    boxes.push_back(geometry.bounds);
  }
  publish->commit({}, "Mixed", "EPSG:3857");
  publish.reset();  // releases the writer lock

  const std::string table = current_table(store, "boxes");
  EXPECT_EQ(text_of(store, fmt::format("SELECT rtreecheck('{}')", spatial_index_name(table))), "ok") << count;
  // The same boxes inserted row by row through SQL, as SpatiaLite's triggers
  // would, must give identical float bounds. (SpatiaLite 5.0.1's own
  // CheckSpatialIndex() is not used: it reports its own index of a point at
  // x = -2e7 as inconsistent.)
  store.with_writer([&](SqliteConnection& db) {
    db.execute("CREATE VIRTUAL TABLE temp.expected USING rtree(pkid, xmin, xmax, ymin, ymax)");
    db.execute(fmt::format("INSERT INTO temp.expected SELECT fid, MbrMinX(geom), MbrMaxX(geom), MbrMinY(geom), "
                           "MbrMaxY(geom) FROM {} WHERE geom IS NOT NULL",
                           table));
  });
  EXPECT_EQ(text_of(store, fmt::format("SELECT count(*) FROM {} i JOIN temp.expected e USING (pkid) WHERE i.xmin = "
                                       "e.xmin AND i.xmax = e.xmax AND i.ymin = e.ymin AND i.ymax = e.ymax",
                                       spatial_index_name(table))),
            std::to_string(count))
      << "entries that differ from SQLite's own rounding";

  for (int query = 0; query < 20; ++query) {
    const double x = coordinate(random), y = coordinate(random);
    const geo::Box window{x, y, x + 3.0e6, y + 2.0e6};
    FeatureQuery bbox;
    bbox.bbox_mercator = window;
    bbox.bbox_envelope_only = true;
    std::vector<std::int64_t> found;
    for (const auto& feature : read_all(store, "boxes", bbox)) found.push_back(feature.id);
    std::vector<std::int64_t> expected;
    for (std::size_t i = 0; i < boxes.size(); ++i) {
      if (boxes[i].intersects(window)) expected.push_back(static_cast<std::int64_t>(i + 1));
    }
    EXPECT_EQ(found, expected) << count << " features, query " << query;
  }
}

TEST(PackedRtree, RootOnly) { check_packed_index(1); }
TEST(PackedRtree, FullRoot) { check_packed_index(51); }
TEST(PackedRtree, OneOverRoot) { check_packed_index(52); }
TEST(PackedRtree, TwoLevels) { check_packed_index(600); }
TEST(PackedRtree, ThreeLevels) { check_packed_index(6000); }

TEST(PackedRtree, OnlyNullGeometriesLeaveIndexEmpty) {
  TempDirectory directory;
  SqliteStore store(directory.file("store.sqlite"));
  auto publish = store.begin_publish(make_metadata("empty"));
  publish->add_feature({}, geo::Box{}, R"({"n":1})");
  publish->commit({}, "None", "EPSG:3857");
  publish.reset();
  const std::string table = current_table(store, "empty");
  EXPECT_EQ(text_of(store, fmt::format("SELECT rtreecheck('{}')", spatial_index_name(table))), "ok");
  EXPECT_EQ(text_of(store, fmt::format("SELECT count(*) FROM {}", spatial_index_name(table))), "0");
}

TEST(PackedRtree, TriggersWorkAfterPublish) {
  TempDirectory directory;
  SqliteStore store(directory.file("store.sqlite"));
  publish_wkts(store, "later", {"POINT (1 1)", "POINT (2 2)"});
  const std::string table = current_table(store, "later");
  // SpatiaLite's triggers, switched off during the load, keep the index in step again.
  store.with_writer([&](SqliteConnection& db) {
    db.execute(fmt::format("INSERT INTO {} (fid, geom, properties) VALUES (3, MakePoint(5, 5, 3857), '{{}}')", table));
    db.execute(fmt::format("DELETE FROM {} WHERE fid = 1", table));
  });
  EXPECT_EQ(text_of(store, fmt::format("SELECT group_concat(pkid) FROM (SELECT pkid FROM {} ORDER BY pkid)",
                                       spatial_index_name(table))),
            "2,3");
  EXPECT_EQ(text_of(store, fmt::format("SELECT rtreecheck('{}')", spatial_index_name(table))), "ok");
}

}  // namespace
}  // namespace bando::data
