// GET /datasets and /datasets/{id}: catalog search and one dataset with its versions.

#include <fmt/format.h>

#include "data/catalog_search.hpp"
#include "geo/error.hpp"
#include "server/handlers/dataset_json.hpp"
#include "server/handlers/collection_json.hpp"
#include "server/handlers/handlers.hpp"
#include "server/params.hpp"

namespace bando::server {
namespace {

constexpr std::int64_t kMaxPageSize = 1000;

data::CatalogQuery parse_catalog_query(const QueryParams& query) {
  reject_unknown_params(query, {"q", "publisher", "license", "keyword", "bbox", "limit", "offset"});
  data::CatalogQuery result;
  result.text = query.get("q").value_or("");
  result.publisher = query.get("publisher");
  result.license = query.get("license");
  result.keyword = query.get("keyword");
  if (auto bbox = query.get("bbox")) result.bbox_lonlat = parse_bbox(*bbox);
  if (auto limit = query.get("limit")) result.limit = parse_integer("limit", *limit, 1, kMaxPageSize);
  if (auto offset = query.get("offset")) result.offset = parse_integer("offset", *offset, 0, 1'000'000'000);
  return result;
}

Response search_datasets(const AppContext& app, RequestContext& context) {
  const data::CatalogQuery query = parse_catalog_query(context.target.query);
  const data::CatalogPage page = data::search_catalog(app.store.list_datasets(), query);
  JsonBuffer buffer;
  JsonWriter writer(buffer);
  writer.StartObject();
  writer.Key("numberMatched");
  writer.Int64(page.matched);
  writer.Key("numberReturned");
  writer.Uint64(page.datasets.size());
  writer.Key("datasets");
  writer.StartArray();
  for (const auto& dataset : page.datasets) write_dataset(writer, dataset, context.base_url, context.language);
  writer.EndArray();
  writer.EndObject();
  return json_response(buffer);
}

Response get_dataset(const AppContext& app, RequestContext& context) {
  reject_unknown_params(context.target.query, {});
  const data::DatasetInfo dataset = require_dataset(app.store, context.param("id"));
  // A publish may delete the dataset between the two reads; list_versions then throws not_found.
  const std::vector<data::VersionInfo> versions = app.store.list_versions(dataset.metadata.id);
  JsonBuffer buffer;
  JsonWriter writer(buffer);
  write_dataset(writer, dataset, context.base_url, context.language, versions);
  return json_response(buffer);
}

}  // namespace

void add_dataset_routes(Router& router, const AppContext& app) {
  router.add(http::verb::get, "/datasets", [&app](RequestContext& context) { return search_datasets(app, context); });
  router.add(http::verb::get, "/datasets/{id}.jsonld",
             [&app](RequestContext& context) { return get_dataset_dcat(app, context); });
  add_dataset_download_routes(router, app);
  router.add(http::verb::get, "/datasets/{id}", [&app](RequestContext& context) { return get_dataset(app, context); });
  add_dataset_write_routes(router, app);
}

}  // namespace bando::server
