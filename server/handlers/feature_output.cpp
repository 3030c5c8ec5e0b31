#include "server/handlers/feature_output.hpp"

#include <algorithm>
#include <cmath>

#include <rapidjson/document.h>

#include "geo/tile_math.hpp"
#include "geo/wkb.hpp"

namespace bando::server {
namespace {

class CoordinateWriter {
 public:
  CoordinateWriter(JsonWriter& writer, const geo::Crs& crs)
      : writer_(writer), crs_(crs), scale_(crs.geographic ? 1e9 : 1e6) {}

  void geometry(geo::Geometry g) {
    // CRS84 uses the closed inverse of Web Mercator, as the default GeoJSON
    // output does; every other CRS goes through PROJ.
    if (crs_.epsg == 0) {
      to_lonlat(g);
    } else {
      geo::transform_geometry(crs_, false, g);
    }
    body(g);
  }

 private:
  static void to_lonlat(geo::Geometry& g) {
    const auto convert = [](geo::Path& path) {
      for (geo::Point& point : path) point = {geo::mercator_x_to_lon(point.x), geo::mercator_y_to_lat(point.y)};
    };
    convert(g.points);
    for (geo::Path& line : g.lines) convert(line);
    for (geo::PolygonRings& polygon : g.polygons) {
      for (geo::Path& ring : polygon) convert(ring);
    }
    for (geo::Geometry& member : g.members) to_lonlat(member);
  }

  double rounded(double value) const { return std::round(value * scale_) / scale_; }

  void position(const geo::Point& point) {
    writer_.StartArray();
    writer_.Double(rounded(crs_.latitude_first ? point.y : point.x));
    writer_.Double(rounded(crs_.latitude_first ? point.x : point.y));
    writer_.EndArray();
  }

  void path(const geo::Path& points) {
    writer_.StartArray();
    for (const geo::Point& point : points) position(point);
    writer_.EndArray();
  }

  void rings(const geo::PolygonRings& polygon) {
    writer_.StartArray();
    for (const geo::Path& ring : polygon) path(ring);
    writer_.EndArray();
  }

  void type(const char* name) {
    writer_.Key("type");
    writer_.String(name);
    writer_.Key("coordinates");
  }

  void body(const geo::Geometry& g) {
    writer_.StartObject();
    switch (g.type) {
      case geo::GeometryType::point:
        type("Point");
        position(g.points.at(0));
        break;
      case geo::GeometryType::line_string:
        type("LineString");
        path(g.lines.at(0));
        break;
      case geo::GeometryType::polygon:
        type("Polygon");
        rings(g.polygons.at(0));
        break;
      case geo::GeometryType::multi_point:
        type("MultiPoint");
        path(g.points);
        break;
      case geo::GeometryType::multi_line_string:
        type("MultiLineString");
        rings(g.lines);
        break;
      case geo::GeometryType::multi_polygon:
        type("MultiPolygon");
        writer_.StartArray();
        for (const geo::PolygonRings& polygon : g.polygons) rings(polygon);
        writer_.EndArray();
        break;
      case geo::GeometryType::geometry_collection:
        writer_.Key("type");
        writer_.String("GeometryCollection");
        writer_.Key("geometries");
        writer_.StartArray();
        for (const geo::Geometry& member : g.members) body(member);
        writer_.EndArray();
        break;
    }
    writer_.EndObject();
  }

  JsonWriter& writer_;
  const geo::Crs& crs_;
  double scale_;
};

// Writes the members of the stored properties object whose names are in `keep`.
void write_selected_properties(JsonWriter& writer, std::string_view json, const std::vector<std::string>& keep) {
  rapidjson::Document document;
  document.Parse(json.data(), json.size());
  writer.StartObject();
  if (!document.HasParseError() && document.IsObject()) {
    for (const auto& member : document.GetObject()) {
      const std::string_view name(member.name.GetString(), member.name.GetStringLength());
      if (std::find(keep.begin(), keep.end(), name) == keep.end()) continue;
      writer.Key(member.name.GetString(), member.name.GetStringLength());
      member.value.Accept(writer);
    }
  }
  writer.EndObject();
}

}  // namespace

void write_feature_in_crs(JsonWriter& writer, const data::FeatureRecord& record, const FeatureOutput& output,
                          const std::function<void(JsonWriter&)>& write_members) {
  writer.StartObject();
  writer.Key("type");
  writer.String("Feature");
  writer.Key("id");
  writer.Int64(record.id);
  writer.Key("geometry");
  if (record.wkb.empty()) {
    writer.Null();
  } else {
    CoordinateWriter(writer, output.crs).geometry(geo::decode_wkb(record.wkb));
  }
  writer.Key("properties");
  if (output.properties) {
    write_selected_properties(writer, record.properties_json, *output.properties);
  } else {
    writer.RawValue(record.properties_json.data(), record.properties_json.size(), rapidjson::kObjectType);
  }
  if (write_members) write_members(writer);
  writer.EndObject();
}

}  // namespace bando::server
