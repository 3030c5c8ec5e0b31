#pragma once
// Administrative units with their postcodes and boundaries, and the import report.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "geo/geometry.hpp"

namespace bando::data {

// One province or commune in force from `valid_from`. Text is NFC.
struct AdminUnit {
  std::string code;            // GSO code: "01" for a province, "00004" for a commune
  int level = 0;               // 1 = province, 2 = commune (units from 2025 have no district level)
  std::string name;            // "Ba Đình"
  std::string full_name;       // "Phường Ba Đình"
  std::string type;            // "Phường", "Xã", "Đặc khu", "Tỉnh", "Thành phố"
  std::string province_code;   // "01"; equals `code` for a province
  std::string province_name;   // "Thành phố Hà Nội"
  std::vector<std::string> postcodes;  // 5-character codes for a commune, 2-digit prefixes for a province
  std::optional<geo::Point> centroid;  // lon/lat degrees, set where a boundary is known
  std::string valid_from = "2025-07-01";
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

// The units (provinces first, then communes, each sorted by code) and the import report.
struct GazetteerData {
  std::vector<AdminUnit> units;
  std::vector<ImportIssue> issues;
};

}  // namespace bando::data
