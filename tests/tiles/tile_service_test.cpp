// TileService on a real SQLite/SpatiaLite store: cache hits, and invalidation when a dataset gets a new version.

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "data/sqlite_store.hpp"
#include "geo/tile_math.hpp"
#include "mvt_decoder.hpp"
#include "tile_fixtures.hpp"
#include "tiles/tile_service.hpp"

namespace bando::tiles {
namespace {

const geo::TileId kTile{10, 812, 450};
const geo::TileId kOtherTile{10, 813, 450};

class TempDirectory {
 public:
  TempDirectory() {
    std::string pattern = (std::filesystem::temp_directory_path() / "bando_tile_service_XXXXXX").string();
    if (mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("mkdtemp failed for " + pattern);
    path_ = pattern;
  }
  ~TempDirectory() {
    std::error_code ignored;
    std::filesystem::remove_all(path_, ignored);
  }
  std::string file(const std::string& name) const { return (path_ / name).string(); }

 private:
  std::filesystem::path path_;
};

// Publishes a new version of `id` with `count` points in kTile, spread along its diagonal.
data::DatasetInfo publish_points(data::Store& store, const std::string& id, int count) {
  data::DatasetMetadata metadata;
  metadata.id = id;
  metadata.title = id;
  auto publish = store.begin_publish(metadata);
  const geo::Box tile = geo::tile_bounds(kTile);
  for (int i = 0; i < count; ++i) {
    const int offset = 100 + i * 200;
    const std::vector<std::uint8_t> wkb = testing::wkb_from_tile_wkt(fmt::format("POINT({0} {0})", offset), kTile);
    const double x = tile.min_x + (tile.max_x - tile.min_x) * offset / 4096;
    const double y = tile.max_y - (tile.max_y - tile.min_y) * offset / 4096;
    publish->add_feature(wkb, geo::Box{x, y, x, y}, fmt::format(R"({{"n":{}}})", i));
  }
  return publish->commit({{"n", data::FieldType::integer}}, "Point", "EPSG:3857");
}

std::size_t feature_count(const CachedTile& tile) {
  std::size_t count = 0;
  for (const auto& layer : testing::decode_tile(tile.mvt)) count += layer.features.size();
  return count;
}

class TileServiceTest : public ::testing::Test {
 protected:
  TempDirectory directory_;
  data::SqliteStore store_{directory_.file("store.sqlite")};
};

TEST_F(TileServiceTest, SecondRequestComesFromMemory) {
  const auto points = publish_points(store_, "points", 3);
  TileService service(store_, {});

  const TileResult first = service.get({points}, kTile);
  const TileResult second = service.get({points}, kTile);
  EXPECT_EQ(first.source, TileResult::Source::rendered);
  EXPECT_EQ(second.source, TileResult::Source::memory);
  EXPECT_EQ(second.tile->mvt, first.tile->mvt);
  EXPECT_EQ(feature_count(*first.tile), 3u);
  EXPECT_FALSE(first.tile->gzip.empty());
}

TEST_F(TileServiceTest, EmptyTileIsCachedEmpty) {
  const auto points = publish_points(store_, "points", 3);
  TileService service(store_, {});
  const geo::TileId far_away{10, 0, 0};

  EXPECT_TRUE(service.get({points}, far_away).tile->mvt.empty());
  const TileResult again = service.get({points}, far_away);
  EXPECT_EQ(again.source, TileResult::Source::memory);
  EXPECT_TRUE(again.tile->mvt.empty());
  EXPECT_TRUE(again.tile->gzip.empty());
}

TEST_F(TileServiceTest, BelowMinZoomHasNoLayer) {
  auto points = publish_points(store_, "points", 3);
  points.metadata.min_zoom = 11;
  TileService service(store_, {});
  EXPECT_TRUE(service.get({points}, kTile).tile->mvt.empty());
}

TEST_F(TileServiceTest, NewVersionInvalidatesOnlyItsDataset) {
  const auto first_a = publish_points(store_, "a", 2);
  const auto b = publish_points(store_, "b", 4);
  TileService service(store_, {});
  service.get({first_a}, kTile);
  service.get({b}, kTile);
  service.get({first_a, b}, kTile);
  service.get({b}, kOtherTile);

  const auto second_a = publish_points(store_, "a", 5);
  ASSERT_GT(second_a.version, first_a.version);
  const TileResult a_tile = service.get({second_a}, kTile);
  EXPECT_EQ(a_tile.source, TileResult::Source::rendered);
  EXPECT_EQ(feature_count(*a_tile.tile), 5u);

  const TileResult composite = service.get({second_a, b}, kTile);
  EXPECT_EQ(composite.source, TileResult::Source::rendered);
  EXPECT_EQ(feature_count(*composite.tile), 9u);

  EXPECT_EQ(service.get({b}, kTile).source, TileResult::Source::memory);
  EXPECT_EQ(service.get({b}, kOtherTile).source, TileResult::Source::memory);
  // The old version's tiles left the memory cache: {b} at two tiles and the three new tiles remain.
  EXPECT_EQ(service.memory_cache().entry_count(), 4u);
}

TEST_F(TileServiceTest, DiskCacheServesAfterRestart) {
  const auto points = publish_points(store_, "points", 3);
  TileServiceOptions options;
  options.disk_cache_path = directory_.file("tiles.sqlite");
  std::string rendered;
  {
    TileService service(store_, options);
    rendered = service.get({points}, kTile).tile->mvt;
  }
  TileService restarted(store_, options);
  const TileResult result = restarted.get({points}, kTile);
  EXPECT_EQ(result.source, TileResult::Source::disk);
  EXPECT_EQ(result.tile->mvt, rendered);
  EXPECT_EQ(restarted.get({points}, kTile).source, TileResult::Source::memory);
}

TEST_F(TileServiceTest, DiskCacheDropsOldVersionAfterRestart) {
  const auto first = publish_points(store_, "points", 3);
  TileServiceOptions options;
  options.disk_cache_path = directory_.file("tiles.sqlite");
  TileService(store_, options).get({first}, kTile);

  const auto second = publish_points(store_, "points", 6);
  TileService restarted(store_, options);
  const TileResult result = restarted.get({second}, kTile);
  EXPECT_EQ(result.source, TileResult::Source::rendered);
  EXPECT_EQ(feature_count(*result.tile), 6u);
  EXPECT_EQ(tiles::DiskTileCache(options.disk_cache_path).find(tile_key({first}, kTile)), nullptr);
}

}  // namespace
}  // namespace bando::tiles
