#pragma once
// Settings shared by every layer of one vector tile.

#include <cstdint>

namespace bando::tiles {

// Tile resolution, clipping margin and low-zoom generalization. Lengths are in
// tile units (1/extent of the tile width) and areas in square tile units.
struct TileOptions {
  std::uint32_t extent = 4096;  // integer grid size per axis, the MVT 2.1 default
  std::uint32_t buffer = 64;    // margin kept beyond each tile edge so strokes join across tiles

  // Douglas-Peucker tolerance applied to lines and polygon rings before
  // clipping. 0 keeps every vertex that is at least 1 unit from the previous one.
  double simplify_tolerance = 0;
  // Polygons whose area inside the buffered tile is below this are dropped.
  double min_polygon_area = 0;
  // Lines whose length inside the buffered tile is below this are dropped.
  double min_line_length = 0;
  // Side of the grid cells used to thin points: only the first point in each
  // cell is kept, in feature order. 0 keeps every point.
  std::uint32_t point_grid = 0;
};

// Returns the options for zoom `z` of a dataset whose most detailed zoom is
// `max_zoom`, for a tile drawn 256 pixels wide (1 pixel = extent / 256 units).
// Below `max_zoom` lines and rings are simplified to a quarter pixel, polygons
// under 1 square pixel and lines under 1 pixel are dropped, and points are
// thinned to one per 4 x 4 pixel cell. From `max_zoom` on only the 1-unit
// vertex spacing applies, so the most detailed zoom keeps every feature.
TileOptions options_for_zoom(std::uint32_t z, int max_zoom);

}  // namespace bando::tiles
