#pragma once
// Catalog schema of the SQLite store and the names of per-version feature tables.

#include <cstdint>
#include <string>

#include "data/sqlite_db.hpp"

namespace bando::data {

// Creates the SpatiaLite metadata and catalog tables when missing. Idempotent.
void ensure_catalog_schema(SqliteConnection& db);

// Feature table of one dataset version. Names come from an integer key, never
// from user input, so they are safe to splice into SQL.
std::string feature_table_name(std::int64_t version_key);

// Drops the feature table of the version stored under `version_key` with its
// index, and its rows in dataset_versions and version_catalog. Run it inside a
// transaction. Throws bando::Error when SQLite fails.
void drop_stored_version(SqliteConnection& db, std::int64_t version_key);

// SpatiaLite's R*Tree over the table's `geom` column.
std::string spatial_index_name(const std::string& table);

}  // namespace bando::data
