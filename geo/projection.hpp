#pragma once
// Coordinate reference systems that the API offers, and PROJ transformations between them and EPSG:3857.

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "geo/box.hpp"
#include "geo/geometry.hpp"

namespace bando::geo {

// One CRS a client may request. Coordinates inside bando are always in
// traditional GIS order (longitude/easting first), whatever the CRS defines.
struct Crs {
  int epsg = 0;             // 0 for OGC CRS84
  std::string uri;          // "http://www.opengis.net/def/crs/EPSG/0/4326" or the CRS84 URI
  bool latitude_first = false;  // true when the CRS defines latitude before longitude (EPSG:4326, 4756)
  bool geographic = false;      // degrees rather than metres
};

// The CRS84 URI, RFC 7946's default for GeoJSON.
inline constexpr std::string_view kCrs84Uri = "http://www.opengis.net/def/crs/OGC/1.3/CRS84";

// CRS84, EPSG:4326, 3857, 4756 (VN-2000), 3405, 3406 (VN-2000 UTM 48N, 49N) and
// the VN-2000 TM-3 zones EPSG:5896-5899 and 9205-9218, CRS84 first.
const std::vector<Crs>& supported_crs();

// The supported CRS named by an OGC URI ("http://www.opengis.net/def/crs/EPSG/0/5897"),
// a safe CURIE ("[EPSG:5897]") or "EPSG:5897". Returns nullopt for anything else.
std::optional<Crs> find_crs(std::string_view name);

// EPSG:3857, the CRS every geometry is stored in.
const Crs& storage_crs();

// Transforms points in place from EPSG:3857 to `target` (to_storage = false) or
// from `target` to EPSG:3857 (to_storage = true), in traditional GIS order.
// Each thread has its own PJ_CONTEXT and a cache of transformations, so calls
// are thread-safe. Throws bando::Error (internal) when PROJ cannot build the
// transformation, and (invalid_argument) when a point cannot be transformed.
void transform_points(const Crs& target, bool to_storage, std::span<Point> points);

// Transforms every coordinate of `geometry` as transform_points() does.
void transform_geometry(const Crs& target, bool to_storage, Geometry& geometry);

// Transforms a box from `source` to EPSG:3857 by densifying its edges (21
// points each), so the result covers the whole transformed box. Throws as
// transform_points().
Box box_to_storage(const Crs& source, const Box& box);

}  // namespace bando::geo
