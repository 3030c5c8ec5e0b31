// SqliteStore administration: listing versions, rolling back and deleting datasets.

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include "data/sqlite_catalog.hpp"
#include "data/sqlite_schema.hpp"
#include "data/sqlite_store.hpp"
#include "geo/error.hpp"

namespace bando::data {
namespace {

[[noreturn]] void throw_unknown_dataset(std::string_view id) {
  throw Error(ErrorKind::not_found, {fmt::format("unknown dataset '{}'", id),
                                     fmt::format("không có bộ dữ liệu '{}'", id)});
}

std::optional<std::int64_t> current_version(SqliteConnection& db, std::string_view dataset_id) {
  auto statement = db.prepare("SELECT version FROM datasets WHERE id = ?");
  statement.bind(1, dataset_id);
  if (!statement.step()) return std::nullopt;
  return statement.column_int(0);
}

}  // namespace

std::vector<VersionInfo> SqliteStore::list_versions(std::string_view dataset_id) const {
  return with_reader([&](SqliteConnection& db) {
    const auto current = current_version(db, dataset_id);
    if (!current) throw_unknown_dataset(dataset_id);
    auto statement = db.prepare(
        "SELECT version, feature_count, created FROM dataset_versions WHERE dataset_id = ? ORDER BY version DESC");
    statement.bind(1, dataset_id);
    std::vector<VersionInfo> versions;
    while (statement.step()) {
      VersionInfo version;
      version.version = statement.column_int(0);
      version.feature_count = statement.column_int(1);
      version.created = statement.column_text(2);
      version.current = version.version == *current;
      versions.push_back(std::move(version));
    }
    return versions;
  });
}

DatasetInfo SqliteStore::rollback(std::string_view dataset_id, std::int64_t version) {
  std::lock_guard lock(writer_mutex_);
  SqliteConnection& db = *writer_;
  Transaction transaction(db);
  if (!current_version(db, dataset_id)) throw_unknown_dataset(dataset_id);
  const auto key = find_version_key(db, dataset_id, version);
  if (!key || version <= 0) {
    throw Error(ErrorKind::not_found,
                {fmt::format("dataset '{}' has no stored version {}", dataset_id, version),
                 fmt::format("bộ dữ liệu '{}' không còn lưu phiên bản {}", dataset_id, version)});
  }
  auto restore = db.prepare(fmt::format("INSERT OR REPLACE INTO datasets ({0}) SELECT {0} FROM version_catalog WHERE key = ?",
                                        kDatasetColumns));
  restore.bind(1, *key);
  restore.run();
  if (sqlite3_changes(db.handle()) == 0) {
    throw Error(ErrorKind::not_found,
                {fmt::format("version {} of dataset '{}' was stored without its catalog record and cannot be restored",
                             version, dataset_id),
                 fmt::format("phiên bản {} của bộ dữ liệu '{}' được lưu không kèm bản ghi danh mục nên không khôi phục được",
                             version, dataset_id)});
  }
  auto read = db.prepare(fmt::format("SELECT {} FROM datasets WHERE id = ?", kDatasetColumns));
  read.bind(1, dataset_id);
  read.step();
  DatasetInfo info = read_dataset_row(read);
  read.reset();
  transaction.commit();
  spdlog::info("dataset '{}' rolled back to version {}", dataset_id, version);
  return info;
}

bool SqliteStore::delete_dataset(std::string_view dataset_id) {
  std::lock_guard lock(writer_mutex_);
  SqliteConnection& db = *writer_;
  Transaction transaction(db);
  if (!current_version(db, dataset_id)) return false;
  auto keys_statement = db.prepare("SELECT key FROM dataset_versions WHERE dataset_id = ?");
  keys_statement.bind(1, dataset_id);
  std::vector<std::int64_t> keys;
  while (keys_statement.step()) keys.push_back(keys_statement.column_int(0));
  keys_statement.reset();
  for (std::int64_t key : keys) drop_stored_version(db, key);
  auto remove = db.prepare("DELETE FROM datasets WHERE id = ?");
  remove.bind(1, dataset_id);
  remove.run();
  transaction.commit();
  spdlog::info("deleted dataset '{}' with {} stored versions", dataset_id, keys.size());
  return true;
}

void SqliteStore::set_versions_kept(int count) {
  if (count < 1) {
    throw Error(ErrorKind::invalid_argument,
                {fmt::format("versions kept must be at least 1, got {}", count),
                 fmt::format("số phiên bản giữ lại phải ít nhất là 1, nhận được {}", count)});
  }
  versions_kept_ = count;
}

}  // namespace bando::data
