// GET /tiles/{ids}/{z}/{x}/{y}.mvt and /tiles/{ids}.json (TileJSON 3.0), and the shared tile response.

#include <memory>
#include <string_view>

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include "geo/error.hpp"
#include "geo/tile_math.hpp"
#include "server/conditional.hpp"
#include "server/content_coding.hpp"
#include "server/handlers/collection_json.hpp"
#include "server/handlers/handlers.hpp"
#include "server/handlers/ogc_tiles.hpp"
#include "server/json.hpp"
#include "server/params.hpp"
#include "tiles/gzip.hpp"
#include "tiles/tile_service.hpp"

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

// Strong validator: a tile changes only when one of its datasets gets a new
// version. The gzip representation gets its own tag, as RFC 9110 section 8.8.3
// requires of strong validators for different content codings.
std::string tile_etag(const std::vector<data::DatasetInfo>& datasets, const geo::TileId& tile, bool gzip) {
  std::string tag = "\"" + geo::to_string(tile);
  for (const auto& dataset : datasets) tag += fmt::format(";{}@{}", dataset.metadata.id, dataset.version);
  return tag + (gzip ? ";gzip\"" : "\"");
}

const char* source_name(tiles::TileResult::Source source) {
  switch (source) {
    case tiles::TileResult::Source::memory: return "memory";
    case tiles::TileResult::Source::disk: return "disk";
    case tiles::TileResult::Source::rendered: return "miss";
  }
  return "miss";
}

Response get_tile(tiles::TileService& service, const AppContext& app, RequestContext& context) {
  reject_unknown_params(context.target.query, {});
  const geo::TileId tile = parse_tile(context);
  const std::string& tileset = context.param("ids");
  return tile_response(service, resolve_tileset(app.store, tileset), tile, tileset, context);
}

// The process-wide settings that add_tile_routes gives its TileService.
tiles::TileServiceOptions& tile_service_settings() {
  static tiles::TileServiceOptions settings;
  return settings;
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

Response tile_response(tiles::TileService& service, const std::vector<data::DatasetInfo>& datasets,
                       const geo::TileId& tile, const std::string& label, const RequestContext& context) {
  const bool gzip = accepts_gzip(context.request[http::field::accept_encoding]);
  const std::string etag = tile_etag(datasets, tile, gzip);
  if (request_matches_etag(context.request, etag)) return not_modified_response(etag);

  const tiles::TileResult result = service.get(datasets, tile);
  const tiles::CachedTile& cached = *result.tile;
  if (result.source == tiles::TileResult::Source::rendered && cached.dropped_features > 0) {
    spdlog::info("tile {} of '{}' exceeded the {} byte budget: dropped {} smallest features, {} bytes left",
                 geo::to_string(tile), label, service.options().max_tile_bytes, cached.dropped_features,
                 cached.mvt.size());
  }

  // An empty tile is a result, not an error, so it gets 204 No Content, from the cache too.
  Response response{cached.mvt.empty() ? http::status::no_content : http::status::ok, 11};
  response.set(http::field::etag, etag);
  response.set(http::field::cache_control, "public, max-age=0, must-revalidate");
  response.set(http::field::vary, "Accept-Encoding");
  response.set("Bando-Cache", source_name(result.source));
  if (cached.dropped_features > 0) response.set("Bando-Dropped-Features", std::to_string(cached.dropped_features));
  if (cached.mvt.empty()) return response;

  response.set(http::field::content_type, kMvtType);
  if (gzip) {
    response.set(http::field::content_encoding, "gzip");
    response.body() = cached.gzip.empty() ? tiles::gzip_compress(cached.mvt) : cached.gzip;
  } else {
    response.body() = cached.mvt;
  }
  return response;
}

void set_tile_service_options(const tiles::TileServiceOptions& options) { tile_service_settings() = options; }

void add_tile_routes(Router& router, const AppContext& app) {
  auto service = std::make_shared<tiles::TileService>(app.store, tile_service_settings());
  router.add(http::verb::get, "/tiles/{ids}/{z}/{x}/{y}.mvt",
             [&app, service](RequestContext& context) { return get_tile(*service, app, context); });
  router.add(http::verb::get, "/tiles/{ids}.json",
             [&app](RequestContext& context) { return get_tilejson(app, context); });
  add_ogc_tile_routes(router, app, service);
}

}  // namespace bando::server
