// geo::projection: CRS lookup and PROJ transformations, checked against cs2cs and the bundled VN-2000 reference points.

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "cs2cs.hpp"
#include "geo/error.hpp"
#include "geo/projection.hpp"
#include "geo/tile_math.hpp"

namespace bando::geo {
namespace {

using query_testing::run_cs2cs;

// A lon/lat point stored as EPSG:3857, the way bando stores every geometry.
Point stored(double lon, double lat) { return {lon_to_mercator_x(lon), lat_to_mercator_y(lat)}; }

TEST(FindCrs, AcceptsUriCurieAndCode) {
  ASSERT_TRUE(find_crs("http://www.opengis.net/def/crs/EPSG/0/5897").has_value());
  EXPECT_EQ(find_crs("[EPSG:5897]")->epsg, 5897);
  EXPECT_EQ(find_crs("EPSG:9218")->epsg, 9218);
  EXPECT_EQ(find_crs(kCrs84Uri)->epsg, 0);
}

TEST(FindCrs, RejectsUnlistedCrs) {
  EXPECT_FALSE(find_crs("http://www.opengis.net/def/crs/EPSG/0/32648").has_value());
  EXPECT_FALSE(find_crs("EPSG:9219").has_value());
  EXPECT_FALSE(find_crs("").has_value());
}

TEST(SupportedCrs, ListsEveryVn2000Zone) {
  std::vector<int> codes;
  for (const Crs& crs : supported_crs()) codes.push_back(crs.epsg);
  for (int code : {0, 4326, 3857, 4756, 3405, 3406, 5896, 5897, 5898, 5899}) {
    EXPECT_NE(std::find(codes.begin(), codes.end(), code), codes.end()) << code;
  }
  for (int code = 9205; code <= 9218; ++code) {
    EXPECT_NE(std::find(codes.begin(), codes.end(), code), codes.end()) << code;
  }
  EXPECT_EQ(codes.size(), 24u);
}

TEST(SupportedCrs, LatitudeFirstOnlyForGeographicEpsg) {
  for (const Crs& crs : supported_crs()) {
    const bool expected = crs.epsg == 4326 || crs.epsg == 4756;
    EXPECT_EQ(crs.latitude_first, expected) << crs.uri;
  }
}

// Every projected and geographic CRS, at points across Viet Nam, within 1 mm of cs2cs.
TEST(TransformPoints, MatchesCs2csWithinOneMillimetre) {
  const std::vector<std::pair<double, double>> lonlats = {
      {105.8342, 21.0278}, {106.7009, 10.7769}, {103.0166, 22.3964}, {109.1967, 12.2388}, {104.9, 8.6}};
  for (const Crs& crs : supported_crs()) {
    if (crs.epsg == 0 || crs.epsg == 3857) continue;
    for (const auto& [lon, lat] : lonlats) {
      Point point = stored(lon, lat);
      transform_points(crs, false, std::span<Point>(&point, 1));
      const auto expected = run_cs2cs("EPSG:4326", fmt::format("EPSG:{}", crs.epsg), lat, lon);
      ASSERT_TRUE(expected.has_value()) << "cs2cs failed for EPSG:" << crs.epsg;
      // cs2cs prints in the CRS's own axis order and bando keeps x = lon/easting.
      const double expected_x = crs.latitude_first ? expected->second : expected->first;
      const double expected_y = crs.latitude_first ? expected->first : expected->second;
      const double tolerance = crs.geographic ? 1e-8 : 1e-3;
      EXPECT_NEAR(point.x, expected_x, tolerance) << "EPSG:" << crs.epsg << " at " << lon << "," << lat;
      EXPECT_NEAR(point.y, expected_y, tolerance) << "EPSG:" << crs.epsg << " at " << lon << "," << lat;
    }
  }
}

TEST(TransformPoints, RoundTripsToStorage) {
  const Crs crs = *find_crs("EPSG:9210");
  Point point = stored(106.7009, 10.7769);
  const Point original = point;
  transform_points(crs, false, std::span<Point>(&point, 1));
  transform_points(crs, true, std::span<Point>(&point, 1));
  // PROJ inverts the VN-2000 Helmert shift by negating its parameters, which
  // is exact only to about 0.1 mm.
  EXPECT_NEAR(point.x, original.x, 1e-3);
  EXPECT_NEAR(point.y, original.y, 1e-3);
}

// The reference file gives UTM 48N (EPSG:3405), TM-3 105 (EPSG:5897) and TM-3
// 105°45' (EPSG:9210) coordinates in millimetres for one point per province.
// Its longitudes and latitudes have 7 decimals, which fixes a point only to
// about 6 mm, so this check allows 1 cm. The 1 mm check is against cs2cs above.
TEST(TransformPoints, MatchesBundledReferencePoints) {
  std::ifstream file(BANDO_BUNDLED_DIR "/vn2000/vn2000_test_points_34_provinces.csv");
  ASSERT_TRUE(file.good());
  std::string line;
  std::getline(file, line);
  int rows = 0;
  while (std::getline(file, line)) {
    std::vector<std::string> cells;
    std::stringstream stream(line);
    for (std::string cell; std::getline(stream, cell, ',');) cells.push_back(cell);
    ASSERT_GE(cells.size(), 10u) << line;
    const double lon = std::stod(cells[2]);
    const double lat = std::stod(cells[3]);
    const std::pair<int, int> columns[] = {{3405, 4}, {5897, 6}, {9210, 8}};
    for (const auto& [code, column] : columns) {
      Point point = stored(lon, lat);
      transform_points(*find_crs(fmt::format("EPSG:{}", code)), false, std::span<Point>(&point, 1));
      EXPECT_NEAR(point.x, std::stod(cells[column]), 1e-2) << cells[1] << " EPSG:" << code;
      EXPECT_NEAR(point.y, std::stod(cells[column + 1]), 1e-2) << cells[1] << " EPSG:" << code;
    }
    ++rows;
  }
  EXPECT_EQ(rows, 34);
}

TEST(BoxToStorage, CoversTheProjectedBox) {
  const Crs crs = *find_crs("EPSG:5897");
  const Box box{580000, 2300000, 600000, 2330000};
  const Box mercator = box_to_storage(crs, box);
  Point corner{600000, 2330000};
  transform_points(crs, true, std::span<Point>(&corner, 1));
  EXPECT_LE(mercator.min_x, corner.x);
  EXPECT_GE(mercator.max_x, corner.x);
  EXPECT_GE(mercator.max_y, corner.y);
}

}  // namespace
}  // namespace bando::geo
