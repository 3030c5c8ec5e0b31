// GET /collections/{id}/items and /collections/{id}/items/{featureId} as GeoJSON.

#include <algorithm>
#include <chrono>

#include <fmt/chrono.h>
#include <fmt/format.h>

#include "geo/error.hpp"
#include "geo/tile_math.hpp"
#include "server/handlers/collection_json.hpp"
#include "server/handlers/handlers.hpp"
#include "server/json.hpp"
#include "server/params.hpp"

namespace bando::server {
namespace {

constexpr std::int64_t kDefaultLimit = 10;
constexpr std::int64_t kMaxLimit = 10'000;
constexpr const char* kGeoJson = "application/geo+json";

struct ItemsRequest {
  data::FeatureQuery query;
  std::optional<std::string> bbox_text;
};

// Reads limit, offset and bbox. A limit above kMaxLimit is clamped, not refused.
ItemsRequest parse_items_request(const QueryParams& params) {
  reject_unknown_params(params, {"bbox", "limit", "offset", "f"});
  ItemsRequest result;
  result.query.limit = kDefaultLimit;
  if (auto limit = params.get("limit")) {
    const std::int64_t requested = parse_integer("limit", *limit, 1, std::numeric_limits<std::int64_t>::max());
    result.query.limit = std::min(requested, kMaxLimit);
  }
  if (auto offset = params.get("offset")) {
    result.query.offset = parse_integer("offset", *offset, 0, std::numeric_limits<std::int64_t>::max());
  }
  if (auto bbox = params.get("bbox")) {
    result.query.bbox_mercator = geo::lonlat_to_mercator(parse_bbox(*bbox));
    result.bbox_text = *bbox;
  }
  return result;
}

std::string page_url(const std::string& collection_url, const ItemsRequest& request, std::int64_t offset) {
  std::string url = fmt::format("{}/items?limit={}&offset={}", collection_url, request.query.limit, offset);
  if (request.bbox_text) url += "&bbox=" + *request.bbox_text;
  return url;
}

void write_page_links(JsonWriter& writer, const std::string& collection_url, const ItemsRequest& request,
                      std::int64_t returned, std::int64_t matched) {
  const std::int64_t offset = request.query.offset;
  writer.Key("links");
  writer.StartArray();
  write_link(writer, page_url(collection_url, request, offset), "self", kGeoJson);
  write_link(writer, collection_url, "collection", "application/json");
  if (offset + returned < matched) {
    write_link(writer, page_url(collection_url, request, offset + returned), "next", kGeoJson, "Next page");
  }
  if (offset > 0) {
    const std::int64_t previous = std::max<std::int64_t>(0, offset - request.query.limit);
    write_link(writer, page_url(collection_url, request, previous), "prev", kGeoJson, "Previous page");
  }
  writer.EndArray();
}

std::string utc_now() {
  return fmt::format("{:%Y-%m-%dT%H:%M:%SZ}",
                     std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now()));
}

Response get_items(const AppContext& app, RequestContext& context) {
  const std::string& id = context.param("id");
  ItemsRequest request = parse_items_request(context.target.query);
  const data::DatasetInfo dataset = require_dataset(app.store, id);
  // Count and page read the same version, so a publish in between cannot mix them.
  request.query.version = dataset.version;
  const std::int64_t matched = app.store.count_features(id, request.query);

  JsonBuffer buffer;
  JsonWriter writer(buffer);
  writer.StartObject();
  writer.Key("type");
  writer.String("FeatureCollection");
  writer.Key("features");
  writer.StartArray();
  std::int64_t returned = 0;
  app.store.scan_features(id, request.query, [&](const data::FeatureRecord& record) {
    write_feature(writer, record);
    ++returned;
  });
  writer.EndArray();
  writer.Key("numberMatched");
  writer.Int64(matched);
  writer.Key("numberReturned");
  writer.Int64(returned);
  writer.Key("timeStamp");
  writer.String(utc_now());
  write_page_links(writer, context.base_url + "/collections/" + id, request, returned, matched);
  writer.EndObject();
  return json_response(buffer, kGeoJson);
}

Response get_item(const AppContext& app, RequestContext& context) {
  reject_unknown_params(context.target.query, {"f"});
  const std::string& id = context.param("id");
  const std::string& feature_text = context.param("featureId");
  require_dataset(app.store, id);
  std::int64_t feature_id = 0;
  try {
    feature_id = parse_integer("featureId", feature_text, 1, std::numeric_limits<std::int64_t>::max());
  } catch (const Error&) {
    // Ids are positive integers, so any other text names no feature.
    feature_id = 0;
  }
  JsonBuffer buffer;
  JsonWriter writer(buffer);
  const bool found = feature_id > 0 && app.store.visit_feature(id, feature_id, [&](const data::FeatureRecord& record) {
    write_feature(writer, record);
  });
  if (!found) {
    throw Error(ErrorKind::not_found,
                {fmt::format("collection '{}' has no feature '{}'", id, feature_text),
                 fmt::format("bộ dữ liệu '{}' không có đối tượng '{}'", id, feature_text)});
  }
  return json_response(buffer, kGeoJson);
}

}  // namespace

void add_item_routes(Router& router, const AppContext& app) {
  router.add(http::verb::get, "/collections/{id}/items",
             [&app](RequestContext& context) { return get_items(app, context); });
  router.add(http::verb::get, "/collections/{id}/items/{featureId}",
             [&app](RequestContext& context) { return get_item(app, context); });
}

}  // namespace bando::server
