#pragma once
// Reading and writing catalog rows of the SQLite store.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "data/dataset.hpp"
#include "data/sqlite_db.hpp"

namespace bando::data {

// Column list that read_dataset_row() expects, in order.
extern const char* const kDatasetColumns;

DatasetInfo read_dataset_row(const Statement& row);

std::string keywords_to_json(const std::vector<std::string>& keywords);
std::string fields_to_json(const std::vector<Field>& fields);

// Key of the table that contains `version` of a dataset (0 = current), or nullopt.
std::optional<std::int64_t> find_version_key(SqliteConnection& db, std::string_view dataset_id,
                                             std::int64_t version);

}  // namespace bando::data
