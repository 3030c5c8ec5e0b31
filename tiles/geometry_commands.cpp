#include "tiles/geometry_commands.hpp"

#include <protozero/varint.hpp>

#include "tiles/mvt_fields.hpp"

namespace bando::tiles {
namespace {

std::uint32_t command(std::uint32_t id, std::size_t count) {
  return (id & 0x7U) | (static_cast<std::uint32_t>(count) << 3U);
}

// Appends the deltas of part[first, last) relative to `cursor` and moves the cursor.
void append_deltas(const std::vector<TilePoint>& part, std::size_t first, std::size_t last, TilePoint& cursor,
                   std::vector<std::uint32_t>& commands) {
  for (std::size_t i = first; i < last; ++i) {
    commands.push_back(protozero::encode_zigzag32(part[i].x - cursor.x));
    commands.push_back(protozero::encode_zigzag32(part[i].y - cursor.y));
    cursor = part[i];
  }
}

}  // namespace

void append_geometry_commands(const TileGeometry& geometry, std::vector<std::uint32_t>& commands) {
  TilePoint cursor;
  for (const std::vector<TilePoint>& part : geometry.parts) {
    if (part.empty()) continue;

    if (geometry.type == TileGeometryType::point) {
      commands.push_back(command(mvt::kCommandMoveTo, part.size()));
      append_deltas(part, 0, part.size(), cursor, commands);
      continue;
    }

    commands.push_back(command(mvt::kCommandMoveTo, 1));
    append_deltas(part, 0, 1, cursor, commands);
    if (part.size() > 1) {
      commands.push_back(command(mvt::kCommandLineTo, part.size() - 1));
      append_deltas(part, 1, part.size(), cursor, commands);
    }
    if (geometry.type == TileGeometryType::polygon) commands.push_back(command(mvt::kCommandClosePath, 1));
  }
}

}  // namespace bando::tiles
