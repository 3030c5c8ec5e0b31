#include <string>
#include <vector>

#include <fmt/format.h>
#include <rapidjson/document.h>
#include <rapidjson/error/en.h>

#include "data/query/cql2.hpp"
#include "geo/error.hpp"

namespace bando::data::query {
namespace {

using Value = rapidjson::Value;

[[noreturn]] void throw_at(const std::string& pointer, const std::string& en, const std::string& vi) {
  throw Error(ErrorKind::invalid_argument,
              {fmt::format("filter is invalid at JSON Pointer '{}': {}", pointer, en),
               fmt::format("bộ lọc không hợp lệ tại JSON Pointer '{}': {}", pointer, vi)});
}

std::string member_pointer(const std::string& pointer, std::size_t index) {
  return fmt::format("{}/args/{}", pointer, index);
}

class JsonParser {
 public:
  explicit JsonParser(const geo::Crs& crs) : crs_(crs) {}

  Filter expression(const Value& value, const std::string& pointer) {
    if (!value.IsObject() || !value.HasMember("op") || !value["op"].IsString() || !value.HasMember("args") ||
        !value["args"].IsArray()) {
      throw_at(pointer, "expected an object with \"op\" and \"args\"", "cần một đối tượng có \"op\" và \"args\"");
    }
    const std::string op = value["op"].GetString();
    const auto& args = value["args"].GetArray();
    Filter node;
    if (op == "and" || op == "or" || op == "not") {
      if (op == "and") {
        node.op = Operator::logical_and;
      } else if (op == "or") {
        node.op = Operator::logical_or;
      } else {
        node.op = Operator::logical_not;
      }
      const std::size_t expected_min = op == "not" ? 1 : 2;
      if (args.Size() < expected_min || (op == "not" && args.Size() != 1)) {
        throw_at(pointer, fmt::format("'{}' has {} arguments", op, args.Size()),
                 fmt::format("'{}' có {} đối số", op, args.Size()));
      }
      for (rapidjson::SizeType i = 0; i < args.Size(); ++i) {
        node.children.push_back(expression(args[i], member_pointer(pointer, i)));
      }
      return node;
    }
    if (const auto spatial = spatial_operator(op)) return spatial_node(*spatial, args, pointer);
    return predicate(op, args, pointer);
  }

 private:
  static std::optional<Operator> spatial_operator(const std::string& op) {
    if (op == "s_intersects") return Operator::s_intersects;
    if (op == "s_within") return Operator::s_within;
    if (op == "s_contains") return Operator::s_contains;
    if (op == "s_disjoint") return Operator::s_disjoint;
    if (op == "s_crosses") return Operator::s_crosses;
    if (op == "s_touches") return Operator::s_touches;
    if (op == "s_overlaps") return Operator::s_overlaps;
    if (op == "s_equals") return Operator::s_equals;
    return std::nullopt;
  }

  static bool is_property(const Value& value) {
    return value.IsObject() && value.HasMember("property") && value["property"].IsString();
  }

  static Literal literal(const Value& value, const std::string& pointer) {
    if (value.IsString()) return std::string(value.GetString(), value.GetStringLength());
    if (value.IsBool()) return value.GetBool();
    if (value.IsInt64()) return value.GetInt64();
    if (value.IsNumber()) return value.GetDouble();
    throw_at(pointer, "expected a string, number or boolean", "cần chuỗi, số hoặc giá trị logic");
  }

