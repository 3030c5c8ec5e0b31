// Catalog search: diacritics-insensitive text, filters and paging.

#include <gtest/gtest.h>

#include "data/catalog_search.hpp"

namespace bando::data {
namespace {

DatasetInfo dataset(const std::string& id, const std::string& title, const std::string& publisher,
                    std::vector<std::string> keywords, geo::Box extent) {
  DatasetInfo info;
  info.metadata.id = id;
  info.metadata.title = title;
  info.metadata.publisher = publisher;
  info.metadata.license = "CC-BY-4.0";
  info.metadata.keywords = std::move(keywords);
  info.extent_lonlat = extent;
  return info;
}

std::vector<DatasetInfo> sample() {
  return {dataset("roads", "Đường bộ Hà Nội", "Sở GTVT Hà Nội", {"giao thông"}, {105.3, 20.5, 106.0, 21.4}),
          dataset("schools", "Trường học TP. Hồ Chí Minh", "Sở GD&ĐT", {"giáo dục"}, {106.4, 10.4, 107.0, 11.1}),
          dataset("rivers", "Sông ngòi", "Bộ TN&MT", {"thủy văn", "Giao thông"}, {102.0, 8.5, 109.5, 23.4})};
}

std::vector<std::string> ids(const CatalogPage& page) {
  std::vector<std::string> result;
  for (const auto& info : page.datasets) result.push_back(info.metadata.id);
  return result;
}

TEST(CatalogSearch, TextIgnoresDiacritics) {
  CatalogQuery query;
  query.text = "ha noi";
  EXPECT_EQ(ids(search_catalog(sample(), query)), std::vector<std::string>{"roads"});
}

TEST(CatalogSearch, TextMatchesKeywords) {
  CatalogQuery query;
  query.text = "GIAO THONG";
  EXPECT_EQ(ids(search_catalog(sample(), query)), (std::vector<std::string>{"roads", "rivers"}));
}

TEST(CatalogSearch, PublisherAndKeywordFilters) {
  CatalogQuery query;
  query.publisher = "so gtvt ha noi";
  EXPECT_EQ(ids(search_catalog(sample(), query)), std::vector<std::string>{"roads"});
  CatalogQuery by_keyword;
  by_keyword.keyword = "Thuy van";
  EXPECT_EQ(ids(search_catalog(sample(), by_keyword)), std::vector<std::string>{"rivers"});
}

TEST(CatalogSearch, BboxKeepsIntersecting) {
  CatalogQuery query;
  query.bbox_lonlat = geo::Box{106.5, 10.5, 106.6, 10.6};
  EXPECT_EQ(ids(search_catalog(sample(), query)), (std::vector<std::string>{"schools", "rivers"}));
}

TEST(CatalogSearch, PagingCountsAllMatches) {
  CatalogQuery query;
  query.limit = 1;
  query.offset = 1;
  const CatalogPage page = search_catalog(sample(), query);
  EXPECT_EQ(page.matched, 3);
  EXPECT_EQ(ids(page), std::vector<std::string>{"schools"});
}

}  // namespace
}  // namespace bando::data
