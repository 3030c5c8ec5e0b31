#include "server/json.hpp"

#include <cmath>

#include "geo/tile_math.hpp"
#include "geo/wkb.hpp"

namespace bando::server {
namespace {

// Rounds degrees to 9 decimals (about 0.1 mm), so a coordinate that went through
// EPSG:3857 and back prints as its source value: 21.377581, not 21.377580999999998.
double round_degrees(double value) { return std::round(value * 1e9) / 1e9; }

void write_position(JsonWriter& writer, const geo::Point& point) {
  writer.StartArray();
  writer.Double(round_degrees(geo::mercator_x_to_lon(point.x)));
  writer.Double(round_degrees(geo::mercator_y_to_lat(point.y)));
  writer.EndArray();
}

void write_path(JsonWriter& writer, const geo::Path& path) {
  writer.StartArray();
  for (const geo::Point& point : path) write_position(writer, point);
  writer.EndArray();
}

void write_rings(JsonWriter& writer, const geo::PolygonRings& rings) {
  writer.StartArray();
  for (const geo::Path& ring : rings) write_path(writer, ring);
  writer.EndArray();
}

void write_type(JsonWriter& writer, const char* type) {
  writer.Key("type");
  writer.String(type);
  writer.Key("coordinates");
}

void write_geometry_body(JsonWriter& writer, const geo::Geometry& g) {
  writer.StartObject();
  switch (g.type) {
    case geo::GeometryType::point:
      write_type(writer, "Point");
      write_position(writer, g.points.at(0));
      break;
    case geo::GeometryType::line_string:
      write_type(writer, "LineString");
      write_path(writer, g.lines.at(0));
      break;
    case geo::GeometryType::polygon:
      write_type(writer, "Polygon");
      write_rings(writer, g.polygons.at(0));
      break;
    case geo::GeometryType::multi_point:
      write_type(writer, "MultiPoint");
      write_path(writer, g.points);
      break;
    case geo::GeometryType::multi_line_string:
      write_type(writer, "MultiLineString");
      writer.StartArray();
      for (const geo::Path& line : g.lines) write_path(writer, line);
      writer.EndArray();
      break;
    case geo::GeometryType::multi_polygon:
      write_type(writer, "MultiPolygon");
      writer.StartArray();
      for (const geo::PolygonRings& polygon : g.polygons) write_rings(writer, polygon);
      writer.EndArray();
      break;
    case geo::GeometryType::geometry_collection:
      writer.Key("type");
      writer.String("GeometryCollection");
      writer.Key("geometries");
      writer.StartArray();
      for (const geo::Geometry& member : g.members) write_geometry_body(writer, member);
      writer.EndArray();
      break;
  }
  writer.EndObject();
}

}  // namespace

Response json_response(const JsonBuffer& buffer, std::string_view content_type) {
  Response response{http::status::ok, 11};
  response.set(http::field::content_type, content_type);
  response.body().assign(buffer.GetString(), buffer.GetSize());
  return response;
}

void write_bbox(JsonWriter& writer, const geo::Box& box) {
  writer.StartArray();
  writer.Double(round_degrees(box.min_x));
  writer.Double(round_degrees(box.min_y));
  writer.Double(round_degrees(box.max_x));
  writer.Double(round_degrees(box.max_y));
  writer.EndArray();
}

void write_geometry_lonlat(JsonWriter& writer, const geo::Geometry& g) { write_geometry_body(writer, g); }

void write_feature(JsonWriter& writer, const data::FeatureRecord& record) {
  writer.StartObject();
  writer.Key("type");
  writer.String("Feature");
  writer.Key("id");
  writer.Int64(record.id);
  writer.Key("geometry");
  if (record.wkb.empty()) {
    writer.Null();
  } else {
    write_geometry_lonlat(writer, geo::decode_wkb(record.wkb));
  }
  writer.Key("properties");
  writer.RawValue(record.properties_json.data(), record.properties_json.size(), rapidjson::kObjectType);
  writer.EndObject();
}

void write_link(JsonWriter& writer, std::string_view href, std::string_view rel, std::string_view type,
                std::string_view title) {
  writer.StartObject();
  writer.Key("href");
  write_string(writer, href);
  writer.Key("rel");
  write_string(writer, rel);
  writer.Key("type");
  write_string(writer, type);
  if (!title.empty()) {
    writer.Key("title");
    write_string(writer, title);
  }
  writer.EndObject();
}

}  // namespace bando::server