  Filter predicate(const std::string& op, const rapidjson::GenericArray<true, Value>& args,
                   const std::string& pointer) {
    Filter node;
    if (args.Size() == 0 || !is_property(args[0])) {
      throw_at(member_pointer(pointer, 0), "expected {\"property\": name}", "cần {\"property\": tên}");
    }
    node.property = args[0]["property"].GetString();
    const std::size_t operands = args.Size() - 1;
    const auto require_operands = [&](std::size_t count) {
      if (operands != count) {
        throw_at(pointer, fmt::format("'{}' needs {} operands after the property, got {}", op, count, operands),
                 fmt::format("'{}' cần {} toán hạng sau thuộc tính, nhận {}", op, count, operands));
      }
    };
    static const std::pair<const char*, Operator> kComparisons[] = {
        {"=", Operator::equal},          {"<>", Operator::not_equal}, {"<", Operator::less},
        {"<=", Operator::less_or_equal}, {">", Operator::greater},    {">=", Operator::greater_or_equal},
        {"like", Operator::like}};
    for (const auto& [name, comparison] : kComparisons) {
      if (op != name) continue;
      require_operands(1);
      node.op = comparison;
      node.values.push_back(literal(args[1], member_pointer(pointer, 1)));
      return node;
    }
    if (op == "in") {
      require_operands(1);
      if (!args[1].IsArray()) throw_at(member_pointer(pointer, 1), "expected an array", "cần một mảng");
      node.op = Operator::in;
      for (rapidjson::SizeType i = 0; i < args[1].Size(); ++i) {
        node.values.push_back(literal(args[1][i], fmt::format("{}/{}", member_pointer(pointer, 1), i)));
      }
      return node;
    }
    if (op == "between") {
      require_operands(2);
      node.op = Operator::between;
      node.values.push_back(literal(args[1], member_pointer(pointer, 1)));
      node.values.push_back(literal(args[2], member_pointer(pointer, 2)));
      return node;
    }
    if (op == "isNull") {
      require_operands(0);
      node.op = Operator::is_null;
      return node;
    }
    throw_at(pointer + "/op", fmt::format("operator '{}' is not supported", op),
             fmt::format("toán tử '{}' không được hỗ trợ", op));
  }

  Filter spatial_node(Operator op, const rapidjson::GenericArray<true, Value>& args, const std::string& pointer) {
    if (args.Size() != 2) {
      throw_at(pointer, "a spatial operator needs 2 arguments", "toán tử không gian cần 2 đối số");
    }
    const bool literal_first = !is_property(args[0]);
    const rapidjson::SizeType literal_index = literal_first ? 0 : 1;
    if (!is_property(args[literal_first ? 1 : 0])) {
      throw_at(member_pointer(pointer, 0), "one argument must be {\"property\": name}",
               "một đối số phải là {\"property\": tên}");
    }
    Filter node;
    node.geometry = geometry(args[literal_index], member_pointer(pointer, literal_index));
    if (literal_first && op == Operator::s_within) op = Operator::s_contains;
    else if (literal_first && op == Operator::s_contains) op = Operator::s_within;
    node.op = op;
    geometry_to_storage(node.geometry, crs_);
    return node;
  }

  static geo::Point point(const Value& value, const std::string& pointer) {
    if (!value.IsArray() || value.Size() < 2 || !value[0].IsNumber() || !value[1].IsNumber()) {
      throw_at(pointer, "expected a position [x, y]", "cần một vị trí [x, y]");
    }
    return {value[0].GetDouble(), value[1].GetDouble()};
  }

  static geo::Path path(const Value& value, const std::string& pointer) {
    if (!value.IsArray()) throw_at(pointer, "expected an array of positions", "cần một mảng vị trí");
    geo::Path result;
    for (rapidjson::SizeType i = 0; i < value.Size(); ++i) {
      result.push_back(point(value[i], fmt::format("{}/{}", pointer, i)));
    }
    return result;
  }

  static std::vector<geo::Path> paths(const Value& value, const std::string& pointer) {
    if (!value.IsArray()) throw_at(pointer, "expected an array of arrays", "cần một mảng các mảng");
    std::vector<geo::Path> result;
    for (rapidjson::SizeType i = 0; i < value.Size(); ++i) {
      result.push_back(path(value[i], fmt::format("{}/{}", pointer, i)));
    }
    return result;
  }

  static geo::Geometry bbox(const Value& value, const std::string& pointer) {
    if (!value.IsArray() || (value.Size() != 4 && value.Size() != 6)) {
      throw_at(pointer, "bbox needs 4 or 6 numbers", "bbox cần 4 hoặc 6 số");
    }
    for (const Value& number : value.GetArray()) {
      if (!number.IsNumber()) throw_at(pointer, "bbox needs 4 or 6 numbers", "bbox cần 4 hoặc 6 số");
    }
    const bool with_height = value.Size() == 6;
    const double x0 = value[0].GetDouble(), y0 = value[1].GetDouble();
    const double x1 = value[with_height ? 3 : 2].GetDouble(), y1 = value[with_height ? 4 : 3].GetDouble();
    geo::Geometry g;
    g.type = geo::GeometryType::polygon;
    g.polygons.push_back({{{x0, y0}, {x1, y0}, {x1, y1}, {x0, y1}, {x0, y0}}});
    return g;
  }

