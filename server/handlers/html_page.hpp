#pragma once
// Server-rendered HTML pages of the OGC API endpoints, in Vietnamese or English.

#include <string>
#include <string_view>

#include "server/handlers/negotiation.hpp"

namespace bando::server {

// Escapes &, <, >, " and ' so that `text` is safe in element content and in
// quoted attribute values.
std::string escape_html(std::string_view text);

// `vi` or `en` by `language`.
inline const char* localized(Language language, const char* en, const char* vi) {
  return language == Language::vi ? vi : en;
}

// An HTML page under construction. `body` takes trusted markup, so every value
// from a request, a dataset or a feature must go through escape_html first.
struct HtmlPage {
  const RequestContext& context;
  Language language;
  std::string title;  // plain text; escaped when the page is rendered
  std::string body;
  // GeoJSON URL of the features to draw on a map above the body; empty for no map.
  std::string map_geojson_url = {};

  // Appends <a href="href">text</a>, escaping both.
  void link(std::string_view href, std::string_view text);
};

// The complete document: head with the JSON alternate link, a navigation bar
// with a link to switch language, the map when the page has one, `page.body`
// and a footer linking the JSON.
// Sets Content-Language and Vary.
Response html_response(const HtmlPage& page);

}  // namespace bando::server
