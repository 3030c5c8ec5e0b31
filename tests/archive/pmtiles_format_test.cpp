// The PMTiles v3 binary layout: tile ids, directories and the header.

#include <algorithm>
#include <vector>

#include <gtest/gtest.h>

#include "geo/error.hpp"
#include "tiles/archive/pmtiles_format.hpp"

namespace bando::tiles::archive::pmtiles {
namespace {

TEST(PmtilesTileId, FollowsHilbertCurvePerZoom) {
  EXPECT_EQ(tile_id({0, 0, 0}), 0u);
  EXPECT_EQ(tile_id({1, 0, 0}), 1u);
  EXPECT_EQ(tile_id({1, 0, 1}), 2u);
  EXPECT_EQ(tile_id({1, 1, 1}), 3u);
  EXPECT_EQ(tile_id({1, 1, 0}), 4u);
  EXPECT_EQ(tile_id({2, 0, 0}), 5u);
  // The last tile of zoom 2 precedes the first of zoom 3, which starts at 1 + 4 + 16.
  EXPECT_EQ(tile_id({3, 0, 0}), 21u);
}

TEST(PmtilesTileId, IsUniqueWithinZoom) {
  std::vector<std::uint64_t> ids;
  for (std::uint32_t x = 0; x < 16; ++x)
    for (std::uint32_t y = 0; y < 16; ++y) ids.push_back(tile_id({4, x, y}));
  std::sort(ids.begin(), ids.end());
  EXPECT_EQ(ids.front(), 85u);
  EXPECT_EQ(ids.back(), 85u + 255u);
  EXPECT_EQ(std::adjacent_find(ids.begin(), ids.end()), ids.end());
}

TEST(PmtilesDirectory, RoundTripsEntries) {
  const std::vector<Entry> entries = {
      {5, 0, 100, 1}, {6, 100, 50, 3}, {9, 0, 100, 1}, {300000, 150, 70000, 1}, {300001, 5, 1, 0}};
  const auto decoded = decode_directory(encode_directory(entries), 100);
  ASSERT_EQ(decoded.size(), entries.size());
  for (std::size_t i = 0; i < entries.size(); ++i) {
    EXPECT_EQ(decoded[i].tile_id, entries[i].tile_id) << i;
    EXPECT_EQ(decoded[i].offset, entries[i].offset) << i;
    EXPECT_EQ(decoded[i].length, entries[i].length) << i;
    EXPECT_EQ(decoded[i].run_length, entries[i].run_length) << i;
  }
}

TEST(PmtilesDirectory, EncodesContiguousOffsetAsZero) {
  const std::string bytes = encode_directory({{1, 0, 10, 1}, {2, 10, 10, 1}});
  // count, 2 id deltas, 2 run lengths, 2 lengths, then offsets 0 + 1 and 0.
  EXPECT_EQ(bytes, std::string("\x02\x01\x01\x01\x01\x0a\x0a\x01\x00", 9));
}

TEST(PmtilesDirectory, RejectsTruncatedInput) {
  const std::string bytes = encode_directory({{1, 0, 10, 1}, {2, 10, 10, 1}});
  EXPECT_THROW(decode_directory(bytes.substr(0, bytes.size() - 2), 100), Error);
}

TEST(PmtilesDirectory, RejectsTooManyEntries) {
  const std::string bytes = encode_directory({{1, 0, 10, 1}, {2, 10, 10, 1}});
  EXPECT_THROW(decode_directory(bytes, 1), Error);
}

TEST(PmtilesDirectory, FindsTileInsideRun) {
  const std::vector<Entry> entries = {{10, 0, 5, 4}, {20, 5, 5, 1}};
  EXPECT_FALSE(find_entry(entries, 9).has_value());
  ASSERT_TRUE(find_entry(entries, 13).has_value());
  EXPECT_EQ(find_entry(entries, 13)->tile_id, 10u);
  EXPECT_FALSE(find_entry(entries, 14).has_value());
  EXPECT_FALSE(find_entry(entries, 21).has_value());
}

TEST(PmtilesDirectory, FindsLeafPointerForLaterIds) {
  const std::vector<Entry> entries = {{0, 0, 40, 0}, {1000, 40, 40, 0}};
  ASSERT_TRUE(find_entry(entries, 999).has_value());
  EXPECT_EQ(find_entry(entries, 999)->offset, 0u);
  EXPECT_EQ(find_entry(entries, 5000)->offset, 40u);
}

TEST(PmtilesHeader, RoundTripsFields) {
  Header header;
  header.root_offset = 127;
  header.root_length = 300;
  header.data_length = 1ULL << 40;
  header.tile_contents = 42;
  header.clustered = true;
  header.max_zoom = 14;
  header.min_lon_e7 = 1020000000;
  header.max_lat_e7 = -85000000;
  header.center_lat_e7 = 160000000;
  const std::string bytes = serialize_header(header);
  ASSERT_EQ(bytes.size(), kHeaderSize);
  EXPECT_EQ(bytes.substr(0, 8), std::string("PMTiles\x03", 8));
  const Header parsed = parse_header(bytes);
  EXPECT_EQ(parsed.root_offset, 127u);
  EXPECT_EQ(parsed.root_length, 300u);
  EXPECT_EQ(parsed.data_length, 1ULL << 40);
  EXPECT_EQ(parsed.tile_contents, 42u);
  EXPECT_TRUE(parsed.clustered);
  EXPECT_EQ(parsed.max_zoom, 14);
  EXPECT_EQ(parsed.min_lon_e7, 1020000000);
  EXPECT_EQ(parsed.max_lat_e7, -85000000);
  EXPECT_EQ(parsed.center_lat_e7, 160000000);
}

TEST(PmtilesHeader, RejectsOtherVersion) {
  std::string bytes = serialize_header({});
  bytes[7] = 2;
  EXPECT_THROW(parse_header(bytes), Error);
}

}  // namespace
}  // namespace bando::tiles::archive::pmtiles
