#include "tiles/tile_encoder.hpp"

#include <fmt/format.h>

#include "geo/error.hpp"

namespace bando::tiles {

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
