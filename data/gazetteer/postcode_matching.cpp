#include "data/gazetteer/postcode_matching.hpp"

#include <map>
#include <string_view>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "data/gazetteer/text.hpp"

namespace bando::data {
namespace {

struct PrintedName {
  std::string type;  // "" when the cell has no known type prefix
  std::string name;
};

// Expands the abbreviations of the annex: "X." is Xã and "P." is Phường.
PrintedName parse_printed_name(std::string_view printed) {
  static constexpr std::pair<std::string_view, std::string_view> prefixes[] = {
      {"X. ", "Xã"}, {"P. ", "Phường"}, {"Xã ", "Xã"}, {"Phường ", "Phường"}, {"Đặc khu ", "Đặc khu"}};
  for (const auto& [prefix, type] : prefixes) {
    if (printed.starts_with(prefix)) {
      return {std::string(type), std::string(printed.substr(prefix.size()))};
    }
  }
  return {};
}

// Folded letters and digits only.
std::string compact_key(std::string_view text) {
  std::string key;
  for (char c : fold_for_search(text)) {
    if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || (static_cast<unsigned char>(c) >= 0x80)) {
      key.push_back(c);
    }
  }
  return key;
}

struct CommuneKeys {
  std::string tone_key;
  std::string compact;
};

enum class Pass { same_type_and_name, same_name, same_letters };

std::string describe(const ListedCommune& commune) {
  return fmt::format("{} {} {}", commune.code, commune.type, commune.name);
}

}  // namespace

std::vector<std::optional<std::size_t>> match_printed_rows(const std::vector<PrintedCommuneRow>& rows,
                                                           const std::vector<ListedCommune>& communes,
                                                           const std::string& file,
                                                           std::vector<ImportIssue>& issues) {
  std::vector<CommuneKeys> commune_keys;
  std::map<std::string, std::vector<std::size_t>, std::less<>> by_province;
  for (std::size_t i = 0; i < communes.size(); ++i) {
    commune_keys.push_back({tone_placement_key(communes[i].name), compact_key(communes[i].name)});
    by_province[communes[i].province_code].push_back(i);
  }

  std::vector<PrintedName> names;
  std::vector<CommuneKeys> row_keys;
  for (const PrintedCommuneRow& row : rows) {
    names.push_back(parse_printed_name(row.printed_name));
    row_keys.push_back({tone_placement_key(names.back().name), compact_key(names.back().name)});
  }

  std::vector<std::optional<std::size_t>> matches(rows.size());
  std::vector<bool> settled(rows.size(), false);  // matched, ambiguous or unusable
  std::vector<bool> taken(communes.size(), false);

  // A cell such as "#VALUE!" has no type prefix and is never matched, even
  // where one commune of its province is left over: guessing could attach a
  // postcode to the wrong commune.
  for (std::size_t i = 0; i < rows.size(); ++i) {
    if (names[i].type.empty()) settled[i] = true;
  }

  for (Pass pass : {Pass::same_type_and_name, Pass::same_name, Pass::same_letters}) {
    for (std::size_t i = 0; i < rows.size(); ++i) {
      if (settled[i]) continue;
      const auto province = by_province.find(rows[i].province_code);
      if (province == by_province.end()) continue;

      std::vector<std::size_t> candidates;
      for (std::size_t c : province->second) {
        if (taken[c]) continue;
        const bool same_name = commune_keys[c].tone_key == row_keys[i].tone_key;
        const bool same_type = communes[c].type == names[i].type;
        const bool hit = (pass == Pass::same_type_and_name && same_name && same_type) ||
                         (pass == Pass::same_name && same_name) ||
                         (pass == Pass::same_letters && commune_keys[c].compact == row_keys[i].compact);
        if (hit) candidates.push_back(c);
      }
      if (candidates.empty()) continue;

      settled[i] = true;
      if (candidates.size() > 1) {
        std::vector<std::string> listed;
        for (std::size_t c : candidates) listed.push_back(describe(communes[c]));
        issues.push_back({file, rows[i].line, rows[i].printed_name,
                          fmt::format("name matches several communes ({}); the row's postcode is not assigned",
                                      fmt::join(listed, ", "))});
        continue;
      }

      const std::size_t commune = candidates.front();
      taken[commune] = true;
      matches[i] = commune;
      if (pass == Pass::same_name) {
        issues.push_back({file, rows[i].line, rows[i].printed_name,
                          fmt::format("printed as {} but the statistics office lists {}; matched by name",
                                      names[i].type, describe(communes[commune]))});
      } else if (pass == Pass::same_letters) {
        issues.push_back({file, rows[i].line, rows[i].printed_name,
                          fmt::format("spelling differs from {}; matched ignoring spaces and punctuation",
                                      describe(communes[commune]))});
      }
    }
  }

  for (std::size_t i = 0; i < rows.size(); ++i) {
    if (matches[i].has_value()) continue;
    const bool unusable_name = names[i].type.empty();
    if (settled[i] && !unusable_name) continue;  // ambiguous, already reported

    std::vector<std::string> open_communes;
    if (const auto province = by_province.find(rows[i].province_code); province != by_province.end()) {
      for (std::size_t c : province->second) {
        if (!taken[c]) open_communes.push_back(describe(communes[c]));
      }
    }
    const std::string reason =
        unusable_name ? "name cell is not a commune name (expected a 'X. ', 'P. ' or 'Đặc khu ' prefix), "
                        "so the row's postcode is not assigned"
                      : fmt::format("no commune of province {} has this name", rows[i].province_code);
    issues.push_back({file, rows[i].line, rows[i].printed_name,
                      fmt::format("{}. Communes of province {} left without a row: {}", reason,
                                  rows[i].province_code, fmt::join(open_communes, ", "))});
  }
  return matches;
}

}  // namespace bando::data
