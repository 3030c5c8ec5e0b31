#pragma once
// Accumulation of features into one MVT layer of one tile.

#include <cstddef>
#include <cstdint>
#include <string>
#include <unordered_set>
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
  //
  // The generalization in `options` applies here: a polygon part smaller than
  // `min_polygon_area` or a line shorter than `min_line_length` is skipped, and
  // a point in a `point_grid` cell that an earlier point of this layer took is
  // skipped.
  void add_feature(const data::FeatureRecord& record);

  // Number of MVT features encoded and not dropped.
  std::size_t feature_count() const noexcept { return features_kept_; }

  // One encoded MVT feature: its bytes in the layer buffer, its size on the
  // tile grid (area in square units for polygons, length in units for lines,
  // 0 for points) and whether drop_feature removed it.
  struct EncodedFeature {
    std::size_t offset = 0;
    std::size_t size = 0;
    double weight = 0;
    bool dropped = false;
  };
  const std::vector<EncodedFeature>& encoded_features() const noexcept { return feature_spans_; }

  // Leaves feature `index` of encoded_features() out of append_to_tile, for a
  // tile size budget. Its keys and values stay in the layer's tables.
  void drop_feature(std::size_t index);
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

  // Applies the point grid, area and length thresholds. Returns false when nothing is left to encode.
  bool generalize(TileGeometry& geometry);

  std::string features_;  // encoded Tile.Feature messages, back to back
  std::vector<EncodedFeature> feature_spans_;
  std::size_t features_kept_ = 0;
  std::unordered_set<std::uint64_t> occupied_cells_;  // point grid cells already holding a point

  // Scratch buffers reused across features.
  std::vector<TileGeometry> geometries_;
  std::vector<std::uint32_t> tags_;
  std::vector<std::uint32_t> commands_;
};

}  // namespace bando::tiles
