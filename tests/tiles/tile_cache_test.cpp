#include <gtest/gtest.h>

#include <zlib.h>

#include <cstdlib>
#include <filesystem>
#include <memory>
#include <string>

#include "tiles/disk_tile_cache.hpp"
#include "tiles/gzip.hpp"
#include "tiles/tile_cache.hpp"

namespace bando::tiles {
namespace {

std::shared_ptr<const CachedTile> tile_of(std::string mvt) {
  auto tile = std::make_shared<CachedTile>();
  tile->mvt = std::move(mvt);
  return tile;
}

std::string gunzip(const std::string& compressed, std::size_t max_size) {
  z_stream stream{};
  EXPECT_EQ(inflateInit2(&stream, 15 + 16), Z_OK);
  std::string output(max_size, '\0');
  stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(compressed.data()));
  stream.avail_in = static_cast<uInt>(compressed.size());
  stream.next_out = reinterpret_cast<Bytef*>(output.data());
  stream.avail_out = static_cast<uInt>(output.size());
  const int code = inflate(&stream, Z_FINISH);
  EXPECT_EQ(code, Z_STREAM_END);
  output.resize(stream.total_out);
  inflateEnd(&stream);
  return output;
}

class TempFile {
 public:
  TempFile() {
    std::string pattern = (std::filesystem::temp_directory_path() / "bando_tile_cache_XXXXXX").string();
    if (mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("mkdtemp failed for " + pattern);
    directory_ = pattern;
  }
  ~TempFile() {
    std::error_code ignored;
    std::filesystem::remove_all(directory_, ignored);
  }
  std::string path() const { return (directory_ / "tiles.sqlite").string(); }

 private:
  std::filesystem::path directory_;
};

TEST(Gzip, RoundTripsWithZlib) {
  std::string data;
  for (int i = 0; i < 10000; ++i) data += static_cast<char>(i % 7);
  const std::string compressed = gzip_compress(data);
  ASSERT_GE(compressed.size(), 2u);
  EXPECT_EQ(static_cast<unsigned char>(compressed[0]), 0x1f);
  EXPECT_EQ(static_cast<unsigned char>(compressed[1]), 0x8b);
  EXPECT_LT(compressed.size(), data.size());
  EXPECT_EQ(gunzip(compressed, data.size() + 1), data);
}

TEST(MemoryTileCache, FindsInsertedTile) {
  MemoryTileCache cache(1 << 20);
  cache.insert("1/0/0|a@1|", tile_of("abc"));
  const auto found = cache.find("1/0/0|a@1|");
  ASSERT_NE(found, nullptr);
  EXPECT_EQ(found->mvt, "abc");
  EXPECT_EQ(cache.find("1/0/0|a@2|"), nullptr);
}

TEST(MemoryTileCache, EvictsLeastRecentlyUsedByBytes) {
  const std::string body(1000, 'x');
  const std::size_t cost = MemoryTileCache::entry_cost("k1", *tile_of(body));
  MemoryTileCache cache(3 * cost);
  cache.insert("k1", tile_of(body));
  cache.insert("k2", tile_of(body));
  cache.insert("k3", tile_of(body));
  ASSERT_NE(cache.find("k1"), nullptr);  // k1 becomes the most recently used
  cache.insert("k4", tile_of(body));

  EXPECT_NE(cache.find("k1"), nullptr);
  EXPECT_EQ(cache.find("k2"), nullptr);
  EXPECT_NE(cache.find("k3"), nullptr);
  EXPECT_NE(cache.find("k4"), nullptr);
  EXPECT_EQ(cache.entry_count(), 3u);
  EXPECT_LE(cache.size_bytes(), cache.max_bytes());
}

TEST(MemoryTileCache, SkipsTileLargerThanLimit) {
  MemoryTileCache cache(500);
  cache.insert("big", tile_of(std::string(1000, 'x')));
  EXPECT_EQ(cache.find("big"), nullptr);
  EXPECT_EQ(cache.size_bytes(), 0u);
}

TEST(MemoryTileCache, ZeroLimitStoresNothing) {
  MemoryTileCache cache(0);
  cache.insert("k", tile_of("abc"));
  EXPECT_EQ(cache.find("k"), nullptr);
}

TEST(MemoryTileCache, EraseMatchingLeavesOtherDatasets) {
  MemoryTileCache cache(1 << 20);
  cache.insert("5/25/14|roads@1|", tile_of("a"));
  cache.insert("5/25/14|rivers@3|roads@1|", tile_of("b"));
  cache.insert("5/25/14|roads@12|", tile_of("c"));
  cache.insert("5/25/14|rivers@3|", tile_of("d"));
  cache.erase_matching("|roads@1|");

  EXPECT_EQ(cache.find("5/25/14|roads@1|"), nullptr);
  EXPECT_EQ(cache.find("5/25/14|rivers@3|roads@1|"), nullptr);
  EXPECT_NE(cache.find("5/25/14|roads@12|"), nullptr);
  EXPECT_NE(cache.find("5/25/14|rivers@3|"), nullptr);
}

TEST(DiskTileCache, StoresTileAcrossReopen) {
  TempFile file;
  CachedTile tile;
  tile.mvt = std::string("\x1a\x00\x01", 3);
  tile.gzip = "gz";
  tile.dropped_features = 7;
  DiskTileCache(file.path()).insert("3/1/2|a@1|", "|a@1|", tile);

  DiskTileCache reopened(file.path());
  const auto found = reopened.find("3/1/2|a@1|");
  ASSERT_NE(found, nullptr);
  EXPECT_EQ(found->mvt, tile.mvt);
  EXPECT_EQ(found->gzip, "gz");
  EXPECT_EQ(found->dropped_features, 7u);
  EXPECT_EQ(reopened.find("3/1/2|a@2|"), nullptr);
}

TEST(DiskTileCache, EraseOtherVersionsKeepsCurrentAndOtherDatasets) {
  TempFile file;
  DiskTileCache cache(file.path());
  const CachedTile tile{"m", "g", 0};
  cache.insert("1/0/0|a_b@1|", "|a_b@1|", tile);
  cache.insert("1/0/0|a_b@2|", "|a_b@2|", tile);
  cache.insert("1/0/0|a_b@1|c@4|", "|a_b@1|c@4|", tile);
  cache.insert("1/0/0|axb@1|", "|axb@1|", tile);
  cache.insert("1/0/0|c@4|", "|c@4|", tile);

  EXPECT_EQ(cache.erase_other_versions("a_b", 2), 2);
  EXPECT_EQ(cache.find("1/0/0|a_b@1|"), nullptr);
  EXPECT_EQ(cache.find("1/0/0|a_b@1|c@4|"), nullptr);
  EXPECT_NE(cache.find("1/0/0|a_b@2|"), nullptr);
  EXPECT_NE(cache.find("1/0/0|axb@1|"), nullptr);
  EXPECT_NE(cache.find("1/0/0|c@4|"), nullptr);
}

}  // namespace
}  // namespace bando::tiles
