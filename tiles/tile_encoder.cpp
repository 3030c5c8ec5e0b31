#include "tiles/tile_encoder.hpp"

#include <algorithm>
#include <tuple>

#include <fmt/format.h>

#include "geo/error.hpp"

namespace bando::tiles {
namespace {

struct DropCandidate {
  double weight = 0;
  std::size_t layer = 0;
  std::size_t feature = 0;
};

std::size_t varint_size(std::size_t value) {
  std::size_t size = 1;
  for (; value >= 0x80; value >>= 7) ++size;
  return size;
}

// Every feature that may be dropped, in drop order: all but the heaviest of each layer.
std::vector<DropCandidate> drop_order(const std::vector<LayerBuilder>& layers) {
  std::vector<DropCandidate> candidates;
  for (std::size_t l = 0; l < layers.size(); ++l) {
    const auto& features = layers[l].encoded_features();
    std::size_t heaviest = 0;
    for (std::size_t f = 1; f < features.size(); ++f) {
      if (features[f].weight > features[heaviest].weight) heaviest = f;
    }
    for (std::size_t f = 0; f < features.size(); ++f) {
      if (f != heaviest && !features[f].dropped) candidates.push_back({features[f].weight, l, f});
    }
  }
  std::sort(candidates.begin(), candidates.end(), [](const DropCandidate& a, const DropCandidate& b) {
    return std::tie(a.weight, a.layer, b.feature) < std::tie(b.weight, b.layer, a.feature);
  });
  return candidates;
}

}  // namespace

std::string encode_tile(const std::vector<LayerBuilder>& layers) {
  std::string tile;
  for (std::size_t i = 0; i < layers.size(); ++i) {
    const LayerBuilder& layer = layers[i];
    if (layer.feature_count() == 0) continue;

    for (std::size_t j = 0; j < i; ++j) {
      if (layers[j].feature_count() > 0 && layers[j].name() == layer.name()) {
        throw Error(ErrorKind::invalid_argument,
                    {fmt::format("duplicate layer name '{}': every layer of a tile needs its own name", layer.name()),
                     fmt::format("tên lớp '{}' bị trùng: mỗi lớp trong ô bản đồ cần tên riêng", layer.name())});
      }
    }
    layer.append_to_tile(tile);
  }
  return tile;
}

}  // namespace bando::tiles

namespace bando::tiles {

BudgetedTile encode_tile_within(std::vector<LayerBuilder>& layers, std::size_t max_bytes) {
  BudgetedTile result{encode_tile(layers), 0};
  if (result.bytes.size() <= max_bytes) return result;

  const std::vector<DropCandidate> candidates = drop_order(layers);
  std::size_t excess = result.bytes.size() - max_bytes;
  std::size_t saved = 0;
  for (const DropCandidate& candidate : candidates) {
    const std::size_t size = layers[candidate.layer].encoded_features()[candidate.feature].size;
    layers[candidate.layer].drop_feature(candidate.feature);
    ++result.dropped_features;
    // A feature costs its bytes plus a field key and a length prefix. Layer
    // length prefixes shrink too, so the estimate is checked by encoding again.
    saved += size + 1 + varint_size(size);
    if (saved < excess) continue;

    result.bytes = encode_tile(layers);
    if (result.bytes.size() <= max_bytes) return result;
    excess = result.bytes.size() - max_bytes;
    saved = 0;
  }
  result.bytes = encode_tile(layers);
  return result;
}

}  // namespace bando::tiles
