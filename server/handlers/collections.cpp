// GET /collections and /collections/{id}: the OGC API - Features collection documents.

#include <fmt/format.h>

#include "geo/error.hpp"
#include "server/handlers/collection_json.hpp"
#include "server/handlers/handlers.hpp"
#include "server/handlers/items_request.hpp"
#include "server/json.hpp"
#include "server/params.hpp"

namespace bando::server {
namespace {

Response list_collections(const AppContext& app, RequestContext& context) {
  reject_unknown_params(context.target.query, {"f"});
  JsonBuffer buffer;
  JsonWriter writer(buffer);
  writer.StartObject();
  writer.Key("links");
  writer.StartArray();
  write_link(writer, context.base_url + "/collections", "self", "application/json");
  writer.EndArray();
  writer.Key("collections");
  writer.StartArray();
  for (const data::DatasetInfo& dataset : app.store.list_datasets()) {
    write_collection(writer, dataset, context.base_url);
  }
  writer.EndArray();
  writer.EndObject();
  return json_response(buffer);
}

Response get_collection(const AppContext& app, RequestContext& context) {
  // GDAL's OAPIF driver (3.6) appends the query string of its connection URL
  // to every request, so a `crs` meant for the items is accepted and checked
  // here too. The collection document does not depend on it.
  reject_unknown_params(context.target.query, {"f", "crs"});
  parse_crs_param(context.target.query, "crs");
  const data::DatasetInfo dataset = require_dataset(app.store, context.param("id"));
  JsonBuffer buffer;
  JsonWriter writer(buffer);
  write_collection(writer, dataset, context.base_url);
  return json_response(buffer);
}

}  // namespace

data::DatasetInfo require_dataset(const data::Store& store, const std::string& id) {
  auto dataset = store.find_dataset(id);
  if (!dataset) {
    throw Error(ErrorKind::not_found, {fmt::format("unknown collection '{}'", id),
                                       fmt::format("không có bộ dữ liệu '{}'", id)});
  }
  return *dataset;
}

void add_collection_routes(Router& router, const AppContext& app) {
  router.add(http::verb::get, "/collections",
             [&app](RequestContext& context) { return list_collections(app, context); });
  router.add(http::verb::get, "/collections/{id}",
             [&app](RequestContext& context) { return get_collection(app, context); });
}

}  // namespace bando::server
