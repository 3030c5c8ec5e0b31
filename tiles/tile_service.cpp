#include "tiles/tile_service.hpp"

#include <utility>

#include <fmt/format.h>

#include "tiles/gzip.hpp"
#include "tiles/layer_builder.hpp"
#include "tiles/tile_encoder.hpp"
#include "tiles/tile_options.hpp"

namespace bando::tiles {
namespace {

std::string dataset_list(const std::vector<data::DatasetInfo>& datasets) {
  std::string list = "|";
  for (const auto& dataset : datasets) list += fmt::format("{}@{}|", dataset.metadata.id, dataset.version);
  return list;
}

}  // namespace

std::string tile_key(const std::vector<data::DatasetInfo>& datasets, const geo::TileId& tile) {
  return geo::to_string(tile) + dataset_list(datasets);
}

TileService::TileService(const data::Store& store, TileServiceOptions options)
    : store_(store), options_(std::move(options)), memory_(options_.memory_cache_bytes) {
  if (!options_.disk_cache_path.empty()) disk_ = std::make_unique<DiskTileCache>(options_.disk_cache_path);
}

TileResult TileService::get(const std::vector<data::DatasetInfo>& datasets, const geo::TileId& tile) {
  forget_stale_versions(datasets);
  const std::string key = tile_key(datasets, tile);

  if (auto cached = memory_.find(key)) return {std::move(cached), TileResult::Source::memory};
  if (disk_) {
    if (auto stored = disk_->find(key)) {
      memory_.insert(key, stored);
      return {std::move(stored), TileResult::Source::disk};
    }
  }

  // NOTE: two threads that miss the same key at once both render it; the
  // results are identical, so the second insert only replaces the first.
  auto rendered = std::make_shared<const CachedTile>(render(datasets, tile));
  memory_.insert(key, rendered);
  if (disk_) disk_->insert(key, dataset_list(datasets), *rendered);
  return {std::move(rendered), TileResult::Source::rendered};
}

CachedTile TileService::render(const std::vector<data::DatasetInfo>& datasets, const geo::TileId& tile) const {
  std::vector<LayerBuilder> layers;
  layers.reserve(datasets.size());
  const geo::Box bounds = geo::tile_bounds(tile);
  for (const auto& dataset : datasets) {
    if (static_cast<int>(tile.z) < dataset.metadata.min_zoom) continue;

    const TileOptions options = options_for_zoom(tile.z, dataset.metadata.max_zoom);
    LayerBuilder& layer = layers.emplace_back(dataset.metadata.id, tile, options);
    data::FeatureQuery query;
    query.bbox_mercator = bounds.buffered((bounds.max_x - bounds.min_x) * options.buffer / options.extent);
    query.bbox_envelope_only = true;
    query.version = dataset.version;
    store_.scan_features(dataset.metadata.id, query,
                         [&layer](const data::FeatureRecord& record) { layer.add_feature(record); });
  }

  BudgetedTile encoded = encode_tile_within(layers, options_.max_tile_bytes);
  CachedTile result;
  result.dropped_features = encoded.dropped_features;
  // Compress once for the caches. Without a cache, the caller compresses per
  // request when the client accepts gzip.
  const bool cached = options_.memory_cache_bytes > 0 || disk_;
  if (cached && !encoded.bytes.empty()) result.gzip = gzip_compress(encoded.bytes);
  result.mvt = std::move(encoded.bytes);
  return result;
}

void TileService::forget_stale_versions(const std::vector<data::DatasetInfo>& datasets) {
  for (const auto& dataset : datasets) {
    const std::string& id = dataset.metadata.id;
    std::int64_t previous = -1;
    {
      const std::lock_guard lock(versions_mutex_);
      auto [entry, inserted] = seen_versions_.try_emplace(id, dataset.version);
      if (!inserted && entry->second == dataset.version) continue;
      if (!inserted) previous = entry->second;
      entry->second = dataset.version;
    }
    if (previous >= 0) memory_.erase_matching(fmt::format("|{}@{}|", id, previous));
    // The disk cache may hold versions from before this process started.
    if (disk_) disk_->erase_other_versions(id, dataset.version);
  }
}

}  // namespace bando::tiles
