// The keys, rollback and multi-layer publish subcommands of the real bando executable.

#include <gtest/gtest.h>

#include <cstdio>
#include <cstdlib>
#include <memory>

#include <fmt/format.h>

#include "data/api_keys.hpp"
#include "data/sqlite_store.hpp"
#include "publish_test_support.hpp"

namespace bando {
namespace {

using bando::testing::TempDir;

struct PipeCloser {
  void operator()(FILE* pipe) const noexcept { pclose(pipe); }
};

// Runs a shell command and returns its standard output.
std::string output_of(const std::string& command) {
  std::unique_ptr<FILE, PipeCloser> pipe(popen(command.c_str(), "r"));
  std::string output;
  char buffer[256];
  while (pipe && fgets(buffer, sizeof buffer, pipe.get()) != nullptr) output += buffer;
  return output;
}

TEST(Cli, KeysCreatePrintsWorkingKey) {
  TempDir dir;
  const std::string store_path = dir.file("store.sqlite");
  std::string token = output_of(fmt::format("'{}' keys create --publisher 'Sở Y tế' --store '{}' 2>/dev/null",
                                            BANDO_EXECUTABLE, store_path));
  ASSERT_FALSE(token.empty());
  token.pop_back();  // the newline
  data::SqliteStore store(store_path);
  const auto publisher =
      store.with_reader([&](data::SqliteConnection& db) { return data::find_api_key_publisher(db, token); });
  ASSERT_TRUE(publisher.has_value()) << token;
  EXPECT_EQ(*publisher, "Sở Y tế");
  const std::int64_t stored_plain = store.with_reader([&](data::SqliteConnection& db) {
    auto statement = db.prepare("SELECT count(*) FROM api_keys WHERE key_sha256 = ? OR publisher = ?");
    statement.bind(1, std::string_view(token)).bind(2, std::string_view(token));
    statement.step();
    return statement.column_int(0);
  });
  EXPECT_EQ(stored_plain, 0);
}

TEST(Cli, RollbackReturnsToPreviousVersion) {
  TempDir dir;
  const std::string store_path = dir.file("store.sqlite");
  for (int count : {4, 9}) {
    const std::string file = dir.file(fmt::format("points{}.geojson", count));
    bando::testing::write_point_geojson(file, count);
    ASSERT_EQ(std::system(fmt::format("'{}' publish '{}' --id pts --store '{}' > /dev/null 2>&1", BANDO_EXECUTABLE,
                                      file, store_path)
                              .c_str()),
              0);
  }
  const std::string output =
      output_of(fmt::format("'{}' rollback pts --store '{}' 2>&1", BANDO_EXECUTABLE, store_path));
  EXPECT_NE(output.find("version 1 (4 features)"), std::string::npos) << output;
  data::SqliteStore store(store_path);
  EXPECT_EQ(store.find_dataset("pts")->version, 1);
  EXPECT_EQ(store.count_features("pts", data::FeatureQuery{}), 4);
  const std::string again = output_of(fmt::format("'{}' rollback pts 2 --store '{}' 2>&1", BANDO_EXECUTABLE, store_path));
  EXPECT_NE(again.find("version 2 (9 features)"), std::string::npos) << again;
}

TEST(Cli, RepublishKeepsMetadataNotGivenAgain) {
  TempDir dir;
  const std::string store_path = dir.file("store.sqlite");
  const std::string file = dir.file("points.geojson");
  bando::testing::write_point_geojson(file, 3);
  const auto publish = [&](const std::string& extra) {
    return std::system(fmt::format("'{}' publish '{}' --id pts --store '{}' {} > /dev/null 2>&1", BANDO_EXECUTABLE,
                                   file, store_path, extra)
                           .c_str());
  };
  ASSERT_EQ(publish("--title 'Điểm' --publisher 'Sở Xây dựng' --license CC-BY-4.0 --keyword a --keyword b"), 0);
  ASSERT_EQ(publish(""), 0);
  {
    data::SqliteStore store(store_path);
    const auto second = store.find_dataset("pts");
    ASSERT_TRUE(second.has_value());
    EXPECT_EQ(second->version, 2);
    EXPECT_EQ(second->metadata.title, "Điểm");
    EXPECT_EQ(second->metadata.publisher, "Sở Xây dựng");
    EXPECT_EQ(second->metadata.license, "CC-BY-4.0");
    EXPECT_EQ(second->metadata.keywords, (std::vector<std::string>{"a", "b"}));
  }
  ASSERT_EQ(publish("--title 'Điểm mới' --keyword c"), 0);
  data::SqliteStore store(store_path);
  const auto third = store.find_dataset("pts");
  ASSERT_TRUE(third.has_value());
  EXPECT_EQ(third->version, 3);
  EXPECT_EQ(third->metadata.title, "Điểm mới");
  EXPECT_EQ(third->metadata.publisher, "Sở Xây dựng");
  EXPECT_EQ(third->metadata.keywords, std::vector<std::string>{"c"});
}

TEST(Cli, PublishEveryGeoPackageLayer) {
  TempDir dir;
  const std::string store_path = dir.file("store.sqlite");
  const std::string gpkg = dir.file("gt.gpkg");
  bando::testing::write_two_layer_geopackage(gpkg);
  const std::string output = output_of(fmt::format("'{}' publish '{}' --id gt --title 'Giao thông' --store '{}' 2>/dev/null",
                                                   BANDO_EXECUTABLE, gpkg, store_path));
  EXPECT_NE(output.find("published 'gt_points' version 1"), std::string::npos) << output;
  EXPECT_NE(output.find("published 'gt_duong_bo' version 1"), std::string::npos) << output;

  ASSERT_EQ(std::system(fmt::format("'{}' publish '{}' --id one_layer --layer 'Đường bộ' --store '{}' > /dev/null 2>&1",
                                    BANDO_EXECUTABLE, gpkg, store_path)
                            .c_str()),
            0);
  data::SqliteStore store(store_path);
  const auto roads = store.find_dataset("gt_duong_bo");
  ASSERT_TRUE(roads.has_value());
  EXPECT_EQ(roads->metadata.title, "Giao thông (Đường bộ)");
  EXPECT_EQ(roads->feature_count, 1);
  const auto points = store.find_dataset("gt_points");
  ASSERT_TRUE(points.has_value());
  EXPECT_EQ(points->feature_count, 2);
  const auto chosen = store.find_dataset("one_layer");
  ASSERT_TRUE(chosen.has_value());
  EXPECT_EQ(chosen->geometry_type, "LineString");
  EXPECT_FALSE(store.find_dataset("gt").has_value());
}

}  // namespace
}  // namespace bando
