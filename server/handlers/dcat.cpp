// DCAT-AP JSON-LD views: /datasets/{id}.jsonld for one dataset and /catalog.jsonld for the catalog.

#include <fmt/format.h>

#include "server/handlers/collection_json.hpp"
#include "server/handlers/handlers.hpp"
#include "server/json.hpp"
#include "server/params.hpp"

namespace bando::server {
namespace {

void write_context(JsonWriter& writer) {
  writer.Key("@context");
  writer.StartObject();
  writer.Key("dcat");
  writer.String("http://www.w3.org/ns/dcat#");
  writer.Key("dct");
  writer.String("http://purl.org/dc/terms/");
  writer.Key("foaf");
  writer.String("http://xmlns.com/foaf/0.1/");
  writer.Key("locn");
  writer.String("http://www.w3.org/ns/locn#");
  writer.Key("xsd");
  writer.String("http://www.w3.org/2001/XMLSchema#");
  writer.EndObject();
}

void write_literal(JsonWriter& writer, const char* key, const std::string& value, const char* language) {
  writer.Key(key);
  writer.StartObject();
  writer.Key("@value");
  write_string(writer, value);
  writer.Key("@language");
  writer.String(language);
  writer.EndObject();
}

void write_typed(JsonWriter& writer, const char* key, const std::string& value, const char* type) {
  writer.Key(key);
  writer.StartObject();
  writer.Key("@value");
  write_string(writer, value);
  writer.Key("@type");
  writer.String(type);
  writer.EndObject();
}

void write_distribution(JsonWriter& writer, const std::string& url, const char* media_type, const char* title) {
  writer.StartObject();
  writer.Key("@type");
  writer.String("dcat:Distribution");
  writer.Key("dct:title");
  writer.String(title);
  writer.Key("dcat:accessURL");
  writer.StartObject();
  writer.Key("@id");
  write_string(writer, url);
  writer.EndObject();
  writer.Key("dcat:downloadURL");
  writer.StartObject();
  writer.Key("@id");
  write_string(writer, url);
  writer.EndObject();
  writer.Key("dcat:mediaType");
  writer.String(media_type);
  writer.EndObject();
}

// Writes one dcat:Dataset node; `with_context` adds @context for a standalone document.
void write_dcat_dataset(JsonWriter& writer, const data::DatasetInfo& dataset, const std::string& base_url,
                        bool with_context) {
  const data::DatasetMetadata& m = dataset.metadata;
  writer.StartObject();
  if (with_context) write_context(writer);
  writer.Key("@id");
  write_string(writer, base_url + "/datasets/" + m.id);
  writer.Key("@type");
  writer.String("dcat:Dataset");
  writer.Key("dct:identifier");
  write_string(writer, m.id);
  write_literal(writer, "dct:title", m.title, "vi");
  write_literal(writer, "dct:description", m.description, "vi");
  writer.Key("dct:publisher");
  writer.StartObject();
  writer.Key("@type");
  writer.String("foaf:Agent");
  writer.Key("foaf:name");
  write_string(writer, m.publisher);
  writer.EndObject();
  if (!m.license.empty()) {
    writer.Key("dct:license");
    write_string(writer, m.license);
  }
  writer.Key("dcat:keyword");
  writer.StartArray();
  for (const auto& keyword : m.keywords) write_string(writer, keyword);
  writer.EndArray();
  write_typed(writer, "dct:modified", dataset.updated, "xsd:dateTime");
  if (!dataset.extent_lonlat.empty()) {
    const geo::Box& box = dataset.extent_lonlat;
    writer.Key("dct:spatial");
    writer.StartObject();
    writer.Key("@type");
    writer.String("dct:Location");
    write_typed(writer, "dcat:bbox",
                fmt::format("POLYGON(({0} {1},{2} {1},{2} {3},{0} {3},{0} {1}))", box.min_x, box.min_y, box.max_x,
                            box.max_y),
                "http://www.opengis.net/ont/geosparql#wktLiteral");
    writer.EndObject();
  }
  writer.Key("dcat:distribution");
  writer.StartArray();
  write_distribution(writer, base_url + "/collections/" + m.id + "/items?limit=10000", "application/geo+json",
                     "GeoJSON");
  write_distribution(writer, base_url + "/tiles/" + m.id + ".json", "application/json", "TileJSON");
  writer.EndArray();
  writer.EndObject();
}

Response get_catalog_dcat(const AppContext& app, RequestContext& context) {
  reject_unknown_params(context.target.query, {});
  JsonBuffer buffer;
  JsonWriter writer(buffer);
  writer.StartObject();
  write_context(writer);
  writer.Key("@id");
  write_string(writer, context.base_url + "/catalog.jsonld");
  writer.Key("@type");
  writer.String("dcat:Catalog");
  write_literal(writer, "dct:title", "Danh mục dữ liệu mở bando", "vi");
  writer.Key("dcat:dataset");
  writer.StartArray();
  for (const auto& dataset : app.store.list_datasets()) write_dcat_dataset(writer, dataset, context.base_url, false);
  writer.EndArray();
  writer.EndObject();
  return json_response(buffer, "application/ld+json");
}

}  // namespace

Response get_dataset_dcat(const AppContext& app, RequestContext& context) {
  reject_unknown_params(context.target.query, {});
  const data::DatasetInfo dataset = require_dataset(app.store, context.param("id"));
  JsonBuffer buffer;
  JsonWriter writer(buffer);
  write_dcat_dataset(writer, dataset, context.base_url, true);
  return json_response(buffer, "application/ld+json");
}

void add_dcat_routes(Router& router, const AppContext& app) {
  router.add(http::verb::get, "/catalog.jsonld",
             [&app](RequestContext& context) { return get_catalog_dcat(app, context); });
}

}  // namespace bando::server
