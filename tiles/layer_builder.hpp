#pragma once
// Accumulation of features into one MVT layer of one tile.

#include <cstddef>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "data/store.hpp"
#include "geo/tile_math.hpp"
#include "tiles/property_table.hpp"
#include "tiles/tile_clipper.hpp"
#include "tiles/tile_geometry.hpp"
#include "tiles/tile_options.hpp"

namespace bando::tiles {

// Encodes features into one MVT 2.1 layer (version 2) as they are added. It is
// not thread-safe, so build one per request thread.
class LayerBuilder {
 public:
  // Throws bando::Error (invalid_argument) when `tile` is outside the tile matrix
  // or `options.extent` is 0. The caller keeps layer names unique within a tile.
  LayerBuilder(std::string name, const geo::TileId& tile, const TileOptions& options = {});

  // Adds one feature. `record.wkb` is EPSG:3857 and `record.properties_json` a
  // JSON object (see PropertyTable::append_tags for the type mapping). Skips a
  // null geometry (empty WKB) and a geometry that lies outside the buffered
  // tile or collapses on the grid. The MVT feature id is `record.id`, omitted
  // when negative because MVT ids are unsigned. A GeometryCollection becomes one
  // MVT feature per geometry type it contains, and these share the record's id.
  // Throws bando::Error: invalid_argument for malformed WKB, internal for
  // properties that are not a JSON object or a GEOS failure.
  void add_feature(const data::FeatureRecord& record);

  // Number of MVT features encoded so far.
  std::size_t feature_count() const noexcept { return feature_spans_.size(); }
  const std::string& name() const noexcept { return name_; }
  const TileOptions& options() const noexcept { return options_; }

  // Appends this layer to `tile` as one Tile.layers field, so layers appended to
  // the same buffer form a Tile message. Appends even when the layer is empty.
  void append_to_tile(std::string& tile) const;

 private:
  std::string name_;
  TileOptions options_;
  TileClipper clipper_;
  PropertyTable properties_;

  std::string features_;  // encoded Tile.Feature messages, back to back
  std::vector<std::pair<std::size_t, std::size_t>> feature_spans_;  // offset and size in features_

  // Scratch buffers reused across features.
  std::vector<TileGeometry> geometries_;
  std::vector<std::uint32_t> tags_;
  std::vector<std::uint32_t> commands_;
};

}  // namespace bando::tiles
