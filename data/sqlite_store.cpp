#include "data/sqlite_store.hpp"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <variant>

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include "data/query/sql.hpp"
#include "data/sqlite_catalog.hpp"
#include "data/sqlite_schema.hpp"
#include "data/spatialite_blob.hpp"
#include "geo/error.hpp"

// Storage form: geometries are stored once, in EPSG:3857 (Web Mercator), as a
// SpatiaLite geometry column with an R*Tree index. Tiles are the hot path and
// need Web Mercator, so tile requests read coordinates with no reprojection.
// GeoJSON needs WGS 84, but the inverse from EPSG:3857 to longitude/latitude is
// a closed formula (geo::mercator_x_to_lon/_y_to_lat) that costs two
// transcendental calls per vertex and no PROJ lookup. A round trip changes a
// coordinate by less than 1e-9 degrees. Source CRSs go through PROJ once, at
// ingest. Latitudes beyond +/-85.05 degrees cannot be stored and are rejected
// at ingest.

namespace bando::data {
namespace {

[[noreturn]] void throw_unknown_dataset(std::string_view id) {
  throw Error(ErrorKind::not_found, {fmt::format("unknown collection '{}'", id),
                                     fmt::format("không có bộ dữ liệu '{}'", id)});
}

[[noreturn]] void throw_unknown_version(std::string_view id, std::int64_t version) {
  throw Error(ErrorKind::not_found,
              {fmt::format("collection '{}' has no version {}", id, version),
               fmt::format("bộ dữ liệu '{}' không có phiên bản {}", id, version)});
}

// SQLite's WAL hook, called on the writer connection after each commit has
// taken place. Registering it replaces SQLite's automatic checkpoint, so it
// checkpoints at SQLite's default threshold of 1000 WAL pages itself.
int count_writer_commit(void* commits, sqlite3* db, const char* database, int wal_pages) {
  static_cast<std::atomic<std::uint64_t>*>(commits)->fetch_add(1, std::memory_order_release);
  if (wal_pages >= 1000) sqlite3_wal_checkpoint_v2(db, database, SQLITE_CHECKPOINT_PASSIVE, nullptr, nullptr);
  return SQLITE_OK;
}

std::string resolve_table(SqliteConnection& db, std::string_view dataset_id, std::int64_t version) {
  auto key = find_version_key(db, dataset_id, version);
  if (!key) {
    if (version == 0) throw_unknown_dataset(dataset_id);
    throw_unknown_version(dataset_id, version);
  }
  return feature_table_name(*key);
}

// WHERE clause for a query, with its values bound as ?1, ?2, ... in order.
query::SqlFragment where_clause(const std::string& table, const FeatureQuery& query) {
  query::SqlFragment clause;
  std::vector<std::string> conditions;
  if (query.bbox_mercator) {
    const geo::Box& box = *query.bbox_mercator;
    const std::string min_x = clause.bind(box.min_x);
    const std::string min_y = clause.bind(box.min_y);
    const std::string max_x = clause.bind(box.max_x);
    const std::string max_y = clause.bind(box.max_y);
    clause.sql = fmt::format(" WHERE fid IN (SELECT pkid FROM {} WHERE xmin <= {} AND xmax >= {} AND ymin <= {} AND ymax >= {})",
                             spatial_index_name(table), max_x, min_x, max_y, min_y);
    if (!query.bbox_envelope_only) {
      // A geometry whose MBR lies inside the box intersects it, and MbrWithin
      // reads only the blob's stored MBR, so GEOS runs only for the rest.
      const std::string mbr = fmt::format("BuildMbr({}, {}, {}, {}, 3857)", min_x, min_y, max_x, max_y);
      clause.sql += fmt::format(" AND (MbrWithin(geom, {0}) = 1 OR Intersects(geom, {0}) = 1)", mbr);
    }
  }
  if (query.filter) {
    clause.sql += clause.sql.empty() ? " WHERE (" : " AND (";
    query::append_filter_sql(clause, *query.filter, query.fields, spatial_index_name(table));
    clause.sql += ")";
  }
  if (query.time) {
    // Two closed intervals overlap when each one starts before the other ends.
    std::string condition = "time_start IS NOT NULL";
    if (query.time->end_ms) condition += " AND time_start <= " + clause.bind(*query.time->end_ms);
    if (query.time->start_ms) condition += " AND time_end >= " + clause.bind(*query.time->start_ms);
    clause.sql += (clause.sql.empty() ? " WHERE " : " AND ") + condition;
  }
  return clause;
}

// ORDER BY for the sort keys, then the feature id. Property paths are bound values.
std::string order_clause(query::SqlFragment& fragment, const FeatureQuery& query) {
  std::string order = " ORDER BY ";
  for (const SortKey& key : query.sort) {
    const bool known = std::any_of(query.fields.begin(), query.fields.end(),
                                   [&](const Field& field) { return field.name == key.property; });
    if (!known) {
      throw Error(ErrorKind::invalid_argument,
                  {fmt::format("sortby names '{}', which is not a property of this collection", key.property),
                   fmt::format("sortby nêu '{}', không phải thuộc tính của bộ dữ liệu này", key.property)});
    }
    order += fmt::format("json_extract(properties, {}) {}, ", fragment.bind(query::property_path(key.property)),
                         key.descending ? "DESC" : "ASC");
  }
  return order + "fid";
}

void bind_values(Statement& statement, const query::SqlFragment& fragment) {
  for (std::size_t i = 0; i < fragment.values.size(); ++i) {
    const int index = static_cast<int>(i + 1);
    std::visit(
        [&](const auto& value) {
          using T = std::decay_t<decltype(value)>;
          if constexpr (std::is_same_v<T, std::nullptr_t>) {
            statement.bind_null(index);
          } else {
            statement.bind(index, value);
          }
        },
        fragment.values[i]);
  }
}

// Stored geometries are read as SpatiaLite BLOBs and turned into WKB in
// `wkb`, which costs far less than SpatiaLite's AsBinary() per row.
void visit_row(const Statement& statement, const FeatureVisitor& visit, std::vector<std::uint8_t>& wkb) {
  FeatureRecord record;
  record.id = statement.column_int(0);
  const std::span<const std::uint8_t> blob = statement.column_blob(1);
  if (!blob.empty()) {
    if (!spatialite_blob_to_wkb(blob, wkb)) {
      throw Error(ErrorKind::internal,
                  {fmt::format("feature {} has a geometry BLOB that bando cannot read (Z, M or compressed)", record.id),
                   {}});
    }
    record.wkb = wkb;
  }
  record.properties_json = statement.column_text(2);
  visit(record);
}

void visit_rows(Statement& statement, const FeatureVisitor& visit) {
  std::vector<std::uint8_t> wkb;
  while (statement.step()) visit_row(statement, visit, wkb);
}

// The SELECT behind scan_features and open_features, with its values bound.
Statement prepare_scan(SqliteConnection& db, std::string_view dataset_id, const FeatureQuery& query) {
  const std::string table = resolve_table(db, dataset_id, query.version);
  query::SqlFragment fragment = where_clause(table, query);
  const std::string order = order_clause(fragment, query);
  const std::string limit = fragment.bind(query.limit);
  const std::string offset = fragment.bind(query.offset);
  auto statement = db.prepare(fmt::format("SELECT fid, geom, properties FROM {}{}{} LIMIT {} OFFSET {}",
                                          table, fragment.sql, order, limit, offset));
  bind_values(statement, fragment);
  return statement;
}

}  // namespace

SqliteStore::SqliteStore(std::string path) : path_(std::move(path)) {
  writer_ = std::make_unique<SqliteConnection>(path_, SqliteConnection::Mode::read_write);
  sqlite3_wal_hook(writer_->handle(), count_writer_commit, &writer_commits_);
  ensure_catalog_schema(*writer_);
}

SqliteStore::~SqliteStore() = default;

SqliteStore::ReaderLease::ReaderLease(const SqliteStore& owner) : store(owner) {
  {
    std::lock_guard lock(store.readers_mutex_);
    if (!store.idle_readers_.empty()) {
      connection = std::move(store.idle_readers_.back());
      store.idle_readers_.pop_back();
      return;
    }
  }
  connection = std::make_unique<SqliteConnection>(store.path_, SqliteConnection::Mode::read_only);
}

SqliteStore::ReaderLease::~ReaderLease() {
  std::lock_guard lock(store.readers_mutex_);
  store.idle_readers_.push_back(std::move(connection));
}

std::shared_ptr<const std::vector<DatasetInfo>> SqliteStore::catalog_snapshot() const {
  const auto now = std::chrono::steady_clock::now();
  const std::uint64_t commits = writer_commits_.load(std::memory_order_acquire);
  std::lock_guard lock(catalog_mutex_);
  if (catalog_ && commits == catalog_commits_ && now - catalog_checked_ < kExternalCommitCheckInterval) {
    return catalog_;
  }

  if (!catalog_watcher_) {
    catalog_watcher_ = std::make_unique<SqliteConnection>(path_, SqliteConnection::Mode::read_only);
  }
  SqliteConnection& db = *catalog_watcher_;
  auto version_statement = db.prepare("PRAGMA data_version");
  version_statement.step();
  const std::int64_t data_version = version_statement.column_int(0);
  version_statement.reset();
  catalog_checked_ = now;
  if (catalog_ && commits == catalog_commits_ && data_version == catalog_data_version_) return catalog_;

  auto statement = db.prepare(fmt::format("SELECT {} FROM datasets ORDER BY id", kDatasetColumns));
  auto rows = std::make_shared<std::vector<DatasetInfo>>();
  while (statement.step()) rows->push_back(read_dataset_row(statement));
  catalog_ = std::move(rows);
  catalog_commits_ = commits;
  catalog_data_version_ = data_version;
  return catalog_;
}

std::vector<DatasetInfo> SqliteStore::list_datasets() const { return *catalog_snapshot(); }

std::optional<DatasetInfo> SqliteStore::find_dataset(std::string_view id) const {
  const auto catalog = catalog_snapshot();
  const auto found = std::lower_bound(catalog->begin(), catalog->end(), id,
                                      [](const DatasetInfo& row, std::string_view key) { return row.metadata.id < key; });
  if (found == catalog->end() || found->metadata.id != id) return std::nullopt;
  return *found;
}

void SqliteStore::scan_features(std::string_view dataset_id, const FeatureQuery& query,
                                const FeatureVisitor& visit) const {
  with_reader([&](SqliteConnection& db) {
    auto statement = prepare_scan(db, dataset_id, query);
    visit_rows(statement, visit);
  });
}

// Holds a pooled reader and the prepared scan. Members are destroyed in
// reverse order, so the statement is finalized before the reader goes back.
class SqliteStore::Cursor final : public FeatureCursor {
 public:
  Cursor(const SqliteStore& store, std::string_view dataset_id, const FeatureQuery& query)
      : lease_(store), statement_(prepare_scan(*lease_.connection, dataset_id, query)) {}

