// GET /archives/{name}/{z}/{x}/{y}.mvt and /archives/{name}.json: MBTiles and
// PMTiles archives given to `bando serve --archive NAME=PATH`, served as tilesets.

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include "data/dataset.hpp"
#include "geo/error.hpp"
#include "geo/tile_math.hpp"
#include "server/conditional.hpp"
#include "server/content_coding.hpp"
#include "server/handlers/handlers.hpp"
#include "server/json.hpp"
#include "server/params.hpp"
#include "tiles/archive/gzip.hpp"

namespace bando::server {
namespace {

constexpr const char* kMvtType = "application/vnd.mapbox-vector-tile";
// Upper bound on a decompressed tile, for clients that do not accept gzip.
constexpr std::size_t kMaxTileBytes = std::size_t{64} << 20;

const tiles::archive::ArchiveSet* served_archives = nullptr;

const tiles::archive::ArchiveReader& require_archive(const tiles::archive::ArchiveSet& archives,
                                                     const std::string& name) {
  const auto it = archives.find(name);
  if (it == archives.end()) {
    throw Error(ErrorKind::not_found, {fmt::format("archive '{}' not found; bando serve --archive NAME=PATH adds one", name),
                                       fmt::format("không tìm thấy tệp lưu trữ '{}'; thêm bằng bando serve --archive TÊN=ĐƯỜNG_DẪN", name)});
  }
  return *it->second;
}

geo::TileId parse_tile(const RequestContext& context) {
  const auto z = parse_integer("z", context.param("z"), 0, static_cast<std::int64_t>(geo::kMaxZoom));
  const std::int64_t last = (std::int64_t{1} << z) - 1;
  const auto x = parse_integer("x", context.param("x"), 0, last);
  const auto y = parse_integer("y", context.param("y"), 0, last);
  return {static_cast<std::uint32_t>(z), static_cast<std::uint32_t>(x), static_cast<std::uint32_t>(y)};
}

Response get_archive_tile(RequestContext& context) {
  reject_unknown_params(context.target.query, {});
  const auto& archive = require_archive(*served_archives, context.param("name"));
  const geo::TileId tile = parse_tile(context);
  std::optional<std::string> bytes = archive.read_tile(tile);
  // A tile the archive lacks is empty, like an empty live tile: 204 No Content.
  if (!bytes || bytes->empty()) return Response{http::status::no_content, 11};

  const std::string etag = "\"" + tiles::archive::to_hex(tiles::archive::content_key(*bytes)) + "\"";
  if (request_matches_etag(context.request, etag)) return not_modified_response(etag);
  Response response{http::status::ok, 11};
  response.set(http::field::content_type, kMvtType);
  response.set(http::field::etag, etag);
  response.set(http::field::cache_control, "public, max-age=0, must-revalidate");
  response.set(http::field::vary, "Accept-Encoding");
  if (tiles::archive::is_gzip(*bytes)) {
    if (accepts_gzip(context.request[http::field::accept_encoding])) {
      response.set(http::field::content_encoding, "gzip");
    } else {
      *bytes = tiles::archive::gzip_decompress(*bytes, kMaxTileBytes);
    }
  }
  response.body() = std::move(*bytes);
  return response;
}

Response get_archive_tilejson(RequestContext& context) {
  reject_unknown_params(context.target.query, {});
  const std::string& name = context.param("name");
  const auto& metadata = require_archive(*served_archives, name).metadata();
  const auto& bounds = metadata.bounds_lonlat;

  JsonBuffer buffer;
  JsonWriter writer(buffer);
  writer.StartObject();
  writer.Key("tilejson");
  writer.String("3.0.0");
  writer.Key("name");
  write_string(writer, metadata.name.empty() ? name : metadata.name);
  writer.Key("description");
  write_string(writer, metadata.description);
  writer.Key("attribution");
  write_string(writer, metadata.attribution);
  writer.Key("scheme");
  writer.String("xyz");
  writer.Key("tiles");
  writer.StartArray();
  write_string(writer, fmt::format("{}/archives/{}/{{z}}/{{x}}/{{y}}.mvt", context.base_url, name));
  writer.EndArray();
  writer.Key("minzoom");
  writer.Int(metadata.min_zoom);
  writer.Key("maxzoom");
  writer.Int(metadata.max_zoom);
  writer.Key("bounds");
  write_bbox(writer, bounds);
  writer.Key("center");
  writer.StartArray();
  writer.Double((bounds.min_x + bounds.max_x) / 2);
  writer.Double((bounds.min_y + bounds.max_y) / 2);
  writer.Int(metadata.center_zoom);
  writer.EndArray();
  writer.Key("vector_layers");
  // The readers return vector_layers re-serialised by rapidjson, so it is valid JSON.
  const std::string& layers = metadata.vector_layers_json.empty() ? std::string("[]") : metadata.vector_layers_json;
  writer.RawValue(layers.c_str(), layers.size(), rapidjson::kArrayType);
  writer.EndObject();
  return json_response(buffer);
}

}  // namespace

tiles::archive::ArchiveSet open_served_archives(const std::vector<std::string>& specs) {
  tiles::archive::ArchiveSet archives;
  for (const auto& spec : specs) {
    const std::size_t equals = spec.find('=');
    if (equals == std::string::npos || equals + 1 == spec.size()) {
      throw Error(ErrorKind::invalid_argument, {fmt::format("invalid --archive '{}': expected NAME=PATH", spec),
                                                fmt::format("--archive '{}' không hợp lệ: cần TÊN=ĐƯỜNG_DẪN", spec)});
    }
    const std::string name = spec.substr(0, equals);
    const std::string path = spec.substr(equals + 1);
    data::validate_dataset_id(name);
    if (archives.count(name) > 0) {
      throw Error(ErrorKind::invalid_argument, {fmt::format("archive name '{}' is given twice", name),
                                                fmt::format("tên tệp lưu trữ '{}' bị lặp", name)});
    }
    auto reader = tiles::archive::open_archive(path);
    const auto& metadata = reader->metadata();
    spdlog::info("serving archive '{}' from {} (zoom {} to {})", name, path, metadata.min_zoom, metadata.max_zoom);
    archives.emplace(name, std::move(reader));
  }
  return archives;
}

void set_served_archives(const tiles::archive::ArchiveSet* archives) { served_archives = archives; }

void add_archive_routes(Router& router, const AppContext&) {
  if (!served_archives) return;
  router.add(http::verb::get, "/archives/{name}/{z}/{x}/{y}.mvt",
             [](RequestContext& context) { return get_archive_tile(context); });
  router.add(http::verb::get, "/archives/{name}.json",
             [](RequestContext& context) { return get_archive_tilejson(context); });
}

}  // namespace bando::server
