// Reading SpatiaLite geometry BLOBs back as WKB, checked against SpatiaLite itself.

#include <gtest/gtest.h>

#include <cstdint>
#include <string>
#include <vector>

#include "data/spatialite_blob.hpp"
#include "data/sqlite_db.hpp"
#include "data_test_support.hpp"

namespace bando::data {
namespace {

using testing::geometry_from_wkt;
using testing::TempDirectory;

const std::vector<std::string> kShapes = {
    "POINT (1 2)",
    "LINESTRING (0 0, 10 5, 20 -3)",
    "POLYGON ((0 0, 10 0, 10 10, 0 10, 0 0), (2 2, 2 4, 4 4, 4 2, 2 2))",
    "MULTIPOINT ((1 1), (2 2), (3 3))",
    "MULTILINESTRING ((0 0, 1 1), (2 2, 3 3, 4 2))",
    "MULTIPOLYGON (((0 0, 5 0, 5 5, 0 0)), ((10 10, 20 10, 20 20, 10 10)))",
    "GEOMETRYCOLLECTION (POINT (7 8), LINESTRING (0 0, 1 2))",
};

TEST(SpatialiteBlobToWkb, OwnEncodingRoundTrips) {
  for (const std::string& wkt : kShapes) {
    const std::vector<std::uint8_t> wkb = geometry_from_wkt(wkt).wkb;
    std::vector<std::uint8_t> blob;
    append_spatialite_blob(wkb, 3857, blob);
    std::vector<std::uint8_t> decoded;
    ASSERT_TRUE(spatialite_blob_to_wkb(blob, decoded)) << wkt;
    EXPECT_EQ(decoded, wkb) << wkt;
  }
}

TEST(SpatialiteBlobToWkb, ReadsSpatialiteOwnBlobs) {
  TempDirectory directory;
  SqliteConnection db(directory.file("blobs.sqlite"), SqliteConnection::Mode::read_write);
  for (const std::string& wkt : kShapes) {
    const std::vector<std::uint8_t> wkb = geometry_from_wkt(wkt).wkb;
    auto statement = db.prepare("SELECT GeomFromWKB(?, 3857), AsBinary(GeomFromWKB(?, 3857))");
    statement.bind_blob(1, wkb).bind_blob(2, wkb);
    ASSERT_TRUE(statement.step()) << wkt;
    const auto blob = statement.column_blob(0);
    const auto expected = statement.column_blob(1);
    std::vector<std::uint8_t> decoded;
    ASSERT_TRUE(spatialite_blob_to_wkb(blob, decoded)) << wkt;
    EXPECT_EQ(decoded, std::vector<std::uint8_t>(expected.begin(), expected.end())) << wkt;
  }
}

TEST(SpatialiteBlobToWkb, RejectsTruncatedAndZBlobs) {
  TempDirectory directory;
  SqliteConnection db(directory.file("blobs.sqlite"), SqliteConnection::Mode::read_write);
  auto statement = db.prepare("SELECT GeomFromText('POINT Z (1 2 3)', 3857), GeomFromText('LINESTRING (0 0, 1 1)', 3857)");
  ASSERT_TRUE(statement.step());
  const auto z_blob = statement.column_blob(0);
  const auto line_blob = statement.column_blob(1);
  std::vector<std::uint8_t> decoded;
  EXPECT_FALSE(spatialite_blob_to_wkb(z_blob, decoded));
  EXPECT_TRUE(decoded.empty());

  std::vector<std::uint8_t> truncated(line_blob.begin(), line_blob.end());
  truncated.erase(truncated.end() - 9, truncated.end() - 1);  // drop half a coordinate, keep the end marker
  EXPECT_FALSE(spatialite_blob_to_wkb(truncated, decoded));
  EXPECT_FALSE(spatialite_blob_to_wkb({}, decoded));
}

}  // namespace
}  // namespace bando::data
