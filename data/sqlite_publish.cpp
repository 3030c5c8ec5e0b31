// SqliteStore's PublishTransaction: writes one dataset version inside one SQLite transaction.

#include <algorithm>
#include <chrono>
#include <optional>

#include <fmt/chrono.h>
#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include "data/rtree_bulk_load.hpp"
#include "data/spatialite_blob.hpp"
#include "data/sqlite_catalog.hpp"
#include "data/sqlite_schema.hpp"
#include "data/sqlite_store.hpp"
#include "geo/error.hpp"
#include "geo/tile_math.hpp"

namespace bando::data {
namespace {

constexpr std::int32_t kStoredSrid = 3857;

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

bool dataset_exists(SqliteConnection& db, const std::string& dataset_id) {
  auto statement = db.prepare("SELECT 1 FROM datasets WHERE id = ?");
  statement.bind(1, dataset_id);
  return statement.step();
}

// Deletes versions older than the newest `kept` ones, except the current one
// (after a rollback the current version can be older than the newest).
void prune_versions(SqliteConnection& db, const std::string& dataset_id, std::int64_t newest, int kept) {
  auto old = db.prepare(
      "SELECT key FROM dataset_versions WHERE dataset_id = ?1 AND version <= ?2 "
      "AND version <> COALESCE((SELECT version FROM datasets WHERE id = ?1), 0)");
  old.bind(1, dataset_id);
  old.bind(2, newest - kept);
  std::vector<std::int64_t> keys;
  while (old.step()) keys.push_back(old.column_int(0));
  old.reset();
  for (std::int64_t key : keys) drop_stored_version(db, key);
}

// Writes the catalog row of `info` into `table` ("datasets", or "version_catalog"
// with the version's `key`). `table` is one of those two literals, never user input.
void upsert_catalog_row(SqliteConnection& db, const char* table, const DatasetInfo& info,
                        std::optional<std::int64_t> key) {
  const std::string columns = key ? fmt::format("key, {}", kDatasetColumns) : std::string(kDatasetColumns);
  const int first = key ? 2 : 1;
  // kDatasetColumns names 22 columns.
  const char* const placeholders = "?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?";
  auto upsert = db.prepare(fmt::format("INSERT OR REPLACE INTO {} ({}) VALUES ({}{})", table, columns,
                                       key ? "?, " : "", placeholders));
  if (key) upsert.bind(1, *key);
  const DatasetMetadata& m = info.metadata;
  upsert.bind(first, m.id).bind(first + 1, m.title).bind(first + 2, m.description).bind(first + 3, m.publisher);
  upsert.bind(first + 4, m.license).bind(first + 5, keywords_to_json(m.keywords));
  upsert.bind(first + 6, std::int64_t{m.is_basemap}).bind(first + 7, std::int64_t{m.min_zoom});
  upsert.bind(first + 8, std::int64_t{m.max_zoom}).bind(first + 9, info.version);
  upsert.bind(first + 10, info.feature_count);
  if (info.extent_lonlat.empty()) {
    for (int column = first + 11; column <= first + 14; ++column) upsert.bind_null(column);
  } else {
    upsert.bind(first + 11, info.extent_lonlat.min_x).bind(first + 12, info.extent_lonlat.min_y);
    upsert.bind(first + 13, info.extent_lonlat.max_x).bind(first + 14, info.extent_lonlat.max_y);
  }
  upsert.bind(first + 15, info.geometry_type).bind(first + 16, info.source_crs);
  upsert.bind(first + 17, fields_to_json(info.fields)).bind(first + 18, info.updated);
  upsert.bind(first + 19, m.temporal_property);
  if (info.temporal_extent) {
    upsert.bind(first + 20, info.temporal_extent->start_ms).bind(first + 21, info.temporal_extent->end_ms);
  } else {
    upsert.bind_null(first + 20).bind_null(first + 21);
  }
  upsert.run();
}

// Creates the feature table of a version with its SpatiaLite geometry column
// and empty R*Tree, so SpatiaLite itself writes the metadata and triggers.
void create_feature_table(SqliteConnection& db, const std::string& table) {
  // time_start and time_end hold the temporal property's interval in ms since the epoch (see TimeInterval).
  db.execute(fmt::format(
      "CREATE TABLE {} (fid INTEGER PRIMARY KEY, properties TEXT NOT NULL, time_start INTEGER, time_end INTEGER)",
      table));
  auto add_geometry = db.prepare("SELECT AddGeometryColumn(?, 'geom', 3857, 'GEOMETRY', 'XY')");
  add_geometry.bind(1, table);
  add_geometry.run();
  auto index = db.prepare("SELECT CreateSpatialIndex(?, 'geom')");
  index.bind(1, table);
  index.run();
}

// Records the load time as SpatiaLite's per-row insert trigger would have.
void touch_insert_time(SqliteConnection& db, const std::string& table) {
  auto touch = db.prepare(
      "UPDATE geometry_columns_time SET last_insert = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') "
      "WHERE f_table_name = ? AND f_geometry_column = 'geom'");
  touch.bind(1, table);
  touch.run();
}

}  // namespace

class SqliteStore::Batch final : public PublishBatch {
 public:
  explicit Batch(SqliteStore& store) : store_(store), lock_(store.writer_mutex_), transaction_(*store.writer_) {}

