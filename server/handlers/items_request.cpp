#include "server/handlers/items_request.hpp"

#include <algorithm>
#include <limits>
#include <set>

#include <fmt/format.h>

#include "data/query/cql2.hpp"
#include "geo/error.hpp"
#include "geo/tile_math.hpp"
#include "server/params.hpp"

namespace bando::server {
namespace {

// Parameters that every items request accepts; the dataset's property names are
// accepted too, as equality filters.
// NOTE: a property named like one of these (such as f or lang) can be filtered only through `filter`.
const std::set<std::string, std::less<>> kItemsParams = {
    "bbox",   "bbox-crs",    "crs",        "limit", "offset", "properties", "sortby",
    "datetime", "filter", "filter-lang", "filter-crs", "f", "lang", kVersionParam};

[[noreturn]] void throw_invalid(std::string en, std::string vi) {
  throw Error(ErrorKind::invalid_argument, {std::move(en), std::move(vi)});
}

std::vector<std::string> split_list(std::string_view text) {
  std::vector<std::string> parts;
  while (!text.empty()) {
    const auto comma = text.find(',');
    std::string part(text.substr(0, comma));
    part.erase(0, part.find_first_not_of(' '));
    part.erase(part.find_last_not_of(' ') + 1);
    if (!part.empty()) parts.push_back(part);
    if (comma == std::string_view::npos) break;
    text.remove_prefix(comma + 1);
  }
  return parts;
}

const data::Field* find_field(const data::DatasetInfo& dataset, std::string_view name) {
  const auto found = std::find_if(dataset.fields.begin(), dataset.fields.end(),
                                  [&](const data::Field& field) { return field.name == name; });
  return found == dataset.fields.end() ? nullptr : &*found;
}

void reject_unknown(const QueryParams& params, const data::DatasetInfo& dataset) {
  for (const auto& [key, value] : params.pairs()) {
    if (kItemsParams.contains(key) || find_field(dataset, key) != nullptr) continue;
    std::string list;
    for (const auto& name : kItemsParams) list += (list.empty() ? "" : ", ") + name;
    throw_invalid(fmt::format("unknown query parameter '{}'; this endpoint accepts {} and the collection's "
                              "property names (see /collections/{}/queryables)",
                              key, list, dataset.metadata.id),
                  fmt::format("tham số truy vấn không xác định '{}'; điểm cuối này nhận {} và tên các thuộc tính "
                              "của bộ dữ liệu (xem /collections/{}/queryables)",
                              key, list, dataset.metadata.id));
  }
}

// A bbox in `crs`, in that CRS's axis order, converted to EPSG:3857.
geo::Box parse_bbox_in_crs(std::string_view text, const geo::Crs& crs) {
  if (crs.epsg == 0) return geo::lonlat_to_mercator(parse_bbox(text));
  const std::vector<std::string> parts = split_list(text);
  if (parts.size() != 4 && parts.size() != 6) {
    throw_invalid(fmt::format("bbox must have 4 or 6 comma-separated numbers, got '{}'", text),
                  fmt::format("bbox phải có 4 hoặc 6 số cách nhau bởi dấu phẩy, nhận được '{}'", text));
  }
  std::vector<double> numbers;
  for (const std::string& part : parts) numbers.push_back(parse_number("bbox", part));
  const bool with_height = numbers.size() == 6;
  geo::Box box{numbers[0], numbers[1], numbers[with_height ? 3 : 2], numbers[with_height ? 4 : 3]};
  if (crs.latitude_first) box = {box.min_y, box.min_x, box.max_y, box.max_x};
  if (box.min_x > box.max_x || box.min_y > box.max_y) {
    throw_invalid(fmt::format("bbox '{}' has a minimum above its maximum in {}", text, crs.uri),
                  fmt::format("bbox '{}' có giá trị nhỏ nhất lớn hơn giá trị lớn nhất trong {}", text, crs.uri));
  }
  if (crs.geographic) {
    // Web Mercator cannot hold the poles, so clamp to its latitude range.
    constexpr double kMaxLat = 85.05112878;
    box.min_y = std::max(box.min_y, -kMaxLat);
    box.max_y = std::min(box.max_y, kMaxLat);
  }
  return geo::box_to_storage(crs, box);
}

std::vector<data::SortKey> parse_sortby(std::string_view text, const data::DatasetInfo& dataset) {
  std::vector<data::SortKey> keys;
  for (std::string item : split_list(text)) {
    data::SortKey key;
    if (item.front() == '+' || item.front() == '-') {
      key.descending = item.front() == '-';
      item.erase(0, 1);
    }
    if (find_field(dataset, item) == nullptr) {
      throw_invalid(fmt::format("sortby names '{}', which is not a property of collection '{}'", item,
                                dataset.metadata.id),
                    fmt::format("sortby nêu '{}', không phải thuộc tính của bộ dữ liệu '{}'", item,
                                dataset.metadata.id));
    }
    key.property = item;
    keys.push_back(key);
  }
  return keys;
}

std::vector<std::string> parse_properties(std::string_view text, const data::DatasetInfo& dataset) {
  std::vector<std::string> names = split_list(text);
  for (const std::string& name : names) {
    if (find_field(dataset, name) == nullptr) {
      throw_invalid(fmt::format("properties names '{}', which is not a property of collection '{}'", name,
                                dataset.metadata.id),
                    fmt::format("properties nêu '{}', không phải thuộc tính của bộ dữ liệu '{}'", name,
                                dataset.metadata.id));
    }
  }
  return names;
}

[[noreturn]] void throw_invalid_datetime(std::string_view text) {
  throw_invalid(fmt::format("datetime '{}' is not an RFC 3339 date or date-time with a time zone, or an interval "
                            "such as 2025-01-01/2025-02-01T12:00:00Z, ../2025-01-01 or 2025-01-01T00:00:00+07:00/..",
                            text),
                fmt::format("datetime '{}' không phải ngày hoặc thời điểm RFC 3339 có múi giờ, hoặc khoảng thời gian "
                            "như 2025-01-01/2025-02-01T12:00:00Z, ../2025-01-01 hoặc 2025-01-01T00:00:00+07:00/..",
                            text));
}

// One end of a datetime interval: nullopt for ".." or an empty end (open),
// otherwise the interval of the date or instant it names.
std::optional<data::TimeInterval> parse_interval_end(std::string_view end, std::string_view text) {
  if (end.empty() || end == "..") return std::nullopt;
  auto interval = data::parse_rfc3339(end);
  if (!interval) throw_invalid_datetime(text);
  return interval;
}

// Parses `datetime`: an instant ("2025-01-01T10:00:00Z"), a date (its whole
// UTC day), or an interval "a/b" whose ends may be ".." or empty for an open
// end. A date at the end of an interval includes that whole day.
data::TimeFilter parse_datetime(std::string_view text, const data::DatasetInfo& dataset) {
  if (dataset.metadata.temporal_property.empty()) {
    throw_invalid(fmt::format("datetime '{}' cannot be applied: collection '{}' has no temporal property", text,
                              dataset.metadata.id),
                  fmt::format("không áp dụng được datetime '{}': bộ dữ liệu '{}' không có thuộc tính thời gian", text,
                              dataset.metadata.id));
  }
  const auto slash = text.find('/');
  if (slash == std::string_view::npos) {
    const auto instant = parse_interval_end(text, text);
    if (!instant) throw_invalid_datetime(text);
    return {instant->start_ms, instant->end_ms};
  }
  if (text.find('/', slash + 1) != std::string_view::npos) throw_invalid_datetime(text);
  const auto start = parse_interval_end(text.substr(0, slash), text);
  const auto end = parse_interval_end(text.substr(slash + 1), text);
  if (!start && !end) throw_invalid_datetime(text);
  if (start && end && start->start_ms > end->end_ms) {
    throw_invalid(fmt::format("datetime '{}' starts after it ends", text),
                  fmt::format("datetime '{}' có thời điểm bắt đầu sau thời điểm kết thúc", text));
  }
  data::TimeFilter filter;
  if (start) filter.start_ms = start->start_ms;
  if (end) filter.end_ms = end->end_ms;
  return filter;
}

data::query::Literal parse_equality_value(const data::Field& field, const std::string& value) {
  switch (field.type) {
    case data::FieldType::integer:
      return parse_integer(field.name, value, std::numeric_limits<std::int64_t>::min(),
                           std::numeric_limits<std::int64_t>::max());
    case data::FieldType::real:
      return parse_number(field.name, value);
    case data::FieldType::boolean:
      if (value == "true") return true;
      if (value == "false") return false;
      throw_invalid(fmt::format("{} must be true or false, got '{}'", field.name, value),
                    fmt::format("{} phải là true hoặc false, nhận được '{}'", field.name, value));
    case data::FieldType::string:
      break;
  }
  return value;
}

std::optional<data::query::Filter> parse_filter_param(const QueryParams& params) {
  const auto text = params.get("filter");
  const std::string language = params.get("filter-lang").value_or("cql2-text");
  if (language != "cql2-text" && language != "cql2-json") {
    throw_invalid(fmt::format("filter-lang '{}' is not supported; use cql2-text or cql2-json", language),
                  fmt::format("filter-lang '{}' không được hỗ trợ; hãy dùng cql2-text hoặc cql2-json", language));
  }
  const geo::Crs filter_crs = parse_crs_param(params, "filter-crs");
  if (!text) return std::nullopt;
  if (language == "cql2-json") return data::query::parse_cql2_json(*text, filter_crs);
  return data::query::parse_cql2_text(*text, filter_crs);
}

}  // namespace

geo::Crs parse_crs_param(const QueryParams& params, const char* name) {
  const auto value = params.get(name);
  if (!value) return geo::supported_crs().front();
  if (auto crs = geo::find_crs(*value)) return *crs;
  std::string list;
  for (const geo::Crs& crs : geo::supported_crs()) list += (list.empty() ? "" : ", ") + crs.uri;
  throw_invalid(fmt::format("{} '{}' is not supported; use one of {}", name, *value, list),
                fmt::format("{} '{}' không được hỗ trợ; hãy dùng một trong {}", name, *value, list));
}

std::string percent_encode(std::string_view text) {
  std::string out;
  for (const unsigned char c : text) {
    if (std::isalnum(c) || c == '-' || c == '.' || c == '_' || c == '~' || c == ',') {
      out += static_cast<char>(c);
    } else {
      out += fmt::format("%{:02X}", c);
    }
  }
  return out;
}

ItemsRequest parse_items_request(const QueryParams& params, const data::DatasetInfo& dataset,
                                 std::int64_t max_limit) {
  reject_unknown(params, dataset);
  ItemsRequest result;
  data::FeatureQuery& query = result.query;
  query.fields = dataset.fields;
  query.limit = kDefaultItemsLimit;
  query.version = dataset.version;
  if (auto limit = params.get("limit")) {
    query.limit = std::min(parse_integer("limit", *limit, 1, std::numeric_limits<std::int64_t>::max()),
                           max_limit);
  }
  if (auto offset = params.get("offset")) {
    query.offset = parse_integer("offset", *offset, 0, std::numeric_limits<std::int64_t>::max());
  }
  if (auto version = params.get(kVersionParam)) {
    query.version = parse_integer(kVersionParam, *version, 1, std::numeric_limits<std::int64_t>::max());
  }
  result.output.crs = parse_crs_param(params, "crs");
  const geo::Crs bbox_crs = parse_crs_param(params, "bbox-crs");
  if (auto bbox = params.get("bbox")) {
    query.bbox_mercator = parse_bbox_in_crs(*bbox, bbox_crs);
    result.narrowed = true;
  }
  if (auto properties = params.get("properties")) result.output.properties = parse_properties(*properties, dataset);
  if (auto sortby = params.get("sortby")) query.sort = parse_sortby(*sortby, dataset);
  if (auto datetime = params.get("datetime")) {
    query.time = parse_datetime(*datetime, dataset);
    result.narrowed = true;
  }

  std::vector<data::query::Filter> conditions;
  if (auto filter = parse_filter_param(params)) conditions.push_back(std::move(*filter));
  for (const auto& [key, value] : params.pairs()) {
    const data::Field* field = kItemsParams.contains(key) ? nullptr : find_field(dataset, key);
    if (field == nullptr) continue;
    data::query::Filter equal;
    equal.op = data::query::Operator::equal;
    equal.property = field->name;
    equal.values.push_back(parse_equality_value(*field, value));
    conditions.push_back(std::move(equal));
  }
  if (!conditions.empty()) {
    query.filter = data::query::all_of(std::move(conditions));
    result.narrowed = true;
  }

  for (const auto& [key, value] : params.pairs()) {
    if (key != "limit" && key != "offset" && key != kVersionParam) result.link_params.emplace_back(key, value);
  }
  return result;
}

}  // namespace bando::server
