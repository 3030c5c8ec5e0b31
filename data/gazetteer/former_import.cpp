#include "data/gazetteer/former_import.hpp"

#include <algorithm>
#include <map>
#include <set>
#include <tuple>
#include <string>
#include <utility>

#include <fmt/format.h>

#include "data/gazetteer/boundaries.hpp"
#include "data/gazetteer/delimited_table.hpp"
#include "data/gazetteer/text.hpp"

namespace bando::data {
namespace {

constexpr const char* kFormerUnits = "admin/tables/vn_admin_units_pre2025.csv";
constexpr const char* kPostcodes2018 = "postcodes/vn_postcodes_2018_by_admin_unit.csv";
constexpr const char* kCrosswalk = "postcodes/2025/nso-old-to-new.tsv";
constexpr const char* kFormerProvinceBoundaries = "admin/vn_provinces_63_pre2025.geojson";
constexpr const char* kFormerDistrictBoundaries = "admin/vn_districts_pre2025.geojson";

using UnitMap = std::map<std::string, AdminUnit, std::less<>>;

// Former units keyed by code, one map per level.
struct FormerTable {
  UnitMap provinces;
  UnitMap districts;
  UnitMap communes;

  UnitMap& of_level(int level) {
    if (level == kProvinceLevel) return provinces;
    return level == kDistrictLevel ? districts : communes;
  }
};

bool all_digits(std::string_view text, std::size_t size) {
  return text.size() == size && std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// Returns the name without its leading type word ("Quận Ba Đình" → "Ba Đình"),
// or the full name when it does not start with `type`.
std::string strip_type(const std::string& full_name, const std::string& type) {
  if (full_name.size() > type.size() + 1 && full_name.starts_with(type) && full_name[type.size()] == ' ') {
    return full_name.substr(type.size() + 1);
  }
  return full_name;
}

AdminUnit make_former_unit(int level, const std::string& code, const std::string& full_name, std::string type) {
  AdminUnit unit;
  unit.level = level;
  unit.code = code;
  unit.full_name = to_nfc(full_name);
  // The list calls the centrally governed cities "Thành phố Trung ương"; their
  // names and the unit types bando reports use plain "Thành phố".
  type = to_nfc(type);
  unit.type = type == "Thành phố Trung ương" ? "Thành phố" : type;
  unit.name = strip_type(unit.full_name, unit.type);
  unit.valid_from = "";
  unit.valid_to = kFormerUnitsValidTo;
  return unit;
}

// GSO code length of a level: 2 digits for provinces, 3 for districts, 5 for communes.
std::size_t code_length(int level) {
  if (level == kProvinceLevel) return 2;
  if (level == kDistrictLevel) return 3;
  return 5;
}

// The 2018 file numbers its tiers 1 province, 2 district, 3 commune; 0 means unknown.
int level_of_tier(const std::string& tier) {
  if (tier == "1") return kProvinceLevel;
  if (tier == "2") return kDistrictLevel;
  if (tier == "3") return kCommuneLevel;
  return 0;
}

// Adds the unit of one level from one row, or checks that a repeated code keeps its name.
void add_former_unit(const TableRow& row, AdminUnit unit, const AdminUnit* province, const std::string& parent,
                     FormerTable& table, std::vector<ImportIssue>& issues) {
  const std::size_t size = code_length(unit.level);
  if (!all_digits(unit.code, size)) {
    issues.push_back({kFormerUnits, row.line, unit.code,
                      fmt::format("code of '{}' is not {} digits; unit skipped", unit.full_name, size)});
    return;
  }
  UnitMap& units = table.of_level(unit.level);
  const auto found = units.find(unit.code);
  if (found != units.end()) {
    // Each row repeats its province and district, so only a different name is an error.
    if (found->second.full_name != unit.full_name || (unit.level == kCommuneLevel)) {
      issues.push_back({kFormerUnits, row.line, fmt::format("{} {}", unit.code, unit.full_name),
                        fmt::format("code repeats with '{}'; the first row is kept", found->second.full_name)});
    }
    return;
  }
  unit.province_code = province != nullptr ? province->code : unit.code;
  unit.province_name = province != nullptr ? province->full_name : unit.full_name;
  unit.parent_code = parent;
  units.emplace(unit.code, std::move(unit));
}

void read_former_units(const std::filesystem::path& bundled_dir, FormerTable& table,
                       std::vector<ImportIssue>& issues) {
  const DelimitedTable units = read_delimited_table(bundled_dir, kFormerUnits, ',', issues);
  const std::size_t columns[3][3] = {
      {units.column("level1_id"), units.column("level1_name"), units.column("level1_type")},
      {units.column("level2_id"), units.column("level2_name"), units.column("level2_type")},
      {units.column("level3_id"), units.column("level3_name"), units.column("level3_type")}};

  for (const TableRow& row : units.rows) {
    const auto field = [&](int tier, int part) -> const std::string& { return row.fields[columns[tier][part]]; };
    add_former_unit(row, make_former_unit(kProvinceLevel, field(0, 0), field(0, 1), field(0, 2)), nullptr, "",
                    table, issues);
    const auto province = table.provinces.find(field(0, 0));
    if (province == table.provinces.end()) continue;
    add_former_unit(row, make_former_unit(kDistrictLevel, field(1, 0), field(1, 1), field(1, 2)),
                    &province->second, province->first, table, issues);
    // A district without communes (the island districts) has empty commune fields.
    if (field(2, 0).empty() && field(2, 1).empty()) continue;
    add_former_unit(row, make_former_unit(kCommuneLevel, field(2, 0), field(2, 1), field(2, 2)),
                    &province->second, field(1, 0), table, issues);
  }
}

// Splits the province cell "10;11;12" and checks every code's length.
std::vector<std::string> split_postcodes(std::string_view cell) {
  std::vector<std::string> codes;
  while (!cell.empty()) {
    const std::size_t separator = cell.find(';');
    codes.emplace_back(cell.substr(0, separator));
    cell = separator == std::string_view::npos ? std::string_view() : cell.substr(separator + 1);
  }
  return codes;
}

void read_postcodes_2018(const std::filesystem::path& bundled_dir, FormerTable& table,
                         std::vector<ImportIssue>& issues) {
  const DelimitedTable postcodes = read_delimited_table(bundled_dir, kPostcodes2018, ',', issues);
  const std::size_t level_column = postcodes.column("level");
  const std::size_t code_column = postcodes.column("admin_code");
  const std::size_t name_column = postcodes.column("admin_name");
  const std::size_t postcode_column = postcodes.column("postcode");

  std::map<std::string, int, std::less<>> first_line_of_commune_code;
  for (const TableRow& row : postcodes.rows) {
    const std::string& tier = row.fields[level_column];
    const int level = level_of_tier(tier);
    const std::string& code = row.fields[code_column];
    UnitMap* units = level == 0 ? nullptr : &table.of_level(level);
    const auto unit = units == nullptr ? UnitMap::iterator() : units->find(code);
    if (units == nullptr || unit == units->end()) {
      issues.push_back({kPostcodes2018, row.line, fmt::format("{} {}", code, row.fields[name_column]),
                        "unit is not in the list of units in force until 2025-06-30; postcode skipped"});
      continue;
    }

    const std::size_t size = code_length(level);
    for (const std::string& postcode : split_postcodes(row.fields[postcode_column])) {
      if (!all_digits(postcode, size)) {
        issues.push_back({kPostcodes2018, row.line, postcode,
                          fmt::format("2018 postcode of {} ({}) is not {} digits; postcode skipped",
                                      unit->second.full_name, code, size)});
        continue;
      }
      if (level == kCommuneLevel) {
        const auto [first, inserted] = first_line_of_commune_code.emplace(postcode, row.line);
        if (!inserted) {
          issues.push_back({kPostcodes2018, row.line, postcode,
                            fmt::format("2018 postcode also given on line {}; assigned to both units",
                                        first->second)});
        }
      }
      unit->second.postcodes.push_back(postcode);
    }
  }
}

// Returns the code inside the trailing brackets of "Huyện Bạch Long Vĩ (318)", or "".
std::string bracketed_code(std::string_view cell) {
  const std::size_t open = cell.rfind('(');
  if (open == std::string_view::npos || !cell.ends_with(")")) return {};
  return std::string(cell.substr(open + 1, cell.size() - open - 2));
}

void read_crosswalk(const std::filesystem::path& bundled_dir, const FormerTable& table,
                    const std::vector<AdminUnit>& current_units, std::vector<CrosswalkLink>& links,
                    std::vector<ImportIssue>& issues) {
  const DelimitedTable crosswalk = read_delimited_table(bundled_dir, kCrosswalk, '\t', issues);
  const std::size_t new_code_column = crosswalk.column("new_code");
  const std::size_t old_code_column = crosswalk.column("old_code");
  const std::size_t old_name_column = crosswalk.column("old_name");
  const std::size_t old_district_column = crosswalk.column("old_district");
  const std::size_t note_column = crosswalk.column("note");

  std::set<std::string> current_communes;
  for (const AdminUnit& unit : current_units) {
    if (unit.level == kCommuneLevel) current_communes.insert(unit.code);
  }

  std::set<std::pair<std::string, std::string>> seen;
  for (const TableRow& row : crosswalk.rows) {
    CrosswalkLink link;
    link.new_code = row.fields[new_code_column];
    link.old_code = row.fields[old_code_column];
    link.note = to_nfc(row.fields[note_column]);
    const std::string& old_name = row.fields[old_name_column];
    if (link.old_code.empty() && old_name.empty()) {
      // A whole island district that became a special zone has no commune.
      link.old_level = kDistrictLevel;
      link.old_code = bracketed_code(row.fields[old_district_column]);
    }

    const UnitMap& old_units = link.old_level == kDistrictLevel ? table.districts : table.communes;
    if (!old_units.contains(link.old_code)) {
      issues.push_back({kCrosswalk, row.line, fmt::format("'{}' {}", link.old_code, old_name),
                        "old unit code is missing or not in the list of units in force until 2025-06-30; "
                        "link skipped"});
      continue;
    }
    if (!current_communes.contains(link.new_code)) {
      issues.push_back({kCrosswalk, row.line, link.new_code, "new commune code is not a current commune; link skipped"});
      continue;
    }
    const std::optional<MergeType> merge_type = parse_merge_type(link.note);
    if (!merge_type) {
      issues.push_back({kCrosswalk, row.line, link.note, "merge note not recognised; link kept as part_of_unit"});
    }
    link.merge_type = merge_type.value_or(MergeType::part_of_unit);
    if (!seen.emplace(link.old_code, link.new_code).second) {
      issues.push_back({kCrosswalk, row.line, fmt::format("{} -> {}", link.old_code, link.new_code),
                        "link repeats an earlier row; later row skipped"});
      continue;
    }
    links.push_back(std::move(link));
  }
  std::sort(links.begin(), links.end(), [](const CrosswalkLink& a, const CrosswalkLink& b) {
    return std::tie(a.old_level, a.old_code, a.new_code) < std::tie(b.old_level, b.old_code, b.new_code);
  });
}

void attach_former_boundaries(const std::filesystem::path& bundled_dir, const char* file, const char* code_property,
                              UnitMap& units, std::vector<ImportIssue>& issues) {
  for (UnitBoundary& boundary : read_unit_boundaries(bundled_dir, file, issues, code_property)) {
    const auto found = units.find(boundary.code);
    if (found == units.end() || !found->second.boundary_wkb.empty()) {
      issues.push_back({file, 0, fmt::format("feature {} (code '{}')", boundary.feature, boundary.code),
                        "code matches no former unit or repeats; boundary skipped"});
      continue;
    }
    found->second.boundary_wkb = std::move(boundary.wkb);
    found->second.centroid = boundary.centroid;
  }
}

}  // namespace

std::optional<MergeType> parse_merge_type(std::string_view note) {
  const std::string folded = fold_for_search(note);
  const bool part = folded.find("mot phan") != std::string::npos || folded.starts_with("phan con lai");
  if (part && folded.find("mot phan dien tich") != std::string::npos) return MergeType::part_of_area;
  if (part) return MergeType::part_of_unit;
  // A renamed unit ("Đổi tên") or one whose type changed ("Đổi loại hình") keeps its whole area.
  if (folded.starts_with("nhap toan bo") || folded == "giu nguyen" || folded.starts_with("sap xep toan bo") ||
      folded == "doi ten" || folded == "doi loai hinh") {
    return MergeType::whole_unit;
  }
  return std::nullopt;
}

const char* merge_type_name(MergeType type) {
  switch (type) {
    case MergeType::whole_unit:
      return "whole_unit";
    case MergeType::part_of_unit:
      return "part_of_unit";
    case MergeType::part_of_area:
      return "part_of_area";
  }
  return "part_of_unit";
}

void import_former_units(const std::filesystem::path& bundled_dir, GazetteerData& data) {
  FormerTable table;
  read_former_units(bundled_dir, table, data.issues);
  read_postcodes_2018(bundled_dir, table, data.issues);
  read_crosswalk(bundled_dir, table, data.units, data.crosswalk, data.issues);
  attach_former_boundaries(bundled_dir, kFormerProvinceBoundaries, "level1_id", table.provinces, data.issues);
  attach_former_boundaries(bundled_dir, kFormerDistrictBoundaries, "level2_id", table.districts, data.issues);

  for (UnitMap* units : {&table.provinces, &table.communes, &table.districts}) {
    for (auto& [code, unit] : *units) data.former_units.push_back(std::move(unit));
  }
}

}  // namespace bando::data
