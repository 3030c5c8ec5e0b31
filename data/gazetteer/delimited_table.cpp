#include "data/gazetteer/delimited_table.hpp"

#include <fstream>

#include <fmt/format.h>

#include "geo/error.hpp"

namespace bando::data {
namespace {

std::vector<std::string> split_plain(std::string_view line, char separator) {
  std::vector<std::string> fields;
  std::size_t start = 0;
  while (true) {
    const std::size_t end = line.find(separator, start);
    if (end == std::string_view::npos) {
      fields.emplace_back(line.substr(start));
      return fields;
    }
    fields.emplace_back(line.substr(start, end - start));
    start = end + 1;
  }
}

// Splits one CSV line. A quote that opens a field runs to the next lone quote.
std::vector<std::string> split_quoted(std::string_view line, char separator) {
  std::vector<std::string> fields(1);
  bool quoted = false;
  for (std::size_t i = 0; i < line.size(); ++i) {
    const char c = line[i];
    if (quoted) {
      if (c == '"' && i + 1 < line.size() && line[i + 1] == '"') {
        fields.back().push_back('"');
        ++i;
      } else if (c == '"') {
        quoted = false;
      } else {
        fields.back().push_back(c);
      }
    } else if (c == '"' && fields.back().empty()) {
      quoted = true;
    } else if (c == separator) {
      fields.emplace_back();
    } else {
      fields.back().push_back(c);
    }
  }
  return fields;
}

}  // namespace

std::size_t DelimitedTable::column(std::string_view name) const {
  for (std::size_t i = 0; i < header.size(); ++i) {
    if (header[i] == name) return i;
  }
  throw Error(ErrorKind::unavailable,
              {fmt::format("bundled table '{}' has no column '{}'; restore the bundled data", file, name),
               fmt::format("bảng '{}' thiếu cột '{}'", file, name)});
}

DelimitedTable read_delimited_table(const std::filesystem::path& bundled_dir, const std::string& file,
                                    char separator, std::vector<ImportIssue>& issues) {
  const std::filesystem::path path = bundled_dir / file;
  std::ifstream input(path, std::ios::binary);
  if (!input) {
    throw Error(ErrorKind::unavailable,
                {fmt::format("cannot open bundled table '{}'", path.string()),
                 fmt::format("không mở được bảng '{}'", path.string())});
  }

  DelimitedTable table;
  table.file = file;
  std::string line;
  int line_number = 0;
  bool have_header = false;
  while (std::getline(input, line)) {
    ++line_number;
    if (line_number == 1 && line.starts_with("\xEF\xBB\xBF")) line.erase(0, 3);
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty()) continue;

    std::vector<std::string> fields =
        separator == ',' ? split_quoted(line, separator) : split_plain(line, separator);
    if (!have_header) {
      table.header = std::move(fields);
      have_header = true;
      continue;
    }
    if (fields.size() != table.header.size()) {
      issues.push_back({file, line_number, line,
                        fmt::format("row has {} fields but the header has {}; row skipped", fields.size(),
                                    table.header.size())});
      continue;
    }
    table.rows.push_back({line_number, std::move(fields)});
  }
  if (input.bad() || !have_header) {
    throw Error(ErrorKind::unavailable,
                {fmt::format("cannot read a header line from bundled table '{}'", path.string()),
                 fmt::format("không đọc được dòng tiêu đề của bảng '{}'", path.string())});
  }
  return table;
}

}  // namespace bando::data
