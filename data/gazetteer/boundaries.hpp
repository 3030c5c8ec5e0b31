#pragma once
// Reading of administrative boundaries from GeoJSON through GDAL/OGR, with a representative point per unit.

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "data/gazetteer/admin_unit.hpp"
#include "geo/geometry.hpp"

namespace bando::data {

// One feature's boundary as 2D little-endian ISO WKB in lon/lat degrees (WGS 84).
struct UnitBoundary {
  std::string code;  // the feature's code property
  std::vector<std::uint8_t> wkb;
  geo::Point centroid;  // see representative_point
  int feature = 0;      // 1-based position in the file, for messages
};

// Reads every feature of `bundled_dir / file` (a GeoJSON layer in lon/lat with
// the unit code in property `code_property`). Features without a code or geometry, and invalid
// geometries, are reported in `issues` and left out. Throws bando::Error
// (unavailable) when GDAL cannot open the file. Safe to call from several
// threads because each call opens its own dataset.
std::vector<UnitBoundary> read_unit_boundaries(const std::filesystem::path& bundled_dir, const std::string& file,
                                               std::vector<ImportIssue>& issues,
                                               const char* code_property = "code");

// Returns the centroid of the polygon `wkb` when the centroid lies in or on the
// polygon, and otherwise a point on its surface (GEOS PointOnSurface), so the
// point always falls in the unit. A centroid can lie outside a crescent-shaped
// unit or in the sea between the parts of an island unit. Throws bando::Error
// (invalid_argument) on invalid WKB or an empty geometry.
geo::Point representative_point(const std::vector<std::uint8_t>& wkb);

}  // namespace bando::data
