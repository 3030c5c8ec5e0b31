#pragma once
// Administrative units with their postcodes and boundaries, and the import report.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "geo/geometry.hpp"

namespace bando::data {

// Unit levels. Districts exist only among the units in force until 2025-06-30;
// the district number is 3 because 1 and 2 were assigned first.
inline constexpr int kProvinceLevel = 1;
inline constexpr int kCommuneLevel = 2;
inline constexpr int kDistrictLevel = 3;

// The last day of the 63-province, three-tier set of units.
inline constexpr const char* kFormerUnitsValidTo = "2025-06-30";

// One province, district or commune in force from `valid_from` to `valid_to`. Text is NFC.
struct AdminUnit {
  std::string code;            // GSO code: "01" for a province, "001" for a district, "00004" for a commune
  int level = 0;               // kProvinceLevel, kCommuneLevel or kDistrictLevel
  std::string name;            // "Ba Đình"
  std::string full_name;       // "Phường Ba Đình"
  std::string type;            // "Phường", "Xã", "Đặc khu", "Tỉnh", "Thành phố"
  std::string province_code;   // "01"; equals `code` for a province
  std::string province_name;   // "Thành phố Hà Nội"
  std::string parent_code;     // the district of a former commune, else the province; "" for a province
  // 5-character codes for a commune, 2-digit prefixes for a province, and the
  // 2018 list's codes (3 digits for a district) for a unit in force until 2025-06-30
  std::vector<std::string> postcodes;
  // Representative point, lon/lat degrees: set where a boundary is known, and
  // for a commune that a whole former district became, that district's point.
  std::optional<geo::Point> centroid;
  std::string valid_from = "2025-07-01";  // "" when the source gives no start date
  std::string valid_to;                    // "" while in force
  std::vector<std::uint8_t> boundary_wkb;  // lon/lat WKB, empty where no boundary is bundled
};

// One input value the importer rejected, corrected or could only match loosely.
struct ImportIssue {
  std::string file;  // path relative to the bundled folder
  int line = 0;      // 1-based line of a table file (the header is line 1); 0 for GeoJSON features
  std::string value;
  std::string reason;
};

// How an old unit went into a new one, from the statistics office crosswalk.
enum class MergeType {
  whole_unit,    // the whole old unit ("Nhập toàn bộ", "Giữ nguyên")
  part_of_unit,  // part of the old unit, area and population ("Nhập một phần")
  part_of_area,  // part of the old unit's area only ("Nhập một phần diện tích")
};

// One link of the many-to-many crosswalk from the units in force until
// 2025-06-30 to the communes in force from 2025-07-01. The old unit is a
// commune, except for the island districts that became special zones whole.
struct CrosswalkLink {
  int old_level = kCommuneLevel;  // kCommuneLevel or kDistrictLevel
  std::string old_code;           // 5-digit commune or 3-digit district code
  std::string new_code;  // 5-digit code of a current commune
  MergeType merge_type = MergeType::whole_unit;
  std::string note;      // the source's wording, NFC
};

// The units in force from 2025-07-01 (provinces first, then communes, each
// sorted by code), the units in force until 2025-06-30 (provinces, then
// communes, then districts, each sorted by code), the crosswalk sorted by old
// code then new code, and the import report.
struct GazetteerData {
  std::vector<AdminUnit> units;
  std::vector<AdminUnit> former_units;
  std::vector<CrosswalkLink> crosswalk;
  std::vector<ImportIssue> issues;
};

}  // namespace bando::data
