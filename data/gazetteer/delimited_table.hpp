#pragma once
// Reading of the bundled tab- and comma-separated tables with their line numbers.

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "data/gazetteer/admin_unit.hpp"

namespace bando::data {

struct TableRow {
  int line = 0;  // 1-based file line; the header is line 1
  std::vector<std::string> fields;
};

// A table whose rows all have as many fields as the header.
struct DelimitedTable {
  std::string file;  // the name given to read_delimited_table, used in issues
  std::vector<std::string> header;
  std::vector<TableRow> rows;

  // Returns the index of column `name`. Throws bando::Error (unavailable)
  // naming the file and column when the header lacks it.
  std::size_t column(std::string_view name) const;
};

// Reads `bundled_dir / file`, one row a line, fields split at `separator`.
// With ',' a field may be enclosed in double quotes, with "" for a quote inside
// it; tab-separated files have no quoting. A UTF-8 byte order mark, CR line
// ends and empty lines are skipped. A row whose field count differs from the
// header's is left out and reported in `issues`. Throws bando::Error
// (unavailable) when the file cannot be read or has no header line.
DelimitedTable read_delimited_table(const std::filesystem::path& bundled_dir, const std::string& file,
                                    char separator, std::vector<ImportIssue>& issues);

}  // namespace bando::data
