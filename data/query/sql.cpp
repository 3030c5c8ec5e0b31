#include "data/query/sql.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "geo/error.hpp"

namespace bando::data::query {
namespace {

[[noreturn]] void throw_invalid(std::string en, std::string vi) {
  throw Error(ErrorKind::invalid_argument, {std::move(en), std::move(vi)});
}

// "filter at character N: " for text filters, "filter: " for JSON ones, whose nodes have no position.
std::string where_en(const Filter& node) {
  return node.position == 0 ? "filter: " : fmt::format("filter at character {}: ", node.position);
}
std::string where_vi(const Filter& node) {
  return node.position == 0 ? "bộ lọc: " : fmt::format("bộ lọc tại ký tự {}: ", node.position);
}

const Field& require_field(const std::vector<Field>& fields, const Filter& node) {
  const auto found = std::find_if(fields.begin(), fields.end(),
                                  [&](const Field& field) { return field.name == node.property; });
  if (found == fields.end()) {
    std::string names;
    for (const Field& field : fields) names += (names.empty() ? "" : ", ") + field.name;
    throw_invalid(where_en(node) + fmt::format("'{}' is not a queryable property; queryables: {}", node.property, names),
                  where_vi(node) + fmt::format("'{}' không phải thuộc tính truy vấn được; các thuộc tính: {}",
                                               node.property, names));
  }
  return *found;
}

std::string literal_text(const Literal& literal) {
  return std::visit(
      [](const auto& value) -> std::string {
        using T = std::decay_t<decltype(value)>;
        if constexpr (std::is_same_v<T, std::nullptr_t>) {
          return "NULL";
        } else if constexpr (std::is_same_v<T, bool>) {
          return value ? "TRUE" : "FALSE";
        } else if constexpr (std::is_same_v<T, std::string>) {
          return "'" + value + "'";
        } else {
          return fmt::format("{}", value);
        }
      },
      literal);
}

// Converts a literal to the bound value, checking that it fits the field's
// type. JSON booleans come out of json_extract() as 1 and 0.
SqlValue to_sql_value(const Field& field, const Literal& literal, const Filter& node) {
  const bool numeric_field = field.type == FieldType::integer || field.type == FieldType::real;
  if (const auto* integer = std::get_if<std::int64_t>(&literal); integer && numeric_field) return *integer;
  if (const auto* real = std::get_if<double>(&literal); real && numeric_field) return *real;
  if (const auto* text = std::get_if<std::string>(&literal); text && field.type == FieldType::string) return *text;
  if (const auto* flag = std::get_if<bool>(&literal); flag && field.type == FieldType::boolean) {
    return std::int64_t{*flag ? 1 : 0};
  }
  const std::string type = to_json_schema_type(field.type);
  throw_invalid(where_en(node) + fmt::format("{} cannot be compared with '{}', which is a {}", literal_text(literal),
                                             field.name, type),
                where_vi(node) + fmt::format("không so sánh được {} với '{}' (kiểu {})", literal_text(literal),
                                             field.name, type));
}

// Converts a CQL2 LIKE pattern (% and _ wildcards, backslash escape) to a
// case-sensitive SQLite GLOB pattern, because SQLite's LIKE ignores ASCII case.
std::string like_to_glob(const std::string& pattern) {
  std::string glob;
  for (std::size_t i = 0; i < pattern.size(); ++i) {
    const char c = pattern[i];
    if (c == '\\' && i + 1 < pattern.size()) {
      const char next = pattern[++i];
      if (next == '*' || next == '?' || next == '[') {
        glob += fmt::format("[{}]", next);
      } else {
        glob += next;
      }
    } else if (c == '%') {
      glob += '*';
    } else if (c == '_') {
      glob += '?';
    } else if (c == '*' || c == '?' || c == '[') {
      glob += fmt::format("[{}]", c);
    } else {
      glob += c;
    }
  }
  return glob;
}

void append_coordinates(std::string& wkt, const geo::Path& path) {
  wkt += '(';
  for (std::size_t i = 0; i < path.size(); ++i) {
    wkt += fmt::format("{}{} {}", i == 0 ? "" : ",", path[i].x, path[i].y);
  }
  wkt += ')';
}

void append_rings(std::string& wkt, const geo::PolygonRings& rings) {
  wkt += '(';
  for (std::size_t i = 0; i < rings.size(); ++i) {
    if (i > 0) wkt += ',';
    append_coordinates(wkt, rings[i]);
  }
  wkt += ')';
}

// WKT with the shortest round-trip decimal form of each coordinate (fmt's default).
std::string to_wkt(const geo::Geometry& g) {
  std::string wkt;
  switch (g.type) {
    case geo::GeometryType::point:
      return fmt::format("POINT({} {})", g.points.at(0).x, g.points.at(0).y);
    case geo::GeometryType::line_string:
      wkt = "LINESTRING";
      append_coordinates(wkt, g.lines.at(0));
      return wkt;
    case geo::GeometryType::polygon:
      wkt = "POLYGON";
      append_rings(wkt, g.polygons.at(0));
      return wkt;
    case geo::GeometryType::multi_point:
      wkt = "MULTIPOINT";
      append_coordinates(wkt, g.points);
      return wkt;
    case geo::GeometryType::multi_line_string:
      wkt = "MULTILINESTRING";
      append_rings(wkt, g.lines);
      return wkt;
    case geo::GeometryType::multi_polygon:
      wkt = "MULTIPOLYGON(";
      for (std::size_t i = 0; i < g.polygons.size(); ++i) {
        if (i > 0) wkt += ',';
        append_rings(wkt, g.polygons[i]);
      }
      return wkt + ")";
    case geo::GeometryType::geometry_collection:
      wkt = "GEOMETRYCOLLECTION(";
      for (std::size_t i = 0; i < g.members.size(); ++i) wkt += (i == 0 ? "" : ",") + to_wkt(g.members[i]);
      return wkt + ")";
  }
  return wkt;
}

const char* comparison_sql(Operator op) {
  switch (op) {
    case Operator::equal: return "=";
    case Operator::not_equal: return "<>";
    case Operator::less: return "<";
    case Operator::less_or_equal: return "<=";
    case Operator::greater: return ">";
    case Operator::greater_or_equal: return ">=";
    default: return nullptr;
  }
}

const char* spatial_function(Operator op) {
  switch (op) {
    case Operator::s_intersects: return "Intersects";
    case Operator::s_within: return "Within";
    case Operator::s_contains: return "Contains";
    case Operator::s_disjoint: return "Disjoint";
    case Operator::s_crosses: return "Crosses";
    case Operator::s_touches: return "Touches";
    case Operator::s_overlaps: return "Overlaps";
    case Operator::s_equals: return "Equals";
    default: return nullptr;
  }
}

void append_spatial(SqlFragment& out, const Filter& node, const std::string& rtree) {
  const std::string wkt = out.bind(to_wkt(node.geometry));
  // Every predicate but DISJOINT needs the boxes to intersect, so the R*Tree
  // narrows the candidates before GEOS tests the exact geometries.
  if (node.op != Operator::s_disjoint) {
    const geo::Box box = node.geometry.bounds();
    out.sql += fmt::format("fid IN (SELECT pkid FROM {} WHERE xmin <= {} AND xmax >= {} AND ymin <= {} AND ymax >= {}) AND ",
                           rtree, out.bind(box.max_x), out.bind(box.min_x), out.bind(box.max_y), out.bind(box.min_y));
  }
  out.sql += fmt::format("{}(geom, GeomFromText({}, 3857)) = 1", spatial_function(node.op), wkt);
}

void append_logical(SqlFragment& out, const Filter& node, const std::vector<Field>& fields,
                    const std::string& rtree) {
  if (node.op == Operator::logical_not) {
    out.sql += "NOT (";
    append_filter_sql(out, node.children.at(0), fields, rtree);
    out.sql += ")";
    return;
  }
  const char* joiner = node.op == Operator::logical_and ? " AND " : " OR ";
  if (node.children.empty()) {
    // An empty AND is true and an empty OR false, as in logic.
    out.sql += node.op == Operator::logical_and ? "1" : "0";
    return;
  }
  for (std::size_t i = 0; i < node.children.size(); ++i) {
    out.sql += i == 0 ? "(" : joiner;
    out.sql += "(";
    append_filter_sql(out, node.children[i], fields, rtree);
    out.sql += ")";
  }
  out.sql += ")";
}

void append_predicate(SqlFragment& out, const Filter& node, const std::vector<Field>& fields) {
  const Field& field = require_field(fields, node);
  const std::string value = fmt::format("json_extract(properties, {})", out.bind(property_path(field.name)));
  if (const char* op = comparison_sql(node.op)) {
    out.sql += fmt::format("{} {} {}", value, op, out.bind(to_sql_value(field, node.values.at(0), node)));
    return;
  }
  switch (node.op) {
    case Operator::like: {
      const auto* pattern = std::get_if<std::string>(&node.values.at(0));
      if (pattern == nullptr || field.type != FieldType::string) {
        throw_invalid(where_en(node) + fmt::format("LIKE needs a string property and a string pattern, got '{}'",
                                                   field.name),
                      where_vi(node) + fmt::format("LIKE cần thuộc tính kiểu chuỗi và mẫu kiểu chuỗi, nhận '{}'",
                                                   field.name));
      }
      out.sql += fmt::format("{} GLOB {}", value, out.bind(like_to_glob(*pattern)));
      return;
    }
    case Operator::in: {
      out.sql += value + " IN (";
      for (std::size_t i = 0; i < node.values.size(); ++i) {
        out.sql += (i == 0 ? "" : ", ") + out.bind(to_sql_value(field, node.values[i], node));
      }
      out.sql += ")";
      return;
    }
    case Operator::between:
      out.sql += fmt::format("{} BETWEEN {} AND {}", value,
                             out.bind(to_sql_value(field, node.values.at(0), node)),
                             out.bind(to_sql_value(field, node.values.at(1), node)));
      return;
    case Operator::is_null:
      out.sql += value + " IS NULL";
      return;
    default:
      throw Error(ErrorKind::internal, {"unexpected filter operator", "toán tử bộ lọc không mong đợi"});
  }
}

}  // namespace

Filter all_of(std::vector<Filter> parts) {
  if (parts.size() == 1) return std::move(parts.front());
  Filter node;
  node.op = Operator::logical_and;
  node.children = std::move(parts);
  return node;
}

std::string SqlFragment::bind(SqlValue value) {
  values.push_back(std::move(value));
  return fmt::format("?{}", values.size());
}

std::string property_path(const std::string& name) { return fmt::format("$.\"{}\"", name); }

void append_filter_sql(SqlFragment& out, const Filter& filter, const std::vector<Field>& fields,
                       const std::string& rtree) {
  switch (filter.op) {
    case Operator::logical_and:
    case Operator::logical_or:
    case Operator::logical_not:
      append_logical(out, filter, fields, rtree);
      return;
    case Operator::s_intersects:
    case Operator::s_within:
    case Operator::s_contains:
    case Operator::s_disjoint:
    case Operator::s_crosses:
    case Operator::s_touches:
    case Operator::s_overlaps:
    case Operator::s_equals:
      append_spatial(out, filter, rtree);
      return;
    default:
      append_predicate(out, filter, fields);
  }
}

}  // namespace bando::data::query
