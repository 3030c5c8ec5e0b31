#include <gtest/gtest.h>

#include "geo/tile_math.hpp"

namespace bando::geo {
namespace {

TEST(TileMath, TileZeroCoversWebMercatorSquare) {
  const Box box = tile_bounds({0, 0, 0});
  EXPECT_DOUBLE_EQ(box.min_x, -kMercatorHalfExtent);
  EXPECT_DOUBLE_EQ(box.max_x, kMercatorHalfExtent);
  EXPECT_DOUBLE_EQ(box.min_y, -kMercatorHalfExtent);
  EXPECT_DOUBLE_EQ(box.max_y, kMercatorHalfExtent);
}

TEST(TileMath, RowZeroIsNorthernmost) {
  const Box north = tile_bounds({1, 0, 0});
  const Box south = tile_bounds({1, 0, 1});
  EXPECT_GT(north.min_y, south.min_y);
  EXPECT_DOUBLE_EQ(north.min_y, 0.0);
}

TEST(TileMath, ValidityChecksEachAxis) {
  EXPECT_TRUE(is_valid_tile({3, 7, 7}));
  EXPECT_FALSE(is_valid_tile({3, 8, 0}));
  EXPECT_FALSE(is_valid_tile({3, 0, 8}));
  EXPECT_FALSE(is_valid_tile({kMaxZoom + 1, 0, 0}));
}

TEST(TileMath, HanoiRoundTripsThroughMercator) {
  const double lon = 105.8342, lat = 21.0278;
  const double x = lon_to_mercator_x(lon), y = lat_to_mercator_y(lat);
  // Expected values from PROJ 9.1: echo "21.0278 105.8342" | cs2cs EPSG:4326 EPSG:3857
  EXPECT_NEAR(x, 11781409.253, 1e-3);
  EXPECT_NEAR(y, 2395193.750, 1e-3);
  EXPECT_NEAR(mercator_x_to_lon(x), lon, 1e-12);
  EXPECT_NEAR(mercator_y_to_lat(y), lat, 1e-12);
}

TEST(TileMath, LatitudeBeyondSquareIsClamped) {
  EXPECT_NEAR(lat_to_mercator_y(89.0), kMercatorHalfExtent, 1e-3);
}

}  // namespace
}  // namespace bando::geo