  std::unique_ptr<PublishTransaction> begin_dataset(const DatasetMetadata& metadata, bool create_only) override;

  void commit() override {
    if (open_) throw Error(ErrorKind::internal, {"a batch dataset was started but not committed", {}});
    transaction_.commit();
    for (const auto& summary : committed_) spdlog::info("published {}", summary);
  }

  void dataset_committed(std::string summary) {
    open_ = false;
    committed_.push_back(std::move(summary));
  }

 private:
  SqliteStore& store_;
  std::unique_lock<std::mutex> lock_;
  Transaction transaction_;
  bool open_ = false;
  std::vector<std::string> committed_;
};

// Loads rows with triggers off: the geometry BLOBs are encoded here with SRID
// 3857 and 2D coordinates, which is what SpatiaLite's constraint trigger checks,
// and the R*Tree is packed once at commit instead of growing row by row.
// A Publish made by a Batch runs inside the batch's transaction and lock;
// otherwise it holds its own.
class SqliteStore::Publish final : public PublishTransaction {
 public:
  Publish(SqliteStore& store, const DatasetMetadata& metadata, Batch* batch)
      : batch_(batch), db_(*store.writer_), metadata_(metadata), versions_kept_(store.versions_kept_) {
    if (batch_ == nullptr) {
      lock_ = std::unique_lock(store.writer_mutex_);
      transaction_.emplace(db_);
    }
    version_ = next_version(db_, metadata_.id);
    created_ = utc_now_rfc3339();

    auto add_version = db_.prepare(
        "INSERT INTO dataset_versions (dataset_id, version, feature_count, created) VALUES (?, ?, 0, ?)");
    add_version.bind(1, metadata_.id).bind(2, version_).bind(3, created_);
    add_version.run();
    key_ = db_.last_insert_rowid();
    table_ = feature_table_name(key_);

    create_feature_table(db_, table_);
    triggers_off_.emplace(db_);
    insert_.emplace(db_.prepare(fmt::format(
        "INSERT INTO {} (fid, geom, properties, time_start, time_end) VALUES (?, ?, ?, ?, ?)", table_)));
  }

