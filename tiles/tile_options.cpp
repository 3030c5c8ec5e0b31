#include "tiles/tile_options.hpp"

namespace bando::tiles {
namespace {

// Tiles are drawn 256 CSS pixels wide by MapLibre's default vector source.
constexpr double kTilePixels = 256;

}  // namespace

TileOptions options_for_zoom(std::uint32_t z, int max_zoom) {
  TileOptions options;
  if (max_zoom >= 0 && z >= static_cast<std::uint32_t>(max_zoom)) return options;

  const double pixel = options.extent / kTilePixels;
  options.simplify_tolerance = pixel / 4;
  options.min_polygon_area = pixel * pixel;
  options.min_line_length = pixel;
  options.point_grid = static_cast<std::uint32_t>(4 * pixel);
  return options;
}

}  // namespace bando::tiles
