#include "tiles/layer_builder.hpp"

#include <protozero/pbf_writer.hpp>

#include "geo/wkb.hpp"
#include "tiles/geometry_commands.hpp"
#include "tiles/mvt_fields.hpp"

namespace bando::tiles {

LayerBuilder::LayerBuilder(std::string name, const geo::TileId& tile, const TileOptions& options)
    : name_(std::move(name)), options_(options), clipper_(tile, options) {}

void LayerBuilder::add_feature(const data::FeatureRecord& record) {
  if (record.wkb.empty()) return;

  const geo::Geometry geometry = geo::decode_wkb(record.wkb);
  geometries_.clear();
  clipper_.clip(geometry, geometries_);
  if (geometries_.empty()) return;

  // Properties go into the tables only for features that are kept.
  tags_.clear();
  properties_.append_tags(record.properties_json, tags_);

  for (const TileGeometry& tile_geometry : geometries_) {
    commands_.clear();
    append_geometry_commands(tile_geometry, commands_);

    const std::size_t offset = features_.size();
    {
      protozero::pbf_writer feature{features_};
      if (record.id >= 0) feature.add_uint64(mvt::kFeatureId, static_cast<std::uint64_t>(record.id));
      if (!tags_.empty()) feature.add_packed_uint32(mvt::kFeatureTags, tags_.begin(), tags_.end());
      feature.add_enum(mvt::kFeatureType, static_cast<std::int32_t>(tile_geometry.type));
      feature.add_packed_uint32(mvt::kFeatureGeometry, commands_.begin(), commands_.end());
    }
    feature_spans_.emplace_back(offset, features_.size() - offset);
  }
}

void LayerBuilder::append_to_tile(std::string& tile) const {
  protozero::pbf_writer tile_writer{tile};
  protozero::pbf_writer layer{tile_writer, mvt::kTileLayers};

  layer.add_string(mvt::kLayerName, name_);
  for (const auto& [offset, size] : feature_spans_) {
    layer.add_message(mvt::kLayerFeatures, features_.data() + offset, size);
  }
  for (const std::string& key : properties_.keys()) layer.add_string(mvt::kLayerKeys, key);
  for (const std::string& value : properties_.values()) layer.add_message(mvt::kLayerValues, value);
  layer.add_uint32(mvt::kLayerExtent, options_.extent);
  layer.add_uint32(mvt::kLayerVersion, mvt::kVersion);
}

}  // namespace bando::tiles