  std::int64_t add_feature(std::span<const std::uint8_t> wkb, const geo::Box& bounds_mercator,
                           std::string_view properties_json, const std::optional<TimeInterval>& time) override {
    const std::int64_t id = feature_count_ + 1;
    if (wkb.empty()) {
      insert_->bind_null(2);
    } else {
      blob_.clear();
      const geo::Box mbr = append_spatialite_blob(wkb, kStoredSrid, blob_);
      insert_->bind_blob(2, blob_);
      index_entries_.push_back(make_rtree_entry(id, mbr));
    }
    insert_->bind(1, id);
    insert_->bind(3, properties_json);
    if (time) {
      insert_->bind(4, time->start_ms).bind(5, time->end_ms);
      temporal_extent_ = temporal_extent_ ? TimeInterval{std::min(temporal_extent_->start_ms, time->start_ms),
                                                         std::max(temporal_extent_->end_ms, time->end_ms)}
                                          : *time;
    } else {
      insert_->bind_null(4).bind_null(5);
    }
    insert_->run();
    feature_count_ = id;
    extent_mercator_.expand(bounds_mercator);
    return id;
  }

  DatasetInfo commit(const std::vector<Field>& fields, const std::string& geometry_type,
                     const std::string& source_crs) override {
    insert_.reset();
    triggers_off_.reset();
    bulk_load_rtree(db_, spatial_index_name(table_), std::move(index_entries_));
    touch_insert_time(db_, table_);
    if (!metadata_.temporal_property.empty()) {
      db_.execute(fmt::format("CREATE INDEX idx_{0}_time ON {0} (time_start, time_end)", table_));
    }

    auto count = db_.prepare("UPDATE dataset_versions SET feature_count = ? WHERE key = ?");
    count.bind(1, feature_count_).bind(2, key_);
    count.run();

    const DatasetInfo info = make_info(fields, geometry_type, source_crs);
    upsert_catalog_row(db_, "datasets", info, std::nullopt);
    upsert_catalog_row(db_, "version_catalog", info, key_);
    prune_versions(db_, metadata_.id, version_, versions_kept_);
    const std::string summary =
        fmt::format("dataset '{}' version {} with {} features", metadata_.id, version_, feature_count_);
    if (batch_ != nullptr) {
      batch_->dataset_committed(summary);
    } else {
      transaction_->commit();
      spdlog::info("published {}", summary);
    }
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
    info.temporal_extent = temporal_extent_;
    return info;
  }

  Batch* batch_;
  std::unique_lock<std::mutex> lock_;
  SqliteConnection& db_;
  std::optional<Transaction> transaction_;
  DatasetMetadata metadata_;
  int versions_kept_;
  std::int64_t version_ = 0;
  std::int64_t key_ = 0;
  std::string table_;
  std::string created_;
  std::optional<TriggersDisabled> triggers_off_;
  std::optional<Statement> insert_;
  std::vector<std::uint8_t> blob_;
  std::vector<RtreeEntry> index_entries_;
  std::int64_t feature_count_ = 0;
  geo::Box extent_mercator_;
  std::optional<TimeInterval> temporal_extent_;
};

std::unique_ptr<PublishTransaction> SqliteStore::Batch::begin_dataset(const DatasetMetadata& metadata,
                                                                      bool create_only) {
  validate_dataset_id(metadata.id);
  if (open_) throw Error(ErrorKind::internal, {"a batch dataset was started before the previous one was committed", {}});
  if (create_only && dataset_exists(*store_.writer_, metadata.id)) {
    throw Error(ErrorKind::conflict, {fmt::format("dataset '{}' already exists", metadata.id),
                                      fmt::format("bộ dữ liệu '{}' đã tồn tại", metadata.id)});
  }
  open_ = true;
  return std::make_unique<Publish>(store_, metadata, this);
}

std::unique_ptr<PublishTransaction> SqliteStore::begin_publish(const DatasetMetadata& metadata) {
  validate_dataset_id(metadata.id);
  return std::make_unique<Publish>(*this, metadata, nullptr);
}

std::unique_ptr<PublishBatch> SqliteStore::begin_publish_batch() { return std::make_unique<Batch>(*this); }

}  // namespace bando::data
