// OGC API – Tiles 1.0 (OGC 20-057) for single collections, with the
// WebMercatorQuad tile matrix set of OGC 2D TMS 2.0 (OGC 17-083r4).

#include "server/handlers/ogc_tiles.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <string>

#include <fmt/format.h>

#include "geo/error.hpp"
#include "geo/tile_math.hpp"
#include "server/handlers/collection_json.hpp"
#include "server/json.hpp"
#include "server/params.hpp"

namespace bando::server {
namespace {

constexpr const char* kTileMatrixSetId = "WebMercatorQuad";
constexpr const char* kTileMatrixSetUri = "http://www.opengis.net/def/tilematrixset/OGC/1.0/WebMercatorQuad";
constexpr const char* kCrsUri = "http://www.opengis.net/def/crs/EPSG/0/3857";
constexpr const char* kTilingSchemeRel = "http://www.opengis.net/def/rel/ogc/1.0/tiling-scheme";
constexpr const char* kMvtType = "application/vnd.mapbox-vector-tile";
constexpr int kTilePixels = 256;
// OGC 2D TMS 2.0 defines scale denominators for 0.28 mm pixels.
constexpr double kPixelSizeMetres = 0.00028;

void require_tile_matrix_set(const std::string& id) {
  if (id == kTileMatrixSetId) return;
  throw Error(ErrorKind::not_found,
              {fmt::format("tile matrix set '{}' not found: bando serves only WebMercatorQuad", id),
               fmt::format("không tìm thấy tập ma trận ô '{}': bando chỉ phục vụ WebMercatorQuad", id)});
}

void write_link(JsonWriter& writer, const std::string& href, const char* rel, const char* type,
                bool templated = false) {
  writer.StartObject();
  writer.Key("href");
  write_string(writer, href);
  writer.Key("rel");
  writer.String(rel);
  writer.Key("type");
  writer.String(type);
  if (templated) {
    writer.Key("templated");
    writer.Bool(true);
  }
  writer.EndObject();
}

void write_tile_matrix(JsonWriter& writer, std::uint32_t z) {
  const double cell_size = 2 * geo::kMercatorHalfExtent / kTilePixels / std::ldexp(1.0, static_cast<int>(z));
  const std::uint64_t matrix_size = std::uint64_t{1} << z;
  writer.StartObject();
  writer.Key("id");
  writer.String(std::to_string(z).c_str());
  writer.Key("scaleDenominator");
  writer.Double(cell_size / kPixelSizeMetres);
  writer.Key("cellSize");
  writer.Double(cell_size);
  writer.Key("cornerOfOrigin");
  writer.String("topLeft");
  writer.Key("pointOfOrigin");
  writer.StartArray();
  writer.Double(-geo::kMercatorHalfExtent);
  writer.Double(geo::kMercatorHalfExtent);
  writer.EndArray();
  writer.Key("tileWidth");
  writer.Int(kTilePixels);
  writer.Key("tileHeight");
  writer.Int(kTilePixels);
  writer.Key("matrixWidth");
  writer.Uint64(matrix_size);
  writer.Key("matrixHeight");
  writer.Uint64(matrix_size);
  writer.EndObject();
}

Response get_tile_matrix_sets(RequestContext& context) {
  reject_unknown_params(context.target.query, {"f"});
  JsonBuffer buffer;
  JsonWriter writer(buffer);
  writer.StartObject();
  writer.Key("tileMatrixSets");
  writer.StartArray();
  writer.StartObject();
  writer.Key("id");
  writer.String(kTileMatrixSetId);
  writer.Key("title");
  writer.String("Google Maps Compatible for the World");
  writer.Key("uri");
  writer.String(kTileMatrixSetUri);
  writer.Key("links");
  writer.StartArray();
  write_link(writer, context.base_url + "/tileMatrixSets/" + kTileMatrixSetId, "self", "application/json");
  writer.EndArray();
  writer.EndObject();
  writer.EndArray();
  writer.EndObject();
  return json_response(buffer);
}

Response get_tile_matrix_set(RequestContext& context) {
  reject_unknown_params(context.target.query, {"f"});
  require_tile_matrix_set(context.param("tileMatrixSetId"));
  JsonBuffer buffer;
  JsonWriter writer(buffer);
  writer.StartObject();
  writer.Key("id");
  writer.String(kTileMatrixSetId);
  writer.Key("title");
  writer.String("Google Maps Compatible for the World");
  writer.Key("uri");
  writer.String(kTileMatrixSetUri);
  writer.Key("crs");
  writer.String(kCrsUri);
  writer.Key("orderedAxes");
  writer.StartArray();
  writer.String("X");
  writer.String("Y");
  writer.EndArray();
  writer.Key("wellKnownScaleSet");
  writer.String("http://www.opengis.net/def/wkss/OGC/1.0/GoogleMapsCompatible");
  writer.Key("tileMatrices");
  writer.StartArray();
  for (std::uint32_t z = 0; z <= geo::kMaxZoom; ++z) write_tile_matrix(writer, z);
  writer.EndArray();
  writer.EndObject();
  return json_response(buffer);
}

// Tile row and column ranges covering `extent` (WGS 84 degrees) at zoom z.
void write_matrix_limits(JsonWriter& writer, const geo::Box& extent, std::uint32_t z) {
  const double tiles = std::ldexp(1.0, static_cast<int>(z));
  const geo::Box mercator = geo::lonlat_to_mercator(extent);
  const auto column_of = [tiles](double x) {
    const double column = std::floor((x + geo::kMercatorHalfExtent) / (2 * geo::kMercatorHalfExtent) * tiles);
    return static_cast<std::int64_t>(std::clamp(column, 0.0, tiles - 1));
  };
  const auto row_of = [tiles](double y) {
    const double row = std::floor((geo::kMercatorHalfExtent - y) / (2 * geo::kMercatorHalfExtent) * tiles);
    return static_cast<std::int64_t>(std::clamp(row, 0.0, tiles - 1));
  };
  writer.StartObject();
  writer.Key("tileMatrix");
  writer.String(std::to_string(z).c_str());
  writer.Key("minTileRow");
  writer.Int64(row_of(mercator.max_y));
  writer.Key("maxTileRow");
  writer.Int64(row_of(mercator.min_y));
  writer.Key("minTileCol");
  writer.Int64(column_of(mercator.min_x));
  writer.Key("maxTileCol");
  writer.Int64(column_of(mercator.max_x));
  writer.EndObject();
}

std::string tileset_url(const RequestContext& context, const std::string& id) {
  return fmt::format("{}/collections/{}/tiles/{}", context.base_url, id, kTileMatrixSetId);
}

void write_tileset_summary(JsonWriter& writer, const RequestContext& context, const data::DatasetInfo& dataset) {
  writer.StartObject();
  writer.Key("title");
  write_string(writer, dataset.metadata.title);
  writer.Key("dataType");
  writer.String("vector");
  writer.Key("crs");
  writer.String(kCrsUri);
  writer.Key("tileMatrixSetURI");
  writer.String(kTileMatrixSetUri);
  writer.Key("links");
  writer.StartArray();
  write_link(writer, tileset_url(context, dataset.metadata.id), "self", "application/json");
  write_link(writer, context.base_url + "/tileMatrixSets/" + kTileMatrixSetId, kTilingSchemeRel,
             "application/json");
  writer.EndArray();
  writer.EndObject();
}

Response get_collection_tilesets(const AppContext& app, RequestContext& context) {
  reject_unknown_params(context.target.query, {"f"});
  const data::DatasetInfo dataset = require_dataset(app.store, context.param("collectionId"));
  JsonBuffer buffer;
  JsonWriter writer(buffer);
  writer.StartObject();
  writer.Key("tilesets");
  writer.StartArray();
  write_tileset_summary(writer, context, dataset);
  writer.EndArray();
  writer.Key("links");
  writer.StartArray();
  write_link(writer, fmt::format("{}/collections/{}/tiles", context.base_url, dataset.metadata.id), "self",
             "application/json");
  writer.EndArray();
  writer.EndObject();
  return json_response(buffer);
}

Response get_collection_tileset(const AppContext& app, RequestContext& context) {
  reject_unknown_params(context.target.query, {"f"});
  const data::DatasetInfo dataset = require_dataset(app.store, context.param("collectionId"));
  require_tile_matrix_set(context.param("tileMatrixSetId"));
  const auto& metadata = dataset.metadata;
  const std::string url = tileset_url(context, metadata.id);

  JsonBuffer buffer;
  JsonWriter writer(buffer);
  writer.StartObject();
  writer.Key("title");
  write_string(writer, metadata.title);
  writer.Key("dataType");
  writer.String("vector");
  writer.Key("crs");
  writer.String(kCrsUri);
  writer.Key("tileMatrixSetURI");
  writer.String(kTileMatrixSetUri);
  if (!dataset.extent_lonlat.empty()) {
    writer.Key("tileMatrixSetLimits");
    writer.StartArray();
    for (int z = std::max(0, metadata.min_zoom); z <= std::min<int>(metadata.max_zoom, geo::kMaxZoom); ++z) {
      write_matrix_limits(writer, dataset.extent_lonlat, static_cast<std::uint32_t>(z));
    }
    writer.EndArray();
  }
  writer.Key("layers");
  writer.StartArray();
  writer.StartObject();
  writer.Key("id");
  write_string(writer, metadata.id);
  writer.Key("dataType");
  writer.String("vector");
  writer.Key("minTileMatrix");
  writer.String(std::to_string(metadata.min_zoom).c_str());
  writer.Key("maxTileMatrix");
  writer.String(std::to_string(metadata.max_zoom).c_str());
  writer.EndObject();
  writer.EndArray();
  writer.Key("links");
  writer.StartArray();
  write_link(writer, url, "self", "application/json");
  write_link(writer, context.base_url + "/tileMatrixSets/" + kTileMatrixSetId, kTilingSchemeRel,
             "application/json");
  write_link(writer, url + "/{tileMatrix}/{tileRow}/{tileCol}", "item", kMvtType, true);
  writer.EndArray();
  writer.EndObject();
  return json_response(buffer);
}

// Parses one of tileMatrix, tileRow, tileCol. OGC API – Tiles requires 404 for
// a tile outside the tile matrix set, and text that is not a number still gets 400.
std::uint32_t parse_tile_index(const RequestContext& context, const char* name, std::int64_t last) {
  const std::int64_t value = parse_integer(name, context.param(name), 0, std::numeric_limits<std::int64_t>::max());
  if (value > last) {
    throw Error(ErrorKind::not_found,
                {fmt::format("{} {} is outside the WebMercatorQuad tile matrix set: the maximum is {}", name,
                             value, last),
                 fmt::format("{} {} nằm ngoài tập ma trận ô WebMercatorQuad: giá trị tối đa là {}", name, value,
                             last)});
  }
  return static_cast<std::uint32_t>(value);
}

Response get_collection_tile(tiles::TileService& service, const AppContext& app, RequestContext& context) {
  reject_unknown_params(context.target.query, {"f"});
  const data::DatasetInfo dataset = require_dataset(app.store, context.param("collectionId"));
  require_tile_matrix_set(context.param("tileMatrixSetId"));
  const std::uint32_t z = parse_tile_index(context, "tileMatrix", geo::kMaxZoom);
  const std::int64_t last = (std::int64_t{1} << z) - 1;
  // The row (y) comes before the column (x) in this path.
  const std::uint32_t y = parse_tile_index(context, "tileRow", last);
  const std::uint32_t x = parse_tile_index(context, "tileCol", last);
  return tile_response(service, {dataset}, geo::TileId{z, x, y}, dataset.metadata.id, context);
}

}  // namespace

void add_ogc_tile_routes(Router& router, const AppContext& app, std::shared_ptr<tiles::TileService> service) {
  router.add(http::verb::get, "/tileMatrixSets", [](RequestContext& context) { return get_tile_matrix_sets(context); });
  router.add(http::verb::get, "/tileMatrixSets/{tileMatrixSetId}",
             [](RequestContext& context) { return get_tile_matrix_set(context); });
  router.add(http::verb::get, "/collections/{collectionId}/tiles",
             [&app](RequestContext& context) { return get_collection_tilesets(app, context); });
  router.add(http::verb::get, "/collections/{collectionId}/tiles/{tileMatrixSetId}",
             [&app](RequestContext& context) { return get_collection_tileset(app, context); });
  router.add(http::verb::get, "/collections/{collectionId}/tiles/{tileMatrixSetId}/{tileMatrix}/{tileRow}/{tileCol}",
             [&app, service](RequestContext& context) { return get_collection_tile(*service, app, context); });
}

}  // namespace bando::server
