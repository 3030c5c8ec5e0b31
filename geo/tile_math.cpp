#include "geo/tile_math.hpp"

#include <algorithm>
#include <cmath>
#include <numbers>

#include <fmt/format.h>

namespace bando::geo {

bool is_valid_tile(const TileId& tile) noexcept {
  if (tile.z > kMaxZoom) return false;
  const std::uint64_t tiles_per_axis = std::uint64_t{1} << tile.z;
  return tile.x < tiles_per_axis && tile.y < tiles_per_axis;
}

std::string to_string(const TileId& tile) {
  return fmt::format("{}/{}/{}", tile.z, tile.x, tile.y);
}

Box tile_bounds(const TileId& tile) noexcept {
  const double tiles_per_axis = std::ldexp(1.0, static_cast<int>(tile.z));
  const double size = 2.0 * kMercatorHalfExtent / tiles_per_axis;
  const double min_x = -kMercatorHalfExtent + tile.x * size;
  const double max_y = kMercatorHalfExtent - tile.y * size;
  return {min_x, max_y - size, min_x + size, max_y};
}

double lon_to_mercator_x(double lon) noexcept {
  return kEarthRadius * lon * std::numbers::pi / 180.0;
}

double lat_to_mercator_y(double lat) noexcept {
  const double clamped = std::clamp(lat, -kMercatorMaxLatitude, kMercatorMaxLatitude);
  const double phi = clamped * std::numbers::pi / 180.0;
  return kEarthRadius * std::log(std::tan(std::numbers::pi / 4.0 + phi / 2.0));
}

double mercator_x_to_lon(double x) noexcept {
  return x / kEarthRadius * 180.0 / std::numbers::pi;
}

double mercator_y_to_lat(double y) noexcept {
  return std::atan(std::sinh(y / kEarthRadius)) * 180.0 / std::numbers::pi;
}

Box lonlat_to_mercator(const Box& lonlat) noexcept {
  if (lonlat.empty()) return {};
  return {lon_to_mercator_x(lonlat.min_x), lat_to_mercator_y(lonlat.min_y),
          lon_to_mercator_x(lonlat.max_x), lat_to_mercator_y(lonlat.max_y)};
}

Box mercator_to_lonlat(const Box& mercator) noexcept {
  if (mercator.empty()) return {};
  return {mercator_x_to_lon(mercator.min_x), mercator_y_to_lat(mercator.min_y),
          mercator_x_to_lon(mercator.max_x), mercator_y_to_lat(mercator.max_y)};
}

}  // namespace bando::geo
