#include "data/gazetteer/import.hpp"

#include <algorithm>
#include <map>
#include <string_view>

#include <fmt/format.h>
#include <fmt/ranges.h>
#include <spdlog/spdlog.h>

#include "data/gazetteer/boundaries.hpp"
#include "data/gazetteer/delimited_table.hpp"
#include "data/gazetteer/former_import.hpp"
#include "data/gazetteer/postcode_matching.hpp"
#include "data/gazetteer/text.hpp"

namespace bando::data {
namespace {

constexpr const char* kNsoProvinces = "postcodes/2025/nso-provinces.tsv";
constexpr const char* kNsoCommunes = "postcodes/2025/nso-communes.tsv";
constexpr const char* kPrintedProvinces = "postcodes/2025/qd2334-provinces.tsv";
constexpr const char* kPrintedCommunes = "postcodes/2025/qd2334-communes.tsv";
constexpr const char* kAdminTable = "admin/tables/vn_admin_units_2025.csv";
constexpr const char* kProvinceBoundaries = "admin/vn_provinces_34_2025.geojson";
constexpr const char* kCommuneBoundaries[] = {"admin/vn_wards_ha_noi_2025.geojson",
                                              "admin/vn_wards_ho_chi_minh_2025.geojson"};

// A unit under construction and the table line it came from.
struct Entry {
  AdminUnit unit;
  int source_line = 0;
};

// Units keyed by code, one map per level.
struct UnitTable {
  std::map<std::string, Entry, std::less<>> provinces;
  std::map<std::string, Entry, std::less<>> communes;
};

// Folds a province name and drops its type word, so "TỈNH QUẢNG NINH",
// "TP. Hải Phòng" and "Thành phố Quảng Ninh" compare by place name alone.
std::string province_key(std::string_view name) {
  std::string key = fold_for_search(name);
  for (std::string_view prefix : {"tinh ", "tp. ", "tp ", "thanh pho "}) {
    if (key.starts_with(prefix)) return key.substr(prefix.size());
  }
  return key;
}

bool is_postcode(std::string_view code) {
  return code.size() == 5 && std::all_of(code.begin(), code.end(), [](char c) { return c >= '0' && c <= '9'; });
}

bool is_prefix(std::string_view prefix) {
  return prefix.size() == 2 && std::all_of(prefix.begin(), prefix.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// Splits "Phường Ba Đình" into the type word and the name. The type word may
// differ in case ("xã Bắc Sơn"); `type` is then the canonical spelling.
// Returns false when `full_name` does not start with `type` and a space.
bool split_type_word(const std::string& full_name, const std::string& type, std::string& name) {
  if (full_name.size() <= type.size() + 1 || full_name[type.size()] != ' ') return false;
  if (tone_placement_key(full_name.substr(0, type.size())) != tone_placement_key(type)) return false;
  name = full_name.substr(type.size() + 1);
  return true;
}

void read_provinces(const std::filesystem::path& bundled_dir, UnitTable& table, std::vector<ImportIssue>& issues) {
  const DelimitedTable provinces = read_delimited_table(bundled_dir, kNsoProvinces, '\t', issues);
  const std::size_t code_column = provinces.column("code");
  const std::size_t name_column = provinces.column("name");
  const std::size_t type_column = provinces.column("type");

  for (const TableRow& row : provinces.rows) {
    const std::string& code = row.fields[code_column];
    const std::string full_name = to_nfc(row.fields[name_column]);
    // The list calls the centrally governed cities "Thành phố Trung ương";
    // their names and the unit types bando reports use plain "Thành phố".
    const std::string type = to_nfc(row.fields[type_column]) == "Tỉnh" ? "Tỉnh" : "Thành phố";
    if (code.size() != 2 || table.provinces.contains(code)) {
      issues.push_back({kNsoProvinces, row.line, code, "province code is not 2 characters or repeats; row skipped"});
      continue;
    }

    Entry entry;
    entry.source_line = row.line;
    entry.unit.code = code;
    entry.unit.level = 1;
    entry.unit.full_name = full_name;
    entry.unit.type = type;
    entry.unit.province_code = code;
    entry.unit.province_name = full_name;
    if (!split_type_word(full_name, type, entry.unit.name)) {
      entry.unit.name = full_name;
      issues.push_back({kNsoProvinces, row.line, full_name,
                        fmt::format("name does not start with its type '{}'; short name set to the full name", type)});
    }
    table.provinces.emplace(code, std::move(entry));
  }
}

void read_communes(const std::filesystem::path& bundled_dir, UnitTable& table, std::vector<ImportIssue>& issues) {
  const DelimitedTable communes = read_delimited_table(bundled_dir, kNsoCommunes, '\t', issues);
  const std::size_t province_column = communes.column("province_code");
  const std::size_t code_column = communes.column("code");
  const std::size_t name_column = communes.column("name");
  const std::size_t type_column = communes.column("type");

  for (const TableRow& row : communes.rows) {
    const std::string& code = row.fields[code_column];
    const std::string& province_code = row.fields[province_column];
    const auto province = table.provinces.find(province_code);
    if (code.size() != 5 || table.communes.contains(code) || province == table.provinces.end()) {
      issues.push_back({kNsoCommunes, row.line, code,
                        fmt::format("commune code is not 5 characters, repeats, or names an unknown province '{}'; "
                                    "row skipped",
                                    province_code)});
      continue;
    }

    Entry entry;
    entry.source_line = row.line;
    AdminUnit& unit = entry.unit;
    unit.code = code;
    unit.level = 2;
    unit.type = to_nfc(row.fields[type_column]);
    unit.province_code = province_code;
    unit.province_name = province->second.unit.full_name;
    unit.parent_code = province_code;
    const std::string listed_name = to_nfc(row.fields[name_column]);
    if (!split_type_word(listed_name, unit.type, unit.name)) {
      unit.name = listed_name;
      unit.full_name = listed_name;
      issues.push_back({kNsoCommunes, row.line, listed_name,
                        fmt::format("name does not start with its type '{}'; short name set to the full name",
                                    unit.type)});
    } else {
      unit.full_name = unit.type + " " + unit.name;
      if (unit.full_name != listed_name) {
        issues.push_back({kNsoCommunes, row.line, listed_name,
                          fmt::format("type word written in another case; stored as '{}'", unit.full_name)});
      }
    }
    table.communes.emplace(code, std::move(entry));
  }
}

// Reports where the admin table disagrees with the statistics office lists.
// Names that differ only in tone-mark placement or apostrophe style are not reported.
void cross_check_admin_table(const std::filesystem::path& bundled_dir, const UnitTable& table,
                             std::vector<ImportIssue>& issues) {
  const DelimitedTable admin = read_delimited_table(bundled_dir, kAdminTable, ',', issues);
  const std::size_t level_column = admin.column("level");
  const std::size_t code_column = admin.column("code");
  const std::size_t name_column = admin.column("name");
  const std::size_t type_column = admin.column("unit_type");

  std::map<std::string, bool, std::less<>> seen;
  for (const TableRow& row : admin.rows) {
    const std::string& code = row.fields[code_column];
    const auto& units = row.fields[level_column] == "1" ? table.provinces : table.communes;
    const auto found = units.find(code);
    seen[fmt::format("{}/{}", row.fields[level_column], code)] = true;
    if (found == units.end()) {
      issues.push_back({kAdminTable, row.line, fmt::format("{} {}", code, row.fields[name_column]),
                        "code is not in the statistics office list; unit left out"});
      continue;
    }
    const AdminUnit& unit = found->second.unit;
    const std::string type = to_nfc(row.fields[type_column]);
    if (type != unit.type) {
      issues.push_back({kAdminTable, row.line, fmt::format("{} {} {}", code, type, row.fields[name_column]),
                        fmt::format("type differs from the statistics office list, whose '{}' is used", unit.type)});
    }
    if (tone_placement_key(row.fields[name_column]) != tone_placement_key(unit.name)) {
      issues.push_back({kAdminTable, row.line, fmt::format("{} {}", code, row.fields[name_column]),
                        fmt::format("name differs from the statistics office list, whose '{}' is used", unit.name)});
    }
  }

  for (const auto* units : {&table.provinces, &table.communes}) {
    for (const auto& [code, entry] : *units) {
      if (seen.contains(fmt::format("{}/{}", entry.unit.level, code))) continue;
      issues.push_back({entry.unit.level == 1 ? kNsoProvinces : kNsoCommunes, entry.source_line,
                        fmt::format("{} {}", code, entry.unit.full_name),
                        "code is missing from the admin table; the statistics office entry is used"});
    }
  }
}

// Attaches the 2-digit prefixes of the annex's table of contents to the provinces.
void read_province_prefixes(const std::filesystem::path& bundled_dir, UnitTable& table,
                            const std::map<std::string, std::string, std::less<>>& province_by_key,
                            std::vector<ImportIssue>& issues) {
  const DelimitedTable prefixes = read_delimited_table(bundled_dir, kPrintedProvinces, '\t', issues);
  const std::size_t province_column = prefixes.column("province");
  const std::size_t prefixes_column = prefixes.column("prefixes");

  for (const TableRow& row : prefixes.rows) {
    const std::string& province = row.fields[province_column];
    const auto code = province_by_key.find(province_key(province));
    if (code == province_by_key.end()) {
      issues.push_back({kPrintedProvinces, row.line, province, "province name matches no province; row skipped"});
      continue;
    }
    AdminUnit& unit = table.provinces.at(code->second).unit;
    const std::string listed = fold_for_search(row.fields[prefixes_column]);
    std::string_view rest = listed;
    while (!rest.empty()) {
      const std::size_t space = rest.find(' ');
      const std::string_view prefix = rest.substr(0, space);
      rest = space == std::string_view::npos ? std::string_view() : rest.substr(space + 1);
      if (is_prefix(prefix)) {
        unit.postcodes.emplace_back(prefix);
      } else {
        issues.push_back({kPrintedProvinces, row.line, std::string(prefix),
                          fmt::format("postcode prefix of {} is not 2 digits; prefix skipped", unit.full_name)});
      }
    }
  }
  for (const auto& [code, entry] : table.provinces) {
    if (!entry.unit.postcodes.empty()) continue;
    issues.push_back({kNsoProvinces, entry.source_line, entry.unit.full_name,
                      "province has no postcode prefix in the annex"});
  }
}

bool has_prefix(const AdminUnit& province, std::string_view postcode) {
  return std::any_of(province.postcodes.begin(), province.postcodes.end(),
                     [&](const std::string& prefix) { return postcode.starts_with(prefix); });
}

// Matches the annex rows to communes and gives each matched commune its postcode.
void read_commune_postcodes(const std::filesystem::path& bundled_dir, UnitTable& table,
                            const std::map<std::string, std::string, std::less<>>& province_by_key,
                            std::vector<ImportIssue>& issues) {
  const DelimitedTable printed = read_delimited_table(bundled_dir, kPrintedCommunes, '\t', issues);
  const std::size_t province_column = printed.column("province");
  const std::size_t name_column = printed.column("name");
  const std::size_t zip_column = printed.column("zip");

  std::vector<PrintedCommuneRow> rows;
  std::vector<std::string> zips;
  for (const TableRow& row : printed.rows) {
    const std::string& province = row.fields[province_column];
    const auto code = province_by_key.find(province_key(province));
    if (code == province_by_key.end()) {
      issues.push_back({kPrintedCommunes, row.line, province, "province name matches no province; row skipped"});
      continue;
    }
    rows.push_back({row.line, code->second, to_nfc(row.fields[name_column])});
    zips.push_back(row.fields[zip_column]);
  }

  std::vector<ListedCommune> communes;
  std::vector<AdminUnit*> commune_units;
  for (auto& [code, entry] : table.communes) {
    communes.push_back({entry.unit.province_code, code, entry.unit.type, entry.unit.name});
    commune_units.push_back(&entry.unit);
  }

  const std::vector<std::optional<std::size_t>> matches =
      match_printed_rows(rows, communes, kPrintedCommunes, issues);

  std::map<std::string, int, std::less<>> first_line_of_zip;
  for (std::size_t i = 0; i < rows.size(); ++i) {
    if (!matches[i]) continue;
    AdminUnit& unit = *commune_units[*matches[i]];
    const std::string& zip = zips[i];
    if (!is_postcode(zip)) {
      issues.push_back({kPrintedCommunes, rows[i].line, zip,
                        fmt::format("postcode of {} ({}) is not exactly 5 digits; no postcode assigned",
                                    unit.full_name, unit.code)});
      continue;
    }
    const auto [first, inserted] = first_line_of_zip.emplace(zip, rows[i].line);
    if (!inserted) {
      issues.push_back({kPrintedCommunes, rows[i].line, zip,
                        fmt::format("postcode also given on line {}; assigned to both units", first->second)});
    }
    if (!has_prefix(table.provinces.at(unit.province_code).unit, zip)) {
      issues.push_back({kPrintedCommunes, rows[i].line, zip,
                        fmt::format("postcode of {} ({}) lacks the prefixes of its province; assigned anyway",
                                    unit.full_name, unit.code)});
    }
    unit.postcodes.push_back(zip);
  }

  for (const auto& [code, entry] : table.communes) {
    if (!entry.unit.postcodes.empty()) continue;
    issues.push_back({kNsoCommunes, entry.source_line, fmt::format("{} {}", code, entry.unit.full_name),
                      "commune has no valid postcode in the annex"});
  }
}

void attach_boundaries(const std::filesystem::path& bundled_dir, const std::string& file,
                       std::map<std::string, Entry, std::less<>>& units, std::vector<ImportIssue>& issues) {
  for (UnitBoundary& boundary : read_unit_boundaries(bundled_dir, file, issues)) {
    const std::string label = fmt::format("feature {} (code '{}')", boundary.feature, boundary.code);
    const auto found = units.find(boundary.code);
    if (found == units.end()) {
      issues.push_back({file, 0, label, "code matches no unit; boundary skipped"});
      continue;
    }
    AdminUnit& unit = found->second.unit;
    if (!unit.boundary_wkb.empty()) {
      issues.push_back({file, 0, label, "unit already has a boundary; later feature skipped"});
      continue;
    }
    unit.boundary_wkb = std::move(boundary.wkb);
    unit.centroid = boundary.centroid;
  }
}

}  // namespace

GazetteerData import_gazetteer(const std::filesystem::path& bundled_dir) {
  GazetteerData data;
  UnitTable table;
  read_provinces(bundled_dir, table, data.issues);
  read_communes(bundled_dir, table, data.issues);
  cross_check_admin_table(bundled_dir, table, data.issues);

  std::map<std::string, std::string, std::less<>> province_by_key;
  for (const auto& [code, entry] : table.provinces) province_by_key.emplace(province_key(entry.unit.full_name), code);
  read_province_prefixes(bundled_dir, table, province_by_key, data.issues);
  read_commune_postcodes(bundled_dir, table, province_by_key, data.issues);

  attach_boundaries(bundled_dir, kProvinceBoundaries, table.provinces, data.issues);
  for (const char* file : kCommuneBoundaries) attach_boundaries(bundled_dir, file, table.communes, data.issues);

  // std::map iteration already sorts each level by code.
  for (auto* units : {&table.provinces, &table.communes}) {
    for (auto& [code, entry] : *units) data.units.push_back(std::move(entry.unit));
  }
  import_former_units(bundled_dir, data);
  spdlog::info("gazetteer import from '{}': {} units, {} former units, {} crosswalk links, {} import issues",
               bundled_dir.string(), data.units.size(), data.former_units.size(), data.crosswalk.size(),
               data.issues.size());
  return data;
}

}  // namespace bando::data
