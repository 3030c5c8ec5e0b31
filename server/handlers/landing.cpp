#include "server/handlers/landing.hpp"

#include <string>
#include <vector>

#include <fmt/format.h>

#include "server/handlers/html_page.hpp"
#include "server/json.hpp"
#include "server/handlers/link_titles.hpp"

namespace bando::server {
namespace {

constexpr const char* kOpenApiType = "application/vnd.oai.openapi+json;version=3.0";

struct LandingLink {
  std::string path;       // relative to the base URL
  std::string html_path;  // the HTML form of the same resource, or empty when it has none
  const char* rel;
  const char* type;
  const char* title_en;
  const char* title_vi;
};

std::vector<LandingLink> landing_links() {
  return {
      {"/api", "", "service-desc", kOpenApiType, "API definition (OpenAPI 3.0)", "Định nghĩa API (OpenAPI 3.0)"},
      {"/api?f=html", "/api?f=html", "service-doc", "text/html", "API documentation", "Tài liệu API"},
      {"/conformance", "/conformance?f=html", "conformance", "application/json", "OGC conformance classes", "Các lớp phù hợp OGC"},
      {"/collections", "/collections?f=html", "data", "application/json", "Collections", "Các bộ dữ liệu"},
      {"/tileMatrixSets", "", "http://www.opengis.net/def/rel/ogc/1.0/tiling-schemes", "application/json",
       "Tile matrix sets", "Các lưới ô bản đồ"},
      {"/catalog.jsonld", "", "describedby", "application/ld+json", "DCAT-AP catalog", "Danh mục DCAT-AP"},
      {"/", "", "related", "text/html", "Map viewer", "Trình xem bản đồ"},
  };
}

const char* description(Language language) {
  return localized(language,
                   "Open map data of Viet Nam: vector tiles, OGC API – Features, postcodes and places.",
                   "Dữ liệu bản đồ mở của Việt Nam: ô bản đồ vector, OGC API – Features, mã bưu chính và địa danh.");
}

Response landing_json(const RequestContext& context) {
  const std::string& base = context.base_url;
  JsonBuffer buffer;
  JsonWriter writer(buffer);
  writer.StartObject();
  writer.Key("title");
  writer.String("bando");
  writer.Key("description");
  writer.String(description(context.language));
  writer.Key("links");
  writer.StartArray();
  write_link(writer, base + "/?f=json", "self", "application/json", link_title(LinkTitle::this_document, context.language));
  write_link(writer, base + "/?f=html", "alternate", "text/html",
             link_title(LinkTitle::this_document_as_html, context.language));
  for (const LandingLink& link : landing_links()) {
    write_link(writer, base + link.path, link.rel, link.type,
               localized(context.language, link.title_en, link.title_vi));
  }
  writer.EndArray();
  writer.EndObject();
  Response response = json_response(buffer);
  mark_negotiated(response);
  return response;
}

Response landing_html(const RequestContext& context) {
  const Language language = page_language(context);
  HtmlPage page{context, language, "bando", ""};
  page.body += fmt::format("<p>{}</p>\n<ul>\n", escape_html(description(language)));
  for (const LandingLink& link : landing_links()) {
    const bool has_html = !link.html_path.empty();
    std::string href = context.base_url + (has_html ? link.html_path : link.path);
    // Keep the page language on the HTML pages that the list leads to.
    if (has_html && language == Language::en) href += "&lang=en";
    page.body += "<li>";
    page.link(href, localized(language, link.title_en, link.title_vi));
    page.body += fmt::format(" <small>({})</small></li>\n", escape_html(has_html ? "text/html" : link.type));
  }
  page.body += "</ul>\n";
  return html_response(page);
}

}  // namespace

Response get_landing(const AppContext&, const RequestContext& context, Format format) {
  return format == Format::json ? landing_json(context) : landing_html(context);
}

}  // namespace bando::server
