// The CKAN Action API subset that harvesters use: package_list, package_show and package_search.

#include <fmt/format.h>

#include "data/catalog_search.hpp"
#include "data/gazetteer/text.hpp"
#include "geo/error.hpp"
#include "server/handlers/collection_json.hpp"
#include "server/handlers/handlers.hpp"
#include "server/json.hpp"
#include "server/params.hpp"

namespace bando::server {
namespace {

constexpr std::int64_t kMaxRows = 1000;

// CKAN organization names are lowercase slugs: "Sở GTVT" becomes "so-gtvt".
std::string organization_name(const std::string& publisher) {
  std::string slug;
  for (char c : data::fold_for_search(publisher)) slug += c == ' ' ? '-' : c;
  return slug;
}

void write_envelope_start(JsonWriter& writer, const std::string& action) {
  writer.StartObject();
  writer.Key("help");
  write_string(writer, "/api/3/action/help_show?name=" + action);
  writer.Key("success");
  writer.Bool(true);
  writer.Key("result");
}

void write_resource(JsonWriter& writer, const std::string& id, const std::string& name, const std::string& url,
                    const char* format) {
  writer.StartObject();
  writer.Key("id");
  write_string(writer, id);
  writer.Key("name");
  write_string(writer, name);
  writer.Key("url");
  write_string(writer, url);
  writer.Key("format");
  writer.String(format);
  writer.EndObject();
}

void write_spatial_extra(JsonWriter& writer, const geo::Box& box) {
  writer.StartObject();
  writer.Key("key");
  writer.String("spatial");
  writer.Key("value");
  // ckanext-spatial reads a GeoJSON geometry from this extra.
  write_string(writer, fmt::format(R"({{"type":"Polygon","coordinates":[[[{0},{1}],[{2},{1}],[{2},{3}],[{0},{3}],[{0},{1}]]]}})",
                                   box.min_x, box.min_y, box.max_x, box.max_y));
  writer.EndObject();
}

void write_package(JsonWriter& writer, const data::DatasetInfo& dataset, const std::string& base_url) {
  const data::DatasetMetadata& m = dataset.metadata;
  writer.StartObject();
  writer.Key("id");
  write_string(writer, m.id);
  writer.Key("name");
  write_string(writer, m.id);
  writer.Key("title");
  write_string(writer, m.title);
  writer.Key("notes");
  write_string(writer, m.description);
  writer.Key("license_id");
  write_string(writer, m.license);
  writer.Key("metadata_modified");
  write_string(writer, dataset.updated);
  writer.Key("version");
  write_string(writer, std::to_string(dataset.version));
  writer.Key("state");
  writer.String("active");
  writer.Key("type");
  writer.String("dataset");
  writer.Key("url");
  write_string(writer, base_url + "/datasets/" + m.id);
  writer.Key("organization");
  writer.StartObject();
  writer.Key("name");
  write_string(writer, organization_name(m.publisher));
  writer.Key("title");
  write_string(writer, m.publisher);
  writer.EndObject();
  writer.Key("num_tags");
  writer.Uint64(m.keywords.size());
  writer.Key("tags");
  writer.StartArray();
  for (const auto& keyword : m.keywords) {
    writer.StartObject();
    writer.Key("name");
    write_string(writer, keyword);
    writer.EndObject();
  }
  writer.EndArray();
  writer.Key("num_resources");
  writer.Uint(2);
  writer.Key("resources");
  writer.StartArray();
  write_resource(writer, m.id + "-geojson", "GeoJSON", base_url + "/collections/" + m.id + "/items?limit=10000",
                 "GeoJSON");
  write_resource(writer, m.id + "-mvt", "Vector tiles (TileJSON)", base_url + "/tiles/" + m.id + ".json", "MVT");
  writer.EndArray();
  writer.Key("extras");
  writer.StartArray();
  if (!dataset.extent_lonlat.empty()) write_spatial_extra(writer, dataset.extent_lonlat);
  writer.EndArray();
  writer.EndObject();
}

Response finish(JsonBuffer& buffer, JsonWriter& writer) {
  writer.EndObject();
  return json_response(buffer);
}

Response package_list(const AppContext& app, RequestContext& context) {
  reject_unknown_params(context.target.query, {});
  JsonBuffer buffer;
  JsonWriter writer(buffer);
  write_envelope_start(writer, "package_list");
  writer.StartArray();
  for (const auto& dataset : app.store.list_datasets()) write_string(writer, dataset.metadata.id);
  writer.EndArray();
  return finish(buffer, writer);
}

Response package_show(const AppContext& app, RequestContext& context) {
  reject_unknown_params(context.target.query, {"id"});
  const auto id = context.target.query.get("id");
  if (!id) throw Error(ErrorKind::invalid_argument, {"package_show needs the 'id' parameter", "package_show cần tham số 'id'"});
  const data::DatasetInfo dataset = require_dataset(app.store, *id);
  JsonBuffer buffer;
  JsonWriter writer(buffer);
  write_envelope_start(writer, "package_show");
  write_package(writer, dataset, context.base_url);
  return finish(buffer, writer);
}

// Strips one pair of double quotes around a filter value.
std::string unquote(std::string_view value) {
  if (value.size() >= 2 && value.front() == '"' && value.back() == '"') value = value.substr(1, value.size() - 2);
  return std::string(value);
}

// Applies a Solr-style filter query of `field:value` terms separated by spaces
// (values may be double-quoted): organization, tags and license_id.
void apply_filter_query(std::string_view fq, data::CatalogQuery& query) {
  while (!fq.empty()) {
    fq.remove_prefix(std::min(fq.find_first_not_of(' '), fq.size()));
    if (fq.empty()) break;
    const auto colon = fq.find(':');
    if (colon == std::string_view::npos) {
      throw Error(ErrorKind::invalid_argument,
                  {fmt::format("fq term '{}' is not field:value", fq), fmt::format("điều kiện fq '{}' không có dạng trường:giá_trị", fq)});
    }
    const std::string field(fq.substr(0, colon));
    fq.remove_prefix(colon + 1);
    std::size_t end = fq.starts_with('"') ? fq.find('"', 1) : fq.find(' ');
    if (end != std::string_view::npos && fq.starts_with('"')) ++end;
    const std::string value = unquote(fq.substr(0, end));
    fq.remove_prefix(end == std::string_view::npos ? fq.size() : end);
    if (field == "organization") {
      query.publisher = value;
    } else if (field == "tags") {
      query.keyword = value;
    } else if (field == "license_id") {
      query.license = value;
    } else {
      throw Error(ErrorKind::invalid_argument,
                  {fmt::format("fq field '{}' is not supported; use organization, tags or license_id", field),
                   fmt::format("không hỗ trợ trường fq '{}'; dùng organization, tags hoặc license_id", field)});
    }
  }
}

Response package_search(const AppContext& app, RequestContext& context) {
  const QueryParams& params = context.target.query;
  reject_unknown_params(params, {"q", "fq", "rows", "start"});
  data::CatalogQuery query;
  const std::string q = params.get("q").value_or("");
  query.text = q == "*:*" ? "" : q;
  query.limit = params.has("rows") ? parse_integer("rows", *params.get("rows"), 0, kMaxRows) : 10;
  query.offset = params.has("start") ? parse_integer("start", *params.get("start"), 0, 1'000'000'000) : 0;
  if (auto fq = params.get("fq")) apply_filter_query(*fq, query);

  std::vector<data::DatasetInfo> datasets = app.store.list_datasets();
  // Publishers are matched by their CKAN organization slug as well as by name.
  if (query.publisher) {
    const std::string expected = *query.publisher;
    std::erase_if(datasets, [&](const data::DatasetInfo& dataset) {
      const std::string& publisher = dataset.metadata.publisher;
      return organization_name(publisher) != expected && data::fold_for_search(publisher) != data::fold_for_search(expected);
    });
    query.publisher.reset();
  }
  const data::CatalogPage page = data::search_catalog(datasets, query);

  JsonBuffer buffer;
  JsonWriter writer(buffer);
  write_envelope_start(writer, "package_search");
  writer.StartObject();
  writer.Key("count");
  writer.Int64(page.matched);
  writer.Key("sort");
  writer.String("name asc");
  writer.Key("facets");
  writer.StartObject();
  writer.EndObject();
  writer.Key("search_facets");
  writer.StartObject();
  writer.EndObject();
  writer.Key("results");
  writer.StartArray();
  for (const auto& dataset : page.datasets) write_package(writer, dataset, context.base_url);
  writer.EndArray();
  writer.EndObject();
  return finish(buffer, writer);
}

}  // namespace

void add_ckan_routes(Router& router, const AppContext& app) {
  router.add(http::verb::get, "/api/3/action/package_list",
             [&app](RequestContext& context) { return package_list(app, context); });
  router.add(http::verb::get, "/api/3/action/package_show",
             [&app](RequestContext& context) { return package_show(app, context); });
  router.add(http::verb::get, "/api/3/action/package_search",
             [&app](RequestContext& context) { return package_search(app, context); });
}

}  // namespace bando::server
