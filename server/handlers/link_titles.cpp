#include "server/handlers/link_titles.hpp"

namespace bando::server {
namespace {

struct Titles {
  const char* en;
  const char* vi;
};

Titles titles_of(LinkTitle title) {
  switch (title) {
    case LinkTitle::this_document: return {"This document", "Tài liệu này"};
    case LinkTitle::this_document_as_html: return {"This document as HTML", "Tài liệu này dạng HTML"};
    case LinkTitle::this_collection_as_html: return {"This collection as HTML", "Bộ dữ liệu này dạng HTML"};
    case LinkTitle::features: return {"Features", "Các đối tượng"};
    case LinkTitle::queryables: return {"Queryables", "Các thuộc tính truy vấn được"};
    case LinkTitle::vector_tilesets: return {"Vector tilesets (OGC API - Tiles)", "Bộ ô bản đồ vector (OGC API - Tiles)"};
    case LinkTitle::this_page_as_html: return {"This page as HTML", "Trang này dạng HTML"};
    case LinkTitle::next_page: return {"Next page", "Trang sau"};
    case LinkTitle::previous_page: return {"Previous page", "Trang trước"};
    case LinkTitle::this_feature_as_html: return {"This feature as HTML", "Đối tượng này dạng HTML"};
    case LinkTitle::geojson_download: return {"GeoJSON download", "Tải về dạng GeoJSON"};
    case LinkTitle::geopackage_download: return {"GeoPackage download", "Tải về dạng GeoPackage"};
  }
  return {"", ""};
}

}  // namespace

const char* link_title(LinkTitle title, Language language) {
  const Titles titles = titles_of(title);
  return language == Language::vi ? titles.vi : titles.en;
}

}  // namespace bando::server
