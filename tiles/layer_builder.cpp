#include "tiles/layer_builder.hpp"

#include <cmath>

#include <protozero/pbf_writer.hpp>

#include "geo/wkb.hpp"
#include "tiles/geometry_commands.hpp"
#include "tiles/mvt_fields.hpp"

namespace bando::tiles {
namespace {

// Area of the rings in square tile units: exterior rings count positive and holes negative.
double polygon_area(const TileGeometry& geometry) {
  std::int64_t twice_area = 0;
  for (const std::vector<TilePoint>& ring : geometry.parts) twice_area += twice_signed_area(ring);
  return static_cast<double>(twice_area) / 2;
}

double path_length(const std::vector<TilePoint>& path) {
  double length = 0;
  for (std::size_t i = 1; i < path.size(); ++i) {
    const double dx = static_cast<double>(path[i].x) - path[i - 1].x;
    const double dy = static_cast<double>(path[i].y) - path[i - 1].y;
    length += std::hypot(dx, dy);
  }
  return length;
}

double feature_weight(const TileGeometry& geometry) {
  switch (geometry.type) {
    case TileGeometryType::polygon: return polygon_area(geometry);
    case TileGeometryType::line_string: {
      double length = 0;
      for (const auto& path : geometry.parts) length += path_length(path);
      return length;
    }
    case TileGeometryType::point: return 0;
  }
  return 0;
}

// Polygon parts in TileGeometry::parts order: each exterior ring (positive
// area) followed by its holes, as half-open index ranges.
std::vector<std::pair<std::size_t, std::size_t>> polygon_ranges(const TileGeometry& geometry) {
  std::vector<std::pair<std::size_t, std::size_t>> ranges;
  for (std::size_t i = 0; i < geometry.parts.size(); ++i) {
    TileGeometry ring{TileGeometryType::polygon, {geometry.parts[i]}};
    if (polygon_area(ring) > 0 || ranges.empty()) {
      ranges.emplace_back(i, i + 1);
    } else {
      ranges.back().second = i + 1;
    }
  }
  return ranges;
}

}  // namespace

LayerBuilder::LayerBuilder(std::string name, const geo::TileId& tile, const TileOptions& options)
    : name_(std::move(name)), options_(options), clipper_(tile, options) {}

void LayerBuilder::add_feature(const data::FeatureRecord& record) {
  if (record.wkb.empty()) return;

  const geo::Geometry geometry = geo::decode_wkb(record.wkb);
  geometries_.clear();
  clipper_.clip(geometry, geometries_);
  std::erase_if(geometries_, [this](TileGeometry& tile_geometry) { return !generalize(tile_geometry); });
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
    feature_spans_.push_back({offset, features_.size() - offset, feature_weight(tile_geometry), false});
    ++features_kept_;
  }
}

bool LayerBuilder::generalize(TileGeometry& geometry) {
  switch (geometry.type) {
    case TileGeometryType::point: {
      if (options_.point_grid == 0) return true;
      std::vector<TilePoint>& points = geometry.parts.front();
      std::erase_if(points, [this](const TilePoint& point) {
        // Buffer points have negative coordinates, so shift before dividing.
        const auto shift = static_cast<std::int64_t>(options_.buffer);
        const auto column = static_cast<std::uint64_t>((point.x + shift) / options_.point_grid);
        const auto row = static_cast<std::uint64_t>((point.y + shift) / options_.point_grid);
        return !occupied_cells_.insert((column << 32) | row).second;
      });
      return !points.empty();
    }
    case TileGeometryType::line_string: {
      if (options_.min_line_length <= 0) return true;
      std::erase_if(geometry.parts,
                    [this](const std::vector<TilePoint>& path) { return path_length(path) < options_.min_line_length; });
      return !geometry.parts.empty();
    }
    case TileGeometryType::polygon: {
      if (options_.min_polygon_area <= 0) return true;
      std::vector<std::vector<TilePoint>> large_rings;
      for (const auto& [begin, end] : polygon_ranges(geometry)) {
        TileGeometry polygon{TileGeometryType::polygon, {}};
        polygon.parts.assign(geometry.parts.begin() + static_cast<std::ptrdiff_t>(begin),
                             geometry.parts.begin() + static_cast<std::ptrdiff_t>(end));
        if (polygon_area(polygon) < options_.min_polygon_area) continue;
        for (auto& ring : polygon.parts) large_rings.push_back(std::move(ring));
      }
      geometry.parts = std::move(large_rings);
      return !geometry.parts.empty();
    }
  }
  return true;
}

void LayerBuilder::drop_feature(std::size_t index) {
  EncodedFeature& feature = feature_spans_.at(index);
  if (feature.dropped) return;
  feature.dropped = true;
  --features_kept_;
}

void LayerBuilder::append_to_tile(std::string& tile) const {
  protozero::pbf_writer tile_writer{tile};
  protozero::pbf_writer layer{tile_writer, mvt::kTileLayers};

  layer.add_string(mvt::kLayerName, name_);
  for (const EncodedFeature& feature : feature_spans_) {
    if (!feature.dropped) layer.add_message(mvt::kLayerFeatures, features_.data() + feature.offset, feature.size);
  }
  for (const std::string& key : properties_.keys()) layer.add_string(mvt::kLayerKeys, key);
  for (const std::string& value : properties_.values()) layer.add_message(mvt::kLayerValues, value);
  layer.add_uint32(mvt::kLayerExtent, options_.extent);
  layer.add_uint32(mvt::kLayerVersion, mvt::kVersion);
}

}  // namespace bando::tiles