  static geo::Geometry geometry(const Value& value, const std::string& pointer) {
    if (value.IsObject() && value.HasMember("bbox")) return bbox(value["bbox"], pointer + "/bbox");
    if (!value.IsObject() || !value.HasMember("type") || !value["type"].IsString()) {
      throw_at(pointer, "expected a GeoJSON geometry or {\"bbox\": [...]}", "cần hình học GeoJSON hoặc {\"bbox\": [...]}");
    }
    const std::string type = value["type"].GetString();
    geo::Geometry g;
    if (type == "GeometryCollection") {
      if (!value.HasMember("geometries") || !value["geometries"].IsArray()) {
        throw_at(pointer, "expected \"geometries\"", "cần \"geometries\"");
      }
      g.type = geo::GeometryType::geometry_collection;
      for (rapidjson::SizeType i = 0; i < value["geometries"].Size(); ++i) {
        g.members.push_back(geometry(value["geometries"][i], fmt::format("{}/geometries/{}", pointer, i)));
      }
      return g;
    }
    if (!value.HasMember("coordinates")) throw_at(pointer, "expected \"coordinates\"", "cần \"coordinates\"");
    const Value& coordinates = value["coordinates"];
    const std::string at = pointer + "/coordinates";
    if (type == "Point") {
      g.type = geo::GeometryType::point;
      g.points.push_back(point(coordinates, at));
    } else if (type == "LineString") {
      g.type = geo::GeometryType::line_string;
      g.lines.push_back(path(coordinates, at));
    } else if (type == "Polygon") {
      g.type = geo::GeometryType::polygon;
      g.polygons.push_back(paths(coordinates, at));
    } else if (type == "MultiPoint") {
      g.type = geo::GeometryType::multi_point;
      g.points = path(coordinates, at);
    } else if (type == "MultiLineString") {
      g.type = geo::GeometryType::multi_line_string;
      g.lines = paths(coordinates, at);
    } else if (type == "MultiPolygon") {
      g.type = geo::GeometryType::multi_polygon;
      if (!coordinates.IsArray()) throw_at(at, "expected an array of polygons", "cần một mảng đa giác");
      for (rapidjson::SizeType i = 0; i < coordinates.Size(); ++i) {
        g.polygons.push_back(paths(coordinates[i], fmt::format("{}/{}", at, i)));
      }
    } else {
      throw_at(pointer + "/type", fmt::format("'{}' is not a GeoJSON geometry type", type),
               fmt::format("'{}' không phải kiểu hình học GeoJSON", type));
    }
    return g;
  }

  const geo::Crs& crs_;
};

void swap_axes(geo::Geometry& g) {
  const auto swap_path = [](geo::Path& path) {
    for (geo::Point& point : path) std::swap(point.x, point.y);
  };
  swap_path(g.points);
  for (geo::Path& line : g.lines) swap_path(line);
  for (geo::PolygonRings& polygon : g.polygons) {
    for (geo::Path& ring : polygon) swap_path(ring);
  }
  for (geo::Geometry& member : g.members) swap_axes(member);
}

}  // namespace

void geometry_to_storage(geo::Geometry& geometry, const geo::Crs& crs) {
  if (crs.latitude_first) swap_axes(geometry);
  geo::transform_geometry(crs, true, geometry);
}

Filter parse_cql2_json(std::string_view text, const geo::Crs& filter_crs) {
  rapidjson::Document document;
  document.Parse(text.data(), text.size());
  if (document.HasParseError()) {
    const std::size_t position = document.GetErrorOffset() + 1;
    const char* reason = rapidjson::GetParseError_En(document.GetParseError());
    throw Error(ErrorKind::invalid_argument,
                {fmt::format("filter is not valid JSON at character {}: {}", position, reason),
                 fmt::format("bộ lọc không phải JSON hợp lệ tại ký tự {}: {}", position, reason)});
  }
  return JsonParser(filter_crs).expression(document, "");
}

}  // namespace bando::data::query
