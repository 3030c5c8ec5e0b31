#pragma once
// Checks of a source CRS that catch common mistakes in Vietnamese files.

#include <optional>
#include <string>

#include <ogr_spatialref.h>

namespace bando::data {

// Returns a warning when `crs` has the parameters of a VN-2000 TM-3 zone
// (Transverse Mercator, scale 0.9999, false easting 500 000 m, central meridian
// between 100 and 112 degrees east) but a WGS 84 datum without a datum shift.
// Such a .prj places VN-2000 coordinates about 200 m off. The warning names the
// --s_srs value that fixes it: an EPSG code for the zones 102, 105, 108 and 111
// degrees east, otherwise a PROJ string with the VN-2000 shift of EPSG:5897.
std::optional<std::string> check_vn2000_on_wgs84(const OGRSpatialReference& crs);

}  // namespace bando::data
