// GET /collections and /collections/{id}: the OGC API - Features collection documents.

#include <fmt/format.h>

#include "geo/error.hpp"
#include "server/handlers/collection_html.hpp"
#include "server/handlers/collection_json.hpp"
#include "server/handlers/handlers.hpp"
#include "server/handlers/items_request.hpp"
#include "server/handlers/negotiation.hpp"
#include "server/json.hpp"
#include "server/params.hpp"
#include "server/handlers/link_titles.hpp"

namespace bando::server {
namespace {

Response list_collections(const AppContext& app, RequestContext& context) {
  reject_unknown_params(context.target.query, {"f", "lang"});
  if (negotiate_format(context) == Format::html) {
    return collections_html(context, app.store.list_datasets());
  }
  JsonBuffer buffer;
  JsonWriter writer(buffer);
  writer.StartObject();
  writer.Key("links");
  writer.StartArray();
  write_link(writer, context.base_url + "/collections", "self", "application/json");
  write_link(writer, context.base_url + "/collections?f=html", "alternate", "text/html",
             link_title(LinkTitle::this_document_as_html, context.language));
  writer.EndArray();
  writer.Key("collections");
  writer.StartArray();
  for (const data::DatasetInfo& dataset : app.store.list_datasets()) {
    write_collection(writer, dataset, context.base_url, context.language);
  }
  writer.EndArray();
  writer.EndObject();
  Response response = json_response(buffer);
  mark_negotiated(response);
  return response;
}

Response get_collection(const AppContext& app, RequestContext& context) {
  // GDAL's OAPIF driver (3.6) appends the query string of its connection URL
  // to every request, so a `crs` meant for the items is accepted and checked
  // here too. The collection document does not depend on it.
  reject_unknown_params(context.target.query, {"f", "lang", "crs"});
  parse_crs_param(context.target.query, "crs");
  const Format format = negotiate_format(context);
  const data::DatasetInfo dataset = require_dataset(app.store, context.param("id"));
  if (format == Format::html) return collection_html(context, dataset);
  JsonBuffer buffer;
  JsonWriter writer(buffer);
  write_collection(writer, dataset, context.base_url, context.language);
  Response response = json_response(buffer);
  mark_negotiated(response);
  return response;
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
