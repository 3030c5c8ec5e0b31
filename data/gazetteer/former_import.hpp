#pragma once
// Import of the units in force until 2025-06-30, their 2018 postcodes and the old-to-new crosswalk.

#include <filesystem>
#include <optional>
#include <string_view>

#include "data/gazetteer/admin_unit.hpp"

namespace bando::data {

// Fills `data.former_units` and `data.crosswalk` from the bundled tables and
// appends every rejected or corrected value to `data.issues`. `data.units`
// must already hold the current units, because crosswalk links to unknown
// current communes are reported. The sources, relative to `bundled_dir`:
//   - admin/tables/vn_admin_units_pre2025.csv: the 63 provinces, their
//     districts and communes (one row per commune; a district without communes
//     has empty commune fields);
//   - postcodes/vn_postcodes_2018_by_admin_unit.csv: the 2018 postcodes
//     (2-digit prefixes for a province, 3 digits for a district, 5 for a commune);
//   - postcodes/2025/nso-old-to-new.tsv: the statistics office crosswalk;
//   - admin/vn_provinces_63_pre2025.geojson and admin/vn_districts_pre2025.geojson.
// Every former unit gets valid_to 2025-06-30 and an empty valid_from, since the
// tables give no start date. Throws bando::Error (unavailable) when a file is
// missing or lacks a column, and (invalid_argument) on invalid UTF-8.
void import_former_units(const std::filesystem::path& bundled_dir, GazetteerData& data);

// Returns the merge type of a crosswalk note, or nullopt for a note it does
// not recognise. A rename or a change of unit type counts as whole_unit. The note is compared folded, so the source's misspelling
// "Nhâp một phần diện tích" reads as "Nhập một phần diện tích".
std::optional<MergeType> parse_merge_type(std::string_view note);

// Returns "whole_unit", "part_of_unit" or "part_of_area".
const char* merge_type_name(MergeType type);

}  // namespace bando::data
