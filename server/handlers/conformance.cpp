// GET /conformance: the OGC conformance classes bando implements.

#include "server/handlers/handlers.hpp"
#include "server/json.hpp"
#include "server/params.hpp"

namespace bando::server {
namespace {

// Each entry is a class that the endpoints really implement; add one only with
// the feature it names, and its tests.
constexpr const char* kConformanceClasses[] = {
    "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core",
    "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/geojson",
};

Response get_conformance(RequestContext& context) {
  reject_unknown_params(context.target.query, {"f"});
  JsonBuffer buffer;
  JsonWriter writer(buffer);
  writer.StartObject();
  writer.Key("conformsTo");
  writer.StartArray();
  for (const char* uri : kConformanceClasses) writer.String(uri);
  writer.EndArray();
  writer.EndObject();
  return json_response(buffer);
}

}  // namespace

void add_conformance_routes(Router& router) {
  router.add(http::verb::get, "/conformance", [](RequestContext& context) { return get_conformance(context); });
}

}  // namespace bando::server
