#include "data/ingest_crs.hpp"

#include <cmath>
#include <cstring>

#include <cpl_conv.h>
#include <fmt/format.h>

namespace bando::data {
namespace {

bool near(double a, double b) { return std::fabs(a - b) < 1e-9; }

// EPSG codes of the VN-2000 TM-3 zones by central meridian.
std::optional<int> vn2000_tm3_epsg(double central_meridian) {
  if (near(central_meridian, 102)) return 5896;
  if (near(central_meridian, 105)) return 5897;
  if (near(central_meridian, 108)) return 5898;
  if (near(central_meridian, 111)) return 5899;
  return std::nullopt;
}

// A PROJ string for VN-2000 TM-3 at `central_meridian`, with the datum shift
// that PROJ's database gives EPSG:5897.
std::string vn2000_tm3_proj(double central_meridian) {
  OGRSpatialReference zone;
  zone.importFromEPSG(5897);
  zone.SetProjParm(SRS_PP_CENTRAL_MERIDIAN, central_meridian);
  char* proj = nullptr;
  std::string result;
  if (zone.exportToProj4(&proj) == OGRERR_NONE && proj != nullptr) result = proj;
  CPLFree(proj);
  return result;
}

}  // namespace

std::optional<std::string> check_vn2000_on_wgs84(const OGRSpatialReference& crs) {
  if (!crs.IsProjected()) return std::nullopt;
  const char* projection = crs.GetAttrValue("PROJECTION");
  if (projection == nullptr || std::strcmp(projection, SRS_PT_TRANSVERSE_MERCATOR) != 0) return std::nullopt;
  const double scale = crs.GetProjParm(SRS_PP_SCALE_FACTOR, 0);
  const double false_easting = crs.GetProjParm(SRS_PP_FALSE_EASTING, 0);
  const double central_meridian = crs.GetProjParm(SRS_PP_CENTRAL_MERIDIAN, 0);
  if (!near(scale, 0.9999) || !near(false_easting, 500000) || central_meridian < 100 || central_meridian > 112) {
    return std::nullopt;
  }
  const char* datum = crs.GetAttrValue("DATUM");
  if (datum == nullptr || std::strstr(datum, "WGS") == nullptr) return std::nullopt;
  double shift[7] = {};
  if (crs.GetTOWGS84(shift, 7) == OGRERR_NONE) return std::nullopt;

  const auto epsg = vn2000_tm3_epsg(central_meridian);
  const std::string fix = epsg ? fmt::format("EPSG:{}", *epsg) : fmt::format("'{}'", vn2000_tm3_proj(central_meridian));
  return fmt::format(
      "the .prj declares VN-2000 TM-3 parameters (central meridian {}, scale 0.9999) on datum {} without a datum "
      "shift, which places VN-2000 coordinates about 200 m off; if the data is VN-2000, publish again with "
      "--s_srs {}",
      central_meridian, datum, fix);
}

}  // namespace bando::data
