#pragma once
// GeoJSON features written in a requested CRS, with a chosen subset of their properties.

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "data/store.hpp"
#include "geo/projection.hpp"
#include "server/json.hpp"

namespace bando::server {

// Output options for features: the output CRS and the properties to keep.
struct FeatureOutput {
  geo::Crs crs;  // CRS84 unless the request names another
  // Property names to keep, in the stored order; nullopt keeps all of them.
  std::optional<std::vector<std::string>> properties;
};

// Writes a GeoJSON Feature with its geometry in `output.crs`. Coordinates come
// out in the axis order the CRS defines (latitude first for EPSG:4326 and
// 4756), rounded to 9 decimals for degrees and 6 for metres. Throws
// bando::Error (invalid_argument) when PROJ cannot transform a coordinate.
// `write_members`, when given, adds members (such as "links") before the object closes.
void write_feature_in_crs(JsonWriter& writer, const data::FeatureRecord& record, const FeatureOutput& output,
                          const std::function<void(JsonWriter&)>& write_members = {});

}  // namespace bando::server
