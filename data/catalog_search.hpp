#pragma once
// Searching the dataset catalog by text, publisher, licence, keyword and extent, with paging.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "data/dataset.hpp"
#include "geo/box.hpp"

namespace bando::data {

struct CatalogQuery {
  // Words that must each start a word of the title, description or keywords,
  // compared without case and diacritics ("ha no" finds "Hà Nội"). Empty matches all.
  std::string text;
  std::optional<std::string> publisher;  // exact match, ignoring case and diacritics
  std::optional<std::string> license;    // exact match, ignoring case
  std::optional<std::string> keyword;    // one keyword equal to it, ignoring case and diacritics
  std::optional<geo::Box> bbox_lonlat;   // WGS 84 degrees; keeps datasets whose extent intersects it
  std::int64_t limit = 10;
  std::int64_t offset = 0;
};

struct CatalogPage {
  std::int64_t matched = 0;           // datasets matching, ignoring limit and offset
  std::vector<DatasetInfo> datasets;  // the requested page, in the order given
};

// Filters `datasets` (in their order, usually by id) and returns one page.
// Throws bando::Error (invalid_argument) when the text is not valid UTF-8.
CatalogPage search_catalog(const std::vector<DatasetInfo>& datasets, const CatalogQuery& query);

}  // namespace bando::data
