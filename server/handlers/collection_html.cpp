#include "server/handlers/collection_html.hpp"

#include <fmt/format.h>

#include "server/handlers/html_page.hpp"

namespace bando::server {
namespace {

// The URL of the HTML form of `path`, with lang=en when the page is in English.
std::string html_url(const HtmlPage& page, const std::string& path) {
  return page.context.base_url + path + "?f=html" + (page.language == Language::en ? "&lang=en" : "");
}

std::string extent_text(const data::DatasetInfo& dataset) {
  if (dataset.extent_lonlat.empty()) return "–";
  const geo::Box& box = dataset.extent_lonlat;
  return fmt::format("{:.6f}, {:.6f}, {:.6f}, {:.6f}", box.min_x, box.min_y, box.max_x, box.max_y);
}

void add_row(HtmlPage& page, const char* en, const char* vi, std::string_view value) {
  page.body += fmt::format("<tr><th>{}</th><td>{}</td></tr>\n", localized(page.language, en, vi),
                           escape_html(value));
}

const char* field_type_name(data::FieldType type) {
  switch (type) {
    case data::FieldType::integer: return "integer";
    case data::FieldType::real: return "number";
    case data::FieldType::boolean: return "boolean";
    case data::FieldType::string: break;
  }
  return "string";
}

}  // namespace

Response collections_html(const RequestContext& context, const std::vector<data::DatasetInfo>& datasets) {
  HtmlPage page{context, page_language(context), "", ""};
  page.title = localized(page.language, "Collections", "Các bộ dữ liệu");
  page.body += fmt::format("<table>\n<tr><th>{}</th><th>{}</th><th>{}</th><th>{}</th></tr>\n",
                           localized(page.language, "Collection", "Bộ dữ liệu"),
                           localized(page.language, "Publisher", "Đơn vị công bố"),
                           localized(page.language, "Features", "Số đối tượng"),
                           localized(page.language, "Extent (lon/lat)", "Phạm vi (kinh độ/vĩ độ)"));
  for (const data::DatasetInfo& dataset : datasets) {
    const data::DatasetMetadata& m = dataset.metadata;
    page.body += "<tr><td>";
    page.link(html_url(page, "/collections/" + m.id), m.title.empty() ? m.id : m.title);
    page.body += fmt::format("</td><td>{}</td><td>{}</td><td>{}</td></tr>\n", escape_html(m.publisher),
                             dataset.feature_count, escape_html(extent_text(dataset)));
  }
  page.body += "</table>\n";
  return html_response(page);
}

Response collection_html(const RequestContext& context, const data::DatasetInfo& dataset) {
  const data::DatasetMetadata& m = dataset.metadata;
  HtmlPage page{context, page_language(context), m.title.empty() ? m.id : m.title, ""};
  if (!m.description.empty()) page.body += fmt::format("<p>{}</p>\n", escape_html(m.description));
  page.body += "<table>\n";
  add_row(page, "Identifier", "Mã định danh", m.id);
  add_row(page, "Publisher", "Đơn vị công bố", m.publisher);
  add_row(page, "License", "Giấy phép", m.license);
  add_row(page, "Geometry type", "Kiểu hình học", dataset.geometry_type);
  add_row(page, "Features", "Số đối tượng", std::to_string(dataset.feature_count));
  add_row(page, "Spatial extent (lon/lat)", "Phạm vi không gian (kinh độ/vĩ độ)", extent_text(dataset));
  add_row(page, "Temporal extent", "Phạm vi thời gian", localized(page.language, "not given", "chưa có"));
  add_row(page, "Version", "Phiên bản", std::to_string(dataset.version));
  add_row(page, "Updated", "Cập nhật", dataset.updated);
  page.body += "</table>\n";

  page.body += fmt::format("<h2>{}</h2>\n<table>\n<tr><th>{}</th><th>{}</th></tr>\n",
                           localized(page.language, "Properties", "Thuộc tính"),
                           localized(page.language, "Name", "Tên"), localized(page.language, "Type", "Kiểu"));
  for (const data::Field& field : dataset.fields) {
    page.body += fmt::format("<tr><td>{}</td><td>{}</td></tr>\n", escape_html(field.name),
                             field_type_name(field.type));
  }
  page.body += "</table>\n<ul>\n<li>";
  page.link(html_url(page, "/collections/" + m.id + "/items"), localized(page.language, "Features", "Các đối tượng"));
  page.body += "</li>\n<li>";
  page.link(context.base_url + "/collections/" + m.id + "/queryables",
            localized(page.language, "Queryables (JSON Schema)", "Thuộc tính truy vấn được (JSON Schema)"));
  page.body += "</li>\n<li>";
  page.link(context.base_url + "/tiles/" + m.id + ".json", "TileJSON");
  page.body += "</li>\n</ul>\n";
  return html_response(page);
}

}  // namespace bando::server
