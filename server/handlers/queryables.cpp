// GET /collections/{id}/queryables: the properties that filters may name, as a JSON Schema.

#include "server/handlers/collection_json.hpp"
#include "server/handlers/handlers.hpp"
#include "server/json.hpp"
#include "server/params.hpp"

namespace bando::server {
namespace {

Response get_queryables(const AppContext& app, RequestContext& context) {
  reject_unknown_params(context.target.query, {"f"});
  const data::DatasetInfo dataset = require_dataset(app.store, context.param("id"));

  JsonBuffer buffer;
  JsonWriter writer(buffer);
  writer.StartObject();
  writer.Key("$schema");
  writer.String("https://json-schema.org/draft/2020-12/schema");
  writer.Key("$id");
  write_string(writer, context.base_url + "/collections/" + dataset.metadata.id + "/queryables");
  writer.Key("type");
  writer.String("object");
  writer.Key("title");
  write_string(writer, dataset.metadata.title);

  writer.Key("properties");
  writer.StartObject();
  // The geometry is queryable through the spatial predicates.
  writer.Key("geometry");
  writer.StartObject();
  writer.Key("format");
  writer.String("geometry-any");
  writer.EndObject();
  for (const data::Field& field : dataset.fields) {
    write_string(writer, field.name);
    writer.StartObject();
    writer.Key("title");
    write_string(writer, field.name);
    writer.Key("type");
    writer.String(data::to_json_schema_type(field.type));
    writer.EndObject();
  }
  writer.EndObject();

  writer.Key("additionalProperties");
  writer.Bool(false);
  writer.EndObject();
  return json_response(buffer, "application/schema+json");
}

}  // namespace

void add_queryables_routes(Router& router, const AppContext& app) {
  router.add(http::verb::get, "/collections/{id}/queryables",
             [&app](RequestContext& context) { return get_queryables(app, context); });
}

}  // namespace bando::server
