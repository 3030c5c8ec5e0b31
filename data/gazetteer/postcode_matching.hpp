#pragma once
// Matching of the printed postcode annex rows, which carry no GSO code, to the statistics office's communes.

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "data/gazetteer/admin_unit.hpp"

namespace bando::data {

// A commune of the statistics office list, e.g. type "Xã", name "An Phú".
struct ListedCommune {
  std::string province_code;
  std::string code;
  std::string type;
  std::string name;  // the full name without the type word
};

// A row of the postcode annex. `printed_name` is as printed: "X. An Phú", "P. Ba Đình", "Đặc khu Côn Đảo".
struct PrintedCommuneRow {
  int line = 0;
  std::string province_code;
  std::string printed_name;
};

// Matches each printed row to at most one commune of the same province, and
// each commune to at most one row, in three passes over the rows still open:
//   1. same type and same name, ignoring case and tone-mark placement (hoà = hòa);
//   2. same name but a different type, because some xã became phường after the
//      annex was printed;
//   3. same letters and digits after search folding, ignoring spaces and
//      punctuation ("LangBiang - Đà Lạt" = "Lang Biang - Đà Lạt").
// A pass with two or more candidates leaves the row unmatched instead of
// guessing. Rows matched by pass 2 or 3, ambiguous rows, unmatched rows and
// names without a type prefix are reported in `issues` under `file`.
// Returns, for each row, the index of its commune in `communes`.
std::vector<std::optional<std::size_t>> match_printed_rows(const std::vector<PrintedCommuneRow>& rows,
                                                           const std::vector<ListedCommune>& communes,
                                                           const std::string& file,
                                                           std::vector<ImportIssue>& issues);

}  // namespace bando::data
