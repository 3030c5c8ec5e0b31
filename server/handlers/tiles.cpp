// GET /tiles/{ids}/{z}/{x}/{y}.mvt and /tiles/{ids}.json (TileJSON 3.0).

#include <fmt/format.h>

#include "geo/error.hpp"
#include "geo/tile_math.hpp"
#include "server/handlers/collection_json.hpp"
#include "server/handlers/handlers.hpp"
#include "server/json.hpp"
#include "server/params.hpp"
#include "tiles/layer_builder.hpp"
#include "tiles/tile_encoder.hpp"

namespace bando::server {
namespace {

constexpr const char* kBasemapId = "basemap";
constexpr const char* kMvtType = "application/vnd.mapbox-vector-tile";

// The datasets behind a tileset id: "basemap", one collection id, or several
// ids joined by commas (a composite tile with one layer each).
std::vector<data::DatasetInfo> resolve_tileset(const data::Store& store, const std::string& tileset) {
  std::vector<data::DatasetInfo> datasets;
  if (tileset == kBasemapId) {
    for (auto& dataset : store.list_datasets())
      if (dataset.metadata.is_basemap) datasets.push_back(std::move(dataset));
    return datasets;
  }
  std::size_t start = 0;
  while (start <= tileset.size()) {
    const auto comma = tileset.find(',', start);
    const std::string id = tileset.substr(start, comma - start);
    for (const auto& seen : datasets) {
      if (seen.metadata.id == id) {
        throw Error(ErrorKind::invalid_argument,
                    {fmt::format("collection '{}' appears twice in tileset '{}'", id, tileset),
                     fmt::format("bộ dữ liệu '{}' xuất hiện hai lần trong '{}'", id, tileset)});
      }
    }
    datasets.push_back(require_dataset(store, id));
    if (comma == std::string::npos) break;
    start = comma + 1;
  }
  return datasets;
}

geo::TileId parse_tile(const RequestContext& context) {
  const auto max_zoom = static_cast<std::int64_t>(geo::kMaxZoom);
  const auto z = parse_integer("z", context.param("z"), 0, max_zoom);
  const std::int64_t last = (std::int64_t{1} << z) - 1;
  const auto x = parse_integer("x", context.param("x"), 0, last);
  const auto y = parse_integer("y", context.param("y"), 0, last);
  return {static_cast<std::uint32_t>(z), static_cast<std::uint32_t>(x), static_cast<std::uint32_t>(y)};
}

// Strong validator: a tile changes only when one of its datasets gets a new version.
std::string tile_etag(const std::vector<data::DatasetInfo>& datasets, const geo::TileId& tile) {
  std::string tag = "\"" + geo::to_string(tile);
  for (const auto& dataset : datasets) tag += fmt::format(";{}@{}", dataset.metadata.id, dataset.version);
  return tag + "\"";
}

Response not_modified(const std::string& etag) {
  Response response{http::status::not_modified, 11};
  response.set(http::field::etag, etag);
  return response;
}

Response get_tile(const AppContext& app, RequestContext& context) {
  reject_unknown_params(context.target.query, {});
  const geo::TileId tile = parse_tile(context);
  const std::vector<data::DatasetInfo> datasets = resolve_tileset(app.store, context.param("ids"));
  const std::string etag = tile_etag(datasets, tile);
  if (context.request[http::field::if_none_match] == etag) return not_modified(etag);

  tiles::TileOptions options;
  const double buffer_metres =
      (geo::tile_bounds(tile).max_x - geo::tile_bounds(tile).min_x) * options.buffer / options.extent;
  std::vector<tiles::LayerBuilder> layers;
  for (const auto& dataset : datasets) {
    auto& layer = layers.emplace_back(dataset.metadata.id, tile, options);
    if (static_cast<int>(tile.z) < dataset.metadata.min_zoom) continue;
    data::FeatureQuery query;
    query.bbox_mercator = geo::tile_bounds(tile).buffered(buffer_metres);
    query.bbox_envelope_only = true;
    query.version = dataset.version;
    app.store.scan_features(dataset.metadata.id, query,
                            [&layer](const data::FeatureRecord& record) { layer.add_feature(record); });
  }

  std::string body = tiles::encode_tile(layers);
  // An empty tile is a result, not an error, so it gets 204 No Content.
  Response response{body.empty() ? http::status::no_content : http::status::ok, 11};
  response.set(http::field::etag, etag);
  response.set(http::field::cache_control, "public, max-age=0, must-revalidate");
  if (!body.empty()) response.set(http::field::content_type, kMvtType);
  response.body() = std::move(body);
  return response;
}

const char* tilejson_field_type(data::FieldType type) {
  switch (type) {
    case data::FieldType::integer:
    case data::FieldType::real: return "Number";
    case data::FieldType::boolean: return "Boolean";
    case data::FieldType::string: return "String";
  }
  return "String";
}

void write_vector_layer(JsonWriter& writer, const data::DatasetInfo& dataset) {
  writer.StartObject();
  writer.Key("id");
  write_string(writer, dataset.metadata.id);
  writer.Key("description");
  write_string(writer, dataset.metadata.title);
  writer.Key("minzoom");
  writer.Int(dataset.metadata.min_zoom);
  writer.Key("maxzoom");
  writer.Int(dataset.metadata.max_zoom);
  writer.Key("fields");
  writer.StartObject();
  for (const auto& field : dataset.fields) {
    writer.Key(field.name.c_str(), static_cast<rapidjson::SizeType>(field.name.size()));
    writer.String(tilejson_field_type(field.type));
  }
  writer.EndObject();
  writer.EndObject();
}

std::string attribution_of(const std::vector<data::DatasetInfo>& datasets) {
  std::string text;
  for (const auto& dataset : datasets) {
    const auto& m = dataset.metadata;
    std::string part = m.publisher.empty() ? m.license : fmt::format("{} ({})", m.publisher, m.license);
    if (part.empty() || text.find(part) != std::string::npos) continue;
    text += (text.empty() ? "" : "; ") + part;
  }
  return text;
}

Response get_tilejson(const AppContext& app, RequestContext& context) {
  reject_unknown_params(context.target.query, {});
  const std::string& tileset = context.param("ids");
  const std::vector<data::DatasetInfo> datasets = resolve_tileset(app.store, tileset);
  geo::Box bounds;
  int min_zoom = static_cast<int>(geo::kMaxZoom), max_zoom = 0;
  for (const auto& dataset : datasets) {
    bounds.expand(dataset.extent_lonlat);
    min_zoom = std::min(min_zoom, dataset.metadata.min_zoom);
    max_zoom = std::max(max_zoom, dataset.metadata.max_zoom);
  }
  if (datasets.empty()) min_zoom = 0;
  if (bounds.empty()) bounds = {-180, -85.0511287798066, 180, 85.0511287798066};

  JsonBuffer buffer;
  JsonWriter writer(buffer);
  writer.StartObject();
  writer.Key("tilejson");
  writer.String("3.0.0");
  writer.Key("name");
  write_string(writer, datasets.size() == 1 ? datasets.front().metadata.title : tileset);
  writer.Key("scheme");
  writer.String("xyz");
  writer.Key("tiles");
  writer.StartArray();
  write_string(writer, fmt::format("{}/tiles/{}/{{z}}/{{x}}/{{y}}.mvt", context.base_url, tileset));
  writer.EndArray();
  writer.Key("minzoom");
  writer.Int(min_zoom);
  writer.Key("maxzoom");
  writer.Int(max_zoom);
  writer.Key("bounds");
  write_bbox(writer, bounds);
  writer.Key("center");
  writer.StartArray();
  writer.Double((bounds.min_x + bounds.max_x) / 2);
  writer.Double((bounds.min_y + bounds.max_y) / 2);
  writer.Int(min_zoom);
  writer.EndArray();
  writer.Key("attribution");
  write_string(writer, attribution_of(datasets));
  writer.Key("vector_layers");
  writer.StartArray();
  for (const auto& dataset : datasets) write_vector_layer(writer, dataset);
  writer.EndArray();
  writer.EndObject();
  return json_response(buffer);
}

}  // namespace

void add_tile_routes(Router& router, const AppContext& app) {
  router.add(http::verb::get, "/tiles/{ids}/{z}/{x}/{y}.mvt",
             [&app](RequestContext& context) { return get_tile(app, context); });
  router.add(http::verb::get, "/tiles/{ids}.json",
             [&app](RequestContext& context) { return get_tilejson(app, context); });
}

}  // namespace bando::server
