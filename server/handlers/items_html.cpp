#include "server/handlers/items_html.hpp"

#include <algorithm>
#include <string>
#include <vector>

#include <fmt/format.h>
#include <rapidjson/document.h>

#include "geo/wkb.hpp"
#include "server/handlers/html_page.hpp"

namespace bando::server {
namespace {

// The text of a property value: strings as they are, other JSON values as JSON, null as empty.
std::string value_text(const rapidjson::Value& value) {
  if (value.IsNull()) return "";
  if (value.IsString()) return std::string(value.GetString(), value.GetStringLength());
  JsonBuffer buffer;
  JsonWriter writer(buffer);
  value.Accept(writer);
  return std::string(buffer.GetString(), buffer.GetSize());
}

// The column names: the requested `properties`, or every field of the dataset.
std::vector<std::string> column_names(const data::DatasetInfo& dataset, const ItemsRequest& request) {
  if (request.output.properties) return *request.output.properties;
  std::vector<std::string> names;
  for (const data::Field& field : dataset.fields) names.push_back(field.name);
  return names;
}

std::string property_cells(std::string_view properties_json, const std::vector<std::string>& names) {
  rapidjson::Document document;
  document.Parse(properties_json.data(), properties_json.size());
  std::string cells;
  for (const std::string& name : names) {
    std::string text;
    if (!document.HasParseError() && document.IsObject()) {
      const auto member = document.FindMember(rapidjson::StringRef(name.data(), name.size()));
      if (member != document.MemberEnd()) text = value_text(member->value);
    }
    cells += "<td>" + escape_html(text) + "</td>";
  }
  return cells;
}

const char* geometry_type_name(const data::FeatureRecord& record) {
  if (record.wkb.empty()) return "null";
  switch (geo::decode_wkb(record.wkb).type) {
    case geo::GeometryType::point: return "Point";
    case geo::GeometryType::line_string: return "LineString";
    case geo::GeometryType::polygon: return "Polygon";
    case geo::GeometryType::multi_point: return "MultiPoint";
    case geo::GeometryType::multi_line_string: return "MultiLineString";
    case geo::GeometryType::multi_polygon: return "MultiPolygon";
    case geo::GeometryType::geometry_collection: return "GeometryCollection";
  }
  return "Geometry";
}

// The GeoJSON of this page for its map: always CRS84, whatever `crs` the page URL has.
std::string map_data_url(const RequestContext& context) {
  return request_url_with(context, {{"lang", ""}, {"crs", ""}, {"f", "json"}});
}

std::string language_suffix(Language language) { return language == Language::en ? "&lang=en" : ""; }

// Links to the previous and next pages, pinned to the dataset version as the JSON links are.
void add_paging(HtmlPage& page, const ItemsRequest& request, std::int64_t returned, std::int64_t matched) {
  const std::int64_t offset = request.query.offset;
  const auto page_link = [&](std::int64_t to, const char* en, const char* vi) {
    page.body += ' ';
    page.link(request_url_with(page.context, {{"offset", std::to_string(to)},
                                              {kVersionParam, std::to_string(request.query.version)},
                                              {"f", "html"}}),
              localized(page.language, en, vi));
  };
  page.body += "<p>";
  if (offset > 0) {
    page_link(std::max<std::int64_t>(0, offset - request.query.limit), "← Previous page", "← Trang trước");
  }
  if (offset + returned < matched) page_link(offset + returned, "Next page →", "Trang sau →");
  page.body += "</p>\n";
}

}  // namespace

Response items_html(const AppContext& app, const RequestContext& context, const data::DatasetInfo& dataset,
                    const ItemsRequest& request, std::int64_t matched) {
  const std::string& id = dataset.metadata.id;
  HtmlPage page{context, page_language(context), "", ""};
  const std::string title = dataset.metadata.title.empty() ? id : dataset.metadata.title;
  page.title = fmt::format("{}: {}", title, localized(page.language, "features", "các đối tượng"));
  page.map_geojson_url = map_data_url(context);
  page.body += "<p>";
  page.link(context.base_url + "/collections/" + id + "?f=html" + language_suffix(page.language),
            localized(page.language, "About this collection", "Thông tin bộ dữ liệu"));
  page.body += "</p>\n";

  const std::vector<std::string> names = column_names(dataset, request);
  std::string rows;
  std::int64_t returned = 0;
  app.store.scan_features(id, request.query, [&](const data::FeatureRecord& record) {
    const std::string href = fmt::format("{}/collections/{}/items/{}?f=html{}", context.base_url, id, record.id,
                                         language_suffix(page.language));
    rows += fmt::format("<tr><td><a href=\"{}\">{}</a></td>{}</tr>\n", escape_html(href), record.id,
                        property_cells(record.properties_json, names));
    ++returned;
  });

  page.body += fmt::format("<p>{} {}–{} / {}</p>\n", localized(page.language, "Features", "Đối tượng"),
                           returned == 0 ? 0 : request.query.offset + 1, request.query.offset + returned, matched);
  page.body += fmt::format("<table>\n<tr><th>{}</th>", localized(page.language, "Feature", "Đối tượng"));
  for (const std::string& name : names) page.body += "<th>" + escape_html(name) + "</th>";
  page.body += "</tr>\n" + rows + "</table>\n";
  add_paging(page, request, returned, matched);
  return html_response(page);
}

Response item_html(const RequestContext& context, const data::DatasetInfo& dataset,
                   const data::FeatureRecord& record) {
  const std::string& id = dataset.metadata.id;
  HtmlPage page{context, page_language(context), "", ""};
  const std::string title = dataset.metadata.title.empty() ? id : dataset.metadata.title;
  page.title = fmt::format("{} #{}", title, record.id);
  page.map_geojson_url = map_data_url(context);
  page.body += "<p>";
  page.link(context.base_url + "/collections/" + id + "/items?f=html" + language_suffix(page.language),
            localized(page.language, "All features", "Tất cả đối tượng"));
  page.body += "</p>\n<table>\n";
  page.body += fmt::format("<tr><th>{}</th><td>{}</td></tr>\n",
                           localized(page.language, "Geometry", "Hình học"), geometry_type_name(record));
  for (const data::Field& field : dataset.fields) {
    page.body += fmt::format("<tr><th>{}</th>{}</tr>\n", escape_html(field.name),
                             property_cells(record.properties_json, {field.name}));
  }
  page.body += "</table>\n";
  return html_response(page);
}

}  // namespace bando::server
