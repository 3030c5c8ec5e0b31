#include "data/catalog_search.hpp"

#include <algorithm>
#include <sstream>

#include "data/gazetteer/text.hpp"

namespace bando::data {
namespace {

std::vector<std::string> split_words(const std::string& folded) {
  std::vector<std::string> words;
  std::istringstream stream(folded);
  std::string word;
  while (stream >> word) words.push_back(word);
  return words;
}

std::string searchable_text(const DatasetInfo& dataset) {
  std::string text = dataset.metadata.title + ' ' + dataset.metadata.description;
  for (const auto& keyword : dataset.metadata.keywords) text += ' ' + keyword;
  return fold_for_search(text);
}

bool matches(const DatasetInfo& dataset, const CatalogQuery& query, const std::vector<std::string>& words) {
  const DatasetMetadata& m = dataset.metadata;
  if (query.publisher && fold_for_search(m.publisher) != fold_for_search(*query.publisher)) return false;
  if (query.license && fold_for_search(m.license) != fold_for_search(*query.license)) return false;
  if (query.keyword) {
    const std::string expected = fold_for_search(*query.keyword);
    const bool found = std::any_of(m.keywords.begin(), m.keywords.end(),
                                   [&](const std::string& keyword) { return fold_for_search(keyword) == expected; });
    if (!found) return false;
  }
  if (query.bbox_lonlat && (dataset.extent_lonlat.empty() || !dataset.extent_lonlat.intersects(*query.bbox_lonlat))) {
    return false;
  }
  if (words.empty()) return true;
  // Pad with spaces so that word prefixes match at word starts only.
  const std::string text = ' ' + searchable_text(dataset) + ' ';
  return std::all_of(words.begin(), words.end(),
                     [&](const std::string& word) { return text.find(' ' + word) != std::string::npos; });
}

}  // namespace

CatalogPage search_catalog(const std::vector<DatasetInfo>& datasets, const CatalogQuery& query) {
  const std::vector<std::string> words = split_words(fold_for_search(query.text));
  CatalogPage page;
  for (const DatasetInfo& dataset : datasets) {
    if (!matches(dataset, query, words)) continue;
    const std::int64_t position = page.matched++;
    if (position >= query.offset && (query.limit < 0 || position < query.offset + query.limit)) {
      page.datasets.push_back(dataset);
    }
  }
  return page;
}

}  // namespace bando::data
