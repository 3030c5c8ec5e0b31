// GET /conformance: the OGC conformance classes bando implements.

#include "server/handlers/handlers.hpp"
#include "server/handlers/html_page.hpp"
#include "server/handlers/negotiation.hpp"
#include "server/json.hpp"
#include "server/params.hpp"
#include "server/handlers/link_titles.hpp"

namespace bando::server {
namespace {

// Each entry is a class that the endpoints really implement; add one only with
// the feature it names, and its tests.
constexpr const char* kConformanceClasses[] = {
    "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core",
    "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/geojson",
    "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/html",
    "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/oas30",
    "http://www.opengis.net/spec/ogcapi-tiles-1/1.0/conf/core",
    "http://www.opengis.net/spec/ogcapi-tiles-1/1.0/conf/tileset",
    "http://www.opengis.net/spec/ogcapi-tiles-1/1.0/conf/tilesets-list",
    "http://www.opengis.net/spec/ogcapi-tiles-1/1.0/conf/geodata-tilesets",
    "http://www.opengis.net/spec/ogcapi-tiles-1/1.0/conf/mvt",
    "http://www.opengis.net/spec/ogcapi-features-2/1.0/conf/crs",
    "http://www.opengis.net/spec/ogcapi-features-3/1.0/conf/queryables",
    "http://www.opengis.net/spec/ogcapi-features-3/1.0/conf/queryables-query-parameters",
    "http://www.opengis.net/spec/ogcapi-features-3/1.0/conf/filter",
    "http://www.opengis.net/spec/ogcapi-features-3/1.0/conf/features-filter",
    // NOTE: DATE() and TIMESTAMP() literals and property-to-property comparisons of
    // Basic CQL2 are not parsed yet; a filter using them gets a 400 with its position.
    "http://www.opengis.net/spec/cql2/1.0/conf/basic-cql2",
    "http://www.opengis.net/spec/cql2/1.0/conf/advanced-comparison-operators",
    "http://www.opengis.net/spec/cql2/1.0/conf/basic-spatial-functions",
    "http://www.opengis.net/spec/cql2/1.0/conf/basic-spatial-functions-plus",
    "http://www.opengis.net/spec/cql2/1.0/conf/spatial-functions",
    "http://www.opengis.net/spec/cql2/1.0/conf/cql2-text",
    "http://www.opengis.net/spec/cql2/1.0/conf/cql2-json",
};

Response conformance_html(const RequestContext& context) {
  HtmlPage page{context, page_language(context), "", ""};
  page.title = localized(page.language, "Conformance classes", "Các lớp phù hợp");
  page.body += "<ul>\n";
  for (const char* uri : kConformanceClasses) {
    page.body += "<li>";
    page.link(uri, uri);
    page.body += "</li>\n";
  }
  page.body += "</ul>\n";
  return html_response(page);
}

Response get_conformance(RequestContext& context) {
  reject_unknown_params(context.target.query, {"f", "lang"});
  if (negotiate_format(context) == Format::html) return conformance_html(context);
  JsonBuffer buffer;
  JsonWriter writer(buffer);
  writer.StartObject();
  writer.Key("links");
  writer.StartArray();
  write_link(writer, context.base_url + "/conformance", "self", "application/json",
             link_title(LinkTitle::this_document, context.language));
  write_link(writer, alternate_url(context, Format::html), "alternate", "text/html",
             link_title(LinkTitle::this_document_as_html, context.language));
  writer.EndArray();
  writer.Key("conformsTo");
  writer.StartArray();
  for (const char* uri : kConformanceClasses) writer.String(uri);
  writer.EndArray();
  writer.EndObject();
  Response response = json_response(buffer);
  mark_negotiated(response);
  return response;
}

}  // namespace

void add_conformance_routes(Router& router) {
  router.add(http::verb::get, "/conformance", [](RequestContext& context) { return get_conformance(context); });
}

}  // namespace bando::server
