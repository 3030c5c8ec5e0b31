// SqliteStore's PublishTransaction: writes one dataset version inside one SQLite transaction.

#include <chrono>

#include <fmt/chrono.h>
#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include "data/sqlite_catalog.hpp"
#include "data/sqlite_schema.hpp"
#include "data/sqlite_store.hpp"
#include "geo/tile_math.hpp"

namespace bando::data {
namespace {

std::string utc_now_rfc3339() {
  const auto now = std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now());
  return fmt::format("{:%Y-%m-%dT%H:%M:%SZ}", now);
}

std::int64_t next_version(SqliteConnection& db, const std::string& dataset_id) {
  auto statement =
      db.prepare("SELECT COALESCE(MAX(version), 0) + 1 FROM dataset_versions WHERE dataset_id = ?");
  statement.bind(1, dataset_id);
  statement.step();
  return statement.column_int(0);
}

void drop_feature_table(SqliteConnection& db, std::int64_t key) {
  const std::string table = feature_table_name(key);
  // DropTable removes the table with its geometry_columns row, triggers and
  // R*Tree. DropGeoTable() would not: in SpatiaLite 5.0.1 it returns 0 and drops
  // nothing inside a transaction, and pruning runs inside the publish transaction.
  auto drop = db.prepare("SELECT DropTable(NULL, ?)");
  drop.bind(1, table);
  drop.run();
  auto forget = db.prepare("DELETE FROM dataset_versions WHERE key = ?");
  forget.bind(1, key);
  forget.run();
}

// Deletes versions older than the newest `kept` ones.
void prune_versions(SqliteConnection& db, const std::string& dataset_id, std::int64_t newest, int kept) {
  auto old = db.prepare("SELECT key FROM dataset_versions WHERE dataset_id = ? AND version <= ?");
  old.bind(1, dataset_id);
  old.bind(2, newest - kept);
  std::vector<std::int64_t> keys;
  while (old.step()) keys.push_back(old.column_int(0));
  old.reset();
  for (std::int64_t key : keys) drop_feature_table(db, key);
}

}  // namespace

class SqliteStore::Publish final : public PublishTransaction {
 public:
  Publish(SqliteStore& store, const DatasetMetadata& metadata)
      : lock_(store.writer_mutex_), db_(*store.writer_), transaction_(db_), metadata_(metadata) {
    version_ = next_version(db_, metadata_.id);
    created_ = utc_now_rfc3339();

    auto add_version = db_.prepare(
        "INSERT INTO dataset_versions (dataset_id, version, feature_count, created) VALUES (?, ?, 0, ?)");
    add_version.bind(1, metadata_.id).bind(2, version_).bind(3, created_);
    add_version.run();
    key_ = db_.last_insert_rowid();
    table_ = feature_table_name(key_);

    db_.execute(fmt::format("CREATE TABLE {} (fid INTEGER PRIMARY KEY, properties TEXT NOT NULL)", table_));
    auto add_geometry = db_.prepare("SELECT AddGeometryColumn(?, 'geom', 3857, 'GEOMETRY', 'XY')");
    add_geometry.bind(1, table_);
    add_geometry.run();
    insert_.emplace(db_.prepare(fmt::format(
        "INSERT INTO {} (fid, geom, properties) VALUES (?, GeomFromWKB(?, 3857), ?)", table_)));
  }

  std::int64_t add_feature(std::span<const std::uint8_t> wkb, const geo::Box& bounds_mercator,
                           std::string_view properties_json) override {
    const std::int64_t id = ++feature_count_;
    insert_->bind(1, id);
    if (wkb.empty()) {
      insert_->bind_null(2);
    } else {
      insert_->bind_blob(2, wkb);
    }
    insert_->bind(3, properties_json);
    insert_->run();
    extent_mercator_.expand(bounds_mercator);
    return id;
  }

  DatasetInfo commit(const std::vector<Field>& fields, const std::string& geometry_type,
                     const std::string& source_crs) override {
    insert_.reset();
    auto index = db_.prepare("SELECT CreateSpatialIndex(?, 'geom')");
    index.bind(1, table_);
    index.run();

    auto count = db_.prepare("UPDATE dataset_versions SET feature_count = ? WHERE key = ?");
    count.bind(1, feature_count_).bind(2, key_);
    count.run();

    const DatasetInfo info = make_info(fields, geometry_type, source_crs);
    upsert_catalog_row(info);
    prune_versions(db_, metadata_.id, version_, kVersionsKept);
    transaction_.commit();
    spdlog::info("published dataset '{}' version {} with {} features", metadata_.id, version_,
                 feature_count_);
    return info;
  }

 private:
  DatasetInfo make_info(const std::vector<Field>& fields, const std::string& geometry_type,
                        const std::string& source_crs) const {
    DatasetInfo info;
    info.metadata = metadata_;
    info.version = version_;
    info.feature_count = feature_count_;
    info.extent_lonlat = geo::mercator_to_lonlat(extent_mercator_);
    info.geometry_type = geometry_type;
    info.source_crs = source_crs;
    info.updated = created_;
    info.fields = fields;
    return info;
  }

  void upsert_catalog_row(const DatasetInfo& info) {
    auto upsert = db_.prepare(fmt::format(
        "INSERT OR REPLACE INTO datasets ({}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        kDatasetColumns));
    const DatasetMetadata& m = info.metadata;
    upsert.bind(1, m.id).bind(2, m.title).bind(3, m.description).bind(4, m.publisher);
    upsert.bind(5, m.license).bind(6, keywords_to_json(m.keywords));
    upsert.bind(7, std::int64_t{m.is_basemap}).bind(8, std::int64_t{m.min_zoom});
    upsert.bind(9, std::int64_t{m.max_zoom}).bind(10, info.version).bind(11, info.feature_count);
    if (info.extent_lonlat.empty()) {
      for (int column = 12; column <= 15; ++column) upsert.bind_null(column);
    } else {
      upsert.bind(12, info.extent_lonlat.min_x).bind(13, info.extent_lonlat.min_y);
      upsert.bind(14, info.extent_lonlat.max_x).bind(15, info.extent_lonlat.max_y);
    }
    upsert.bind(16, info.geometry_type).bind(17, info.source_crs);
    upsert.bind(18, fields_to_json(info.fields)).bind(19, info.updated);
    upsert.run();
  }

  std::unique_lock<std::mutex> lock_;
  SqliteConnection& db_;
  Transaction transaction_;
  DatasetMetadata metadata_;
  std::int64_t version_ = 0;
  std::int64_t key_ = 0;
  std::string table_;
  std::string created_;
  std::optional<Statement> insert_;
  std::int64_t feature_count_ = 0;
  geo::Box extent_mercator_;
};

std::unique_ptr<PublishTransaction> SqliteStore::begin_publish(const DatasetMetadata& metadata) {
  validate_dataset_id(metadata.id);
  return std::make_unique<Publish>(*this, metadata);
}

}  // namespace bando::data
