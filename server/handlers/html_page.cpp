#include "server/handlers/html_page.hpp"

#include <fmt/format.h>

namespace bando::server {
namespace {

constexpr std::string_view kStyle =
    "body{font-family:system-ui,sans-serif;margin:0 auto;max-width:72rem;padding:0 1rem;line-height:1.4}"
    "nav{display:flex;gap:1rem;padding:.75rem 0;border-bottom:1px solid #ccc}nav .lang{margin-left:auto}"
    "table{border-collapse:collapse;margin:1rem 0}th,td{border:1px solid #ccc;padding:.25rem .5rem;"
    "text-align:left;vertical-align:top}th{background:#f3f3f3}footer{margin:2rem 0;color:#555}"
    "#feature-map{height:22rem;border:1px solid #ccc}";

}  // namespace

std::string escape_html(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (const char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out += c;
    }
  }
  return out;
}

void HtmlPage::link(std::string_view href, std::string_view text) {
  body += fmt::format("<a href=\"{}\">{}</a>", escape_html(href), escape_html(text));
}

Response html_response(const HtmlPage& page) {
  const Language language = page.language;
  const Language other = language == Language::vi ? Language::en : Language::vi;
  const std::string json_url = escape_html(alternate_url(page.context, Format::json));
  const std::string switch_url =
      escape_html(request_url_with(page.context, {{"lang", other == Language::vi ? "vi" : "en"}}));
  const std::string base = escape_html(page.context.base_url);
  const std::string lang_suffix = language == Language::en ? "&amp;lang=en" : "";

  std::string html;
  html += fmt::format("<!doctype html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n",
                      language == Language::vi ? "vi" : "en");
  html += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
          "<link rel=\"icon\" href=\"/web/favicon.svg\" type=\"image/svg+xml\">\n";
  const std::string title = escape_html(page.title);
  html += fmt::format("<title>{}</title>\n", title == "bando" ? title : title + " – bando");
  html += fmt::format("<link rel=\"alternate\" type=\"application/json\" href=\"{}\">\n", json_url);
  html += fmt::format("<style>{}</style>\n", kStyle);
  const bool has_map = !page.map_geojson_url.empty();
  if (has_map) {
    // The viewer's MapLibre and basemap style, served from the web root.
    html += "<link rel=\"stylesheet\" href=\"/web/node_modules/maplibre-gl/dist/maplibre-gl.css\">\n"
            "<script src=\"/web/node_modules/maplibre-gl/dist/maplibre-gl.js\"></script>\n"
            "<script type=\"module\" src=\"/web/js/feature_map.js\"></script>\n";
  }
  html += "</head>\n<body>\n";
  html += fmt::format(
      "<nav><a href=\"{0}/?f=html{1}\">{2}</a><a href=\"{0}/collections?f=html{1}\">{3}</a>"
      "<a href=\"{0}/\">{4}</a><a href=\"{0}/api?f=html{1}\">API</a>"
      "<a class=\"lang\" hreflang=\"{5}\" href=\"{6}\">{7}</a></nav>\n",
      base, lang_suffix, localized(language, "Home", "Trang chủ"),
      localized(language, "Collections", "Bộ dữ liệu"), localized(language, "Map", "Bản đồ"),
      other == Language::vi ? "vi" : "en", switch_url, localized(language, "Tiếng Việt", "English"));
  html += fmt::format("<main>\n<h1>{}</h1>\n", title);
  if (has_map) {
    html += fmt::format("<div id=\"feature-map\" data-geojson=\"{}\"></div>\n", escape_html(page.map_geojson_url));
  }
  html += page.body;
  html += fmt::format("\n</main>\n<footer>{} <a rel=\"alternate\" type=\"application/json\" href=\"{}\">JSON</a>"
                      "</footer>\n</body>\n</html>\n",
                      localized(language, "This page as", "Trang này dưới dạng"), json_url);

  Response response{http::status::ok, 11};
  response.set(http::field::content_type, "text/html; charset=utf-8");
  response.set(http::field::content_language, language == Language::vi ? "vi" : "en");
  mark_negotiated(response);
  response.body() = std::move(html);
  return response;
}

}  // namespace bando::server
