#include "data/sqlite_store.hpp"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include "data/sqlite_catalog.hpp"
#include "data/sqlite_schema.hpp"
#include "geo/error.hpp"

// Storage form: geometries are stored once, in EPSG:3857 (Web Mercator), as a
// SpatiaLite geometry column with an R*Tree index. Tiles are the hot path and
// need Web Mercator, so tile requests read coordinates with no reprojection.
// GeoJSON needs WGS 84, but the inverse from EPSG:3857 to longitude/latitude is
// a closed formula (geo::mercator_x_to_lon/_y_to_lat) that costs two
// transcendental calls per vertex and no PROJ lookup; a round trip changes a
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

std::string resolve_table(SqliteConnection& db, std::string_view dataset_id, std::int64_t version) {
  auto key = find_version_key(db, dataset_id, version);
  if (!key) {
    if (version == 0) throw_unknown_dataset(dataset_id);
    throw_unknown_version(dataset_id, version);
  }
  return feature_table_name(*key);
}

// WHERE clause for a query. The bbox values are bound as parameters 1 to 4.
std::string where_clause(const std::string& table, const FeatureQuery& query) {
  if (!query.bbox_mercator) return "";
  std::string clause = fmt::format(
      " WHERE fid IN (SELECT pkid FROM {} WHERE xmin <= ?3 AND xmax >= ?1 AND ymin <= ?4 AND ymax >= ?2)",
      spatial_index_name(table));
  if (!query.bbox_envelope_only) clause += " AND Intersects(geom, BuildMbr(?1, ?2, ?3, ?4, 3857)) = 1";
  return clause;
}

void bind_bbox(Statement& statement, const FeatureQuery& query) {
  if (!query.bbox_mercator) return;
  statement.bind(1, query.bbox_mercator->min_x);
  statement.bind(2, query.bbox_mercator->min_y);
  statement.bind(3, query.bbox_mercator->max_x);
  statement.bind(4, query.bbox_mercator->max_y);
}

void visit_rows(Statement& statement, const FeatureVisitor& visit) {
  while (statement.step()) {
    FeatureRecord record;
    record.id = statement.column_int(0);
    record.wkb = statement.column_blob(1);
    record.properties_json = statement.column_text(2);
    visit(record);
  }
}

}  // namespace

SqliteStore::SqliteStore(std::string path) : path_(std::move(path)) {
  writer_ = std::make_unique<SqliteConnection>(path_, SqliteConnection::Mode::read_write);
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

std::vector<DatasetInfo> SqliteStore::list_datasets() const {
  return with_reader([](SqliteConnection& db) {
    auto statement = db.prepare(fmt::format("SELECT {} FROM datasets ORDER BY id", kDatasetColumns));
    std::vector<DatasetInfo> result;
    while (statement.step()) result.push_back(read_dataset_row(statement));
    return result;
  });
}

std::optional<DatasetInfo> SqliteStore::find_dataset(std::string_view id) const {
  return with_reader([id](SqliteConnection& db) -> std::optional<DatasetInfo> {
    auto statement = db.prepare(fmt::format("SELECT {} FROM datasets WHERE id = ?", kDatasetColumns));
    statement.bind(1, id);
    if (!statement.step()) return std::nullopt;
    return read_dataset_row(statement);
  });
}

void SqliteStore::scan_features(std::string_view dataset_id, const FeatureQuery& query,
                                const FeatureVisitor& visit) const {
  with_reader([&](SqliteConnection& db) {
    const std::string table = resolve_table(db, dataset_id, query.version);
    auto statement = db.prepare(fmt::format(
        "SELECT fid, AsBinary(geom), properties FROM {}{} ORDER BY fid LIMIT ?5 OFFSET ?6", table,
        where_clause(table, query)));
    bind_bbox(statement, query);
    statement.bind(5, query.limit);
    statement.bind(6, query.offset);
    visit_rows(statement, visit);
  });
}

std::int64_t SqliteStore::count_features(std::string_view dataset_id, const FeatureQuery& query) const {
  return with_reader([&](SqliteConnection& db) {
    const std::string table = resolve_table(db, dataset_id, query.version);
    auto statement =
        db.prepare(fmt::format("SELECT count(*) FROM {}{}", table, where_clause(table, query)));
    bind_bbox(statement, query);
    statement.step();
    return statement.column_int(0);
  });
}

bool SqliteStore::visit_feature(std::string_view dataset_id, std::int64_t feature_id,
                                const FeatureVisitor& visit) const {
  return with_reader([&](SqliteConnection& db) {
    const std::string table = resolve_table(db, dataset_id, 0);
    auto statement = db.prepare(
        fmt::format("SELECT fid, AsBinary(geom), properties FROM {} WHERE fid = ?", table));
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
