#include "data/sqlite_schema.hpp"

#include <fmt/format.h>

namespace bando::data {

namespace {

// Adds the temporal columns to a catalog table of a store created before they
// existed. `table` is a literal of this file, never user input.
void add_temporal_columns(SqliteConnection& db, const char* table) {
  auto columns = db.prepare("SELECT count(*) FROM pragma_table_info(?) WHERE name = 'temporal_property'");
  columns.bind(1, std::string_view(table));
  columns.step();
  if (columns.column_int(0) != 0) return;
  db.execute(fmt::format("ALTER TABLE {0} ADD COLUMN temporal_property TEXT NOT NULL DEFAULT ''; "
                         "ALTER TABLE {0} ADD COLUMN time_min INTEGER; ALTER TABLE {0} ADD COLUMN time_max INTEGER",
                         table));
}

}  // namespace

void ensure_catalog_schema(SqliteConnection& db) {
  auto has_metadata = db.prepare(
      "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'spatial_ref_sys'");
  has_metadata.step();
  if (has_metadata.column_int(0) == 0) {
    // 1 = create all EPSG definitions inside one transaction (seconds, not minutes).
    db.execute("SELECT InitSpatialMetadata(1)");
  }

  // `datasets` is the catalog: one row per dataset describing its current version.
  // `dataset_versions` lists every stored version and the table that contains it.
  db.execute(R"sql(
    CREATE TABLE IF NOT EXISTS datasets (
      id TEXT PRIMARY KEY,
      title TEXT NOT NULL,
      description TEXT NOT NULL DEFAULT '',
      publisher TEXT NOT NULL DEFAULT '',
      license TEXT NOT NULL DEFAULT '',
      keywords TEXT NOT NULL DEFAULT '[]',
      is_basemap INTEGER NOT NULL DEFAULT 0,
      min_zoom INTEGER NOT NULL DEFAULT 0,
      max_zoom INTEGER NOT NULL DEFAULT 16,
      version INTEGER NOT NULL,
      feature_count INTEGER NOT NULL,
      min_lon REAL, min_lat REAL, max_lon REAL, max_lat REAL,
      geometry_type TEXT NOT NULL,
      source_crs TEXT NOT NULL DEFAULT '',
      fields TEXT NOT NULL DEFAULT '[]',
      updated TEXT NOT NULL,
      temporal_property TEXT NOT NULL DEFAULT '',
      time_min INTEGER, time_max INTEGER
    );
    CREATE TABLE IF NOT EXISTS dataset_versions (
      key INTEGER PRIMARY KEY AUTOINCREMENT,
      dataset_id TEXT NOT NULL,
      version INTEGER NOT NULL,
      feature_count INTEGER NOT NULL,
      created TEXT NOT NULL,
      UNIQUE (dataset_id, version)
    );
  )sql");

  // `version_catalog` keeps the catalog row of every stored version, keyed like
  // `dataset_versions`, so a rollback restores that version's extent and fields.
  // Versions published before this table existed have no row and cannot be rolled back to.
  db.execute(R"sql(
    CREATE TABLE IF NOT EXISTS version_catalog (
      key INTEGER PRIMARY KEY,
      id TEXT NOT NULL,
      title TEXT NOT NULL,
      description TEXT NOT NULL,
      publisher TEXT NOT NULL,
      license TEXT NOT NULL,
      keywords TEXT NOT NULL,
      is_basemap INTEGER NOT NULL,
      min_zoom INTEGER NOT NULL,
      max_zoom INTEGER NOT NULL,
      version INTEGER NOT NULL,
      feature_count INTEGER NOT NULL,
      min_lon REAL, min_lat REAL, max_lon REAL, max_lat REAL,
      geometry_type TEXT NOT NULL,
      source_crs TEXT NOT NULL,
      fields TEXT NOT NULL,
      updated TEXT NOT NULL,
      temporal_property TEXT NOT NULL DEFAULT '',
      time_min INTEGER, time_max INTEGER
    );
  )sql");
  add_temporal_columns(db, "datasets");
  add_temporal_columns(db, "version_catalog");

  // API keys of publishers. Only the SHA-256 of each key is stored.
  db.execute(R"sql(
    CREATE TABLE IF NOT EXISTS api_keys (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      publisher TEXT NOT NULL,
      key_sha256 BLOB NOT NULL,
      created TEXT NOT NULL
    );
  )sql");
}

void drop_stored_version(SqliteConnection& db, std::int64_t key) {
  const std::string table = feature_table_name(key);
  // DropTable removes the table with its geometry_columns row, triggers and R*Tree.
  // DropGeoTable() would not do: in SpatiaLite 5.0.1 it returns 0 and drops nothing
  // inside a transaction, and pruning runs inside the publish transaction.
  auto drop = db.prepare("SELECT DropTable(NULL, ?)");
  drop.bind(1, table);
  drop.run();
  db.execute(fmt::format("DROP TABLE IF EXISTS {}", table));
  auto forget = db.prepare("DELETE FROM dataset_versions WHERE key = ?");
  forget.bind(1, key);
  forget.run();
  auto forget_row = db.prepare("DELETE FROM version_catalog WHERE key = ?");
  forget_row.bind(1, key);
  forget_row.run();
}

std::string feature_table_name(std::int64_t version_key) {
  return fmt::format("features_{}", version_key);
}

std::string spatial_index_name(const std::string& table) {
  return fmt::format("idx_{}_geom", table);
}

}  // namespace bando::data
