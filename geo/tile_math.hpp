#pragma once
// Web Mercator (EPSG:3857) conversions and the WebMercatorQuad tile matrix set.

#include <cstdint>
#include <string>

#include "geo/box.hpp"

namespace bando::geo {

// WGS 84 semi-major axis in metres, the sphere radius EPSG:3857 uses.
inline constexpr double kEarthRadius = 6378137.0;
// Half the width of the EPSG:3857 square, in metres (pi * kEarthRadius).
inline constexpr double kMercatorHalfExtent = 20037508.342789244;
// Latitude where the EPSG:3857 square ends, in degrees.
inline constexpr double kMercatorMaxLatitude = 85.0511287798066;
// Deepest zoom bando accepts; 2^24 tiles per axis keeps x and y in uint32.
inline constexpr std::uint32_t kMaxZoom = 24;

// Tile address in the XYZ scheme: y grows southwards from the top row 0.
struct TileId {
  std::uint32_t z = 0;
  std::uint32_t x = 0;
  std::uint32_t y = 0;

  friend bool operator==(const TileId&, const TileId&) = default;
};

// True when z <= kMaxZoom and x, y < 2^z.
bool is_valid_tile(const TileId& tile) noexcept;

// "z/x/y", for messages and logs.
std::string to_string(const TileId& tile);

// The tile's extent in EPSG:3857 metres.
Box tile_bounds(const TileId& tile) noexcept;

// Degrees to EPSG:3857 metres. Latitudes beyond kMercatorMaxLatitude are clamped.
double lon_to_mercator_x(double lon) noexcept;
double lat_to_mercator_y(double lat) noexcept;

// EPSG:3857 metres to degrees; exact inverses of the two functions above.
double mercator_x_to_lon(double x) noexcept;
double mercator_y_to_lat(double y) noexcept;

// Converts a lon/lat box (degrees) to EPSG:3857 metres and back.
Box lonlat_to_mercator(const Box& lonlat) noexcept;
Box mercator_to_lonlat(const Box& mercator) noexcept;

}  // namespace bando::geo