  bool next(const FeatureVisitor& visit) override {
    if (!statement_.step()) return false;
    visit_row(statement_, visit, wkb_);
    return true;
  }

 private:
  ReaderLease lease_;
  Statement statement_;
  std::vector<std::uint8_t> wkb_;  // the current row's geometry
};

std::unique_ptr<FeatureCursor> SqliteStore::open_features(std::string_view dataset_id,
                                                          const FeatureQuery& query) const {
  return std::make_unique<Cursor>(*this, dataset_id, query);
}

std::int64_t SqliteStore::count_features(std::string_view dataset_id, const FeatureQuery& query) const {
  return with_reader([&](SqliteConnection& db) {
    const std::string table = resolve_table(db, dataset_id, query.version);
    const query::SqlFragment fragment = where_clause(table, query);
    auto statement = db.prepare(fmt::format("SELECT count(*) FROM {}{}", table, fragment.sql));
    bind_values(statement, fragment);
    statement.step();
    return statement.column_int(0);
  });
}

bool SqliteStore::visit_feature(std::string_view dataset_id, std::int64_t feature_id,
                                const FeatureVisitor& visit) const {
  return with_reader([&](SqliteConnection& db) {
    const std::string table = resolve_table(db, dataset_id, 0);
    auto statement = db.prepare(
        fmt::format("SELECT fid, geom, properties FROM {} WHERE fid = ?", table));
    statement.bind(1, feature_id);
    bool found = false;
    visit_rows(statement, [&](const FeatureRecord& record) {
      found = true;
      visit(record);
    });
    return found;
  });
}

}  // namespace bando::data
