#pragma once
// Titles of the links in JSON responses, in the language of the request.

#include "server/problem.hpp"

namespace bando::server {

enum class LinkTitle {
  this_document,
  this_document_as_html,
  this_collection_as_html,
  features,
  queryables,
  vector_tilesets,
  this_page_as_html,
  next_page,
  previous_page,
  this_feature_as_html,
  geojson_download,
  geopackage_download,
};

// Returns the title in `language`. Names of formats and standards, such as
// TileJSON and DCAT-AP, are not titles of this kind and stay as they are.
const char* link_title(LinkTitle title, Language language);

}  // namespace bando::server
