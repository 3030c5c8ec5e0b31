#include "tiles/seed_tile.hpp"

#include "tiles/layer_builder.hpp"
#include "tiles/tile_encoder.hpp"

namespace bando::tiles {

SeedTile build_seed_tile(const data::Store& store, const std::vector<data::DatasetInfo>& datasets,
                         const geo::TileId& tile, const TileOptions& options, std::size_t max_tile_bytes) {
  const geo::Box bounds = geo::tile_bounds(tile);
  SeedTile result;
  std::vector<LayerBuilder> layers;
  layers.reserve(datasets.size());
  for (const auto& dataset : datasets) {
    if (static_cast<int>(tile.z) < dataset.metadata.min_zoom) continue;

    // The live tile path generalizes per dataset and zoom the same way.
    TileOptions layer_options = options_for_zoom(tile.z, dataset.metadata.max_zoom);
    layer_options.extent = options.extent;
    layer_options.buffer = options.buffer;
    auto& layer = layers.emplace_back(dataset.metadata.id, tile, layer_options);
    data::FeatureQuery query;
    query.bbox_mercator = bounds.buffered((bounds.max_x - bounds.min_x) * options.buffer / options.extent);
    query.bbox_envelope_only = true;
    query.version = dataset.version;
    store.scan_features(dataset.metadata.id, query, [&](const data::FeatureRecord& record) {
      result.has_features = true;
      layer.add_feature(record);
    });
  }
  BudgetedTile encoded = encode_tile_within(layers, max_tile_bytes);
  result.mvt = std::move(encoded.bytes);
  result.dropped_features = encoded.dropped_features;
  return result;
}

}  // namespace bando::tiles
