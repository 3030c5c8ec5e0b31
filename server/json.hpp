#pragma once
// JSON and GeoJSON output helpers over rapidjson's streaming writer.

#include <string>
#include <string_view>

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include "data/store.hpp"
#include "geo/box.hpp"
#include "geo/geometry.hpp"
#include "server/http_types.hpp"

namespace bando::server {

using JsonBuffer = rapidjson::StringBuffer;
using JsonWriter = rapidjson::Writer<JsonBuffer>;

inline void write_string(JsonWriter& writer, std::string_view text) {
  writer.String(text.data(), static_cast<rapidjson::SizeType>(text.size()));
}

// A 200 response carrying `buffer`'s JSON with the given media type.
Response json_response(const JsonBuffer& buffer, std::string_view content_type = "application/json");

// Writes [min_x, min_y, max_x, max_y] of a box in degrees, rounded to 9 decimals.
void write_bbox(JsonWriter& writer, const geo::Box& box);

// Writes a GeoJSON geometry object from EPSG:3857 coordinates, converted to
// longitude/latitude degrees (RFC 7946), rounded to 9 decimals (about 0.1 mm).
void write_geometry_lonlat(JsonWriter& writer, const geo::Geometry& mercator);

// Writes a GeoJSON Feature: id, geometry (null when absent) and stored properties.
void write_feature(JsonWriter& writer, const data::FeatureRecord& record);

// Writes {"href", "rel", "type", "title"} (title omitted when empty).
void write_link(JsonWriter& writer, std::string_view href, std::string_view rel, std::string_view type,
                std::string_view title = {});

}  // namespace bando::server
