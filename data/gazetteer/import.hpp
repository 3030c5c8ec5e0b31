#pragma once
// Import of the provinces, communes, postcodes and boundaries before and after 2025 from the bundled data folder.

#include <filesystem>

#include "data/gazetteer/admin_unit.hpp"

namespace bando::data {

// Reads the tables and boundaries under `bundled_dir` (the repository's
// bundled/ folder) and returns the 34 provinces and the communes, each sorted
// by code, with every rejected, corrected or loosely matched input value in
// `issues`. The sources, under postcodes/2025/ unless named in full:
//   - Units, full names and types come from the statistics office lists
//     nso-provinces.tsv and nso-communes.tsv, the latest official lists.
//     admin/tables/vn_admin_units_2025.csv is only cross-checked, and each
//     disagreement on code, name or type is reported.
//   - Commune postcodes come from qd2334-communes.tsv, matched to communes by
//     province and name (see match_printed_rows). Only 5-digit codes are kept.
//   - Province prefixes come from qd2334-provinces.tsv.
//   - Boundaries come from admin/vn_provinces_34_2025.geojson and the commune
//     files of Hà Nội and Hồ Chí Minh City, the only bundled commune boundaries.
// The units in force until 2025-06-30 and the crosswalk come from
// import_former_units. Text is stored in NFC. Safe to call from several threads. Throws
// bando::Error (unavailable) when a file is missing or lacks a column, and
// (invalid_argument) when a file is not valid UTF-8.
GazetteerData import_gazetteer(const std::filesystem::path& bundled_dir);

}  // namespace bando::data
