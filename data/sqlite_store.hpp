#pragma once
// The embedded Store: one SQLite file with SpatiaLite, WAL mode, one writer and pooled readers.

#include <atomic>
#include <chrono>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "data/sqlite_db.hpp"
#include "data/store.hpp"

namespace bando::data {

class SqliteStore final : public Store {
 public:
  // Opens or creates the store at `path` and its schema. Throws bando::Error
  // (unavailable) when the file cannot be opened or SpatiaLite is missing.
  explicit SqliteStore(std::string path);
  ~SqliteStore() override;

  std::vector<DatasetInfo> list_datasets() const override;
  std::optional<DatasetInfo> find_dataset(std::string_view id) const override;
  void scan_features(std::string_view dataset_id, const FeatureQuery& query,
                     const FeatureVisitor& visit) const override;
  std::unique_ptr<FeatureCursor> open_features(std::string_view dataset_id,
                                               const FeatureQuery& query) const override;
  std::int64_t count_features(std::string_view dataset_id, const FeatureQuery& query) const override;
  bool visit_feature(std::string_view dataset_id, std::int64_t feature_id,
                     const FeatureVisitor& visit) const override;
  std::unique_ptr<PublishTransaction> begin_publish(const DatasetMetadata& metadata) override;
  std::unique_ptr<PublishBatch> begin_publish_batch() override;
  // Administration, in sqlite_store_admin.cpp.
  std::vector<VersionInfo> list_versions(std::string_view dataset_id) const override;
  DatasetInfo rollback(std::string_view dataset_id, std::int64_t version) override;
  bool delete_dataset(std::string_view dataset_id) override;

  // Sets how many versions a publish keeps (at least 1, the new one). Call before
  // publishing; not synchronized with publishes running on other threads.
  void set_versions_kept(int count);

  // Runs `work` with the writer connection held exclusively, for tables outside
  // the catalog (the gazetteer). Throws what `work` throws.
  template <typename Work>
  auto with_writer(Work&& work) {
    std::lock_guard lock(writer_mutex_);
    return work(*writer_);
  }

  // Runs `work` with a pooled read-only connection.
  template <typename Work>
  auto with_reader(Work&& work) const {
    ReaderLease lease(*this);
    return work(*lease.connection);
  }

  const std::string& path() const noexcept { return path_; }

  // Old versions kept after a publish, so a reader paging an older version can finish.
  static constexpr int kVersionsKept = 3;

 private:
  class Publish;
  class Batch;
  friend class Publish;
  friend class Batch;
  class Cursor;
  friend class Cursor;

  // Borrows an idle reader connection and returns it to the pool when destroyed.
  struct ReaderLease {
    explicit ReaderLease(const SqliteStore& store);
    ~ReaderLease();
    ReaderLease(const ReaderLease&) = delete;
    ReaderLease& operator=(const ReaderLease&) = delete;
    const SqliteStore& store;
    std::unique_ptr<SqliteConnection> connection;
  };

  // The catalog rows, ordered by id, from a copy kept in memory. The copy is
  // read again after any commit of this store's writer, and after a commit by
  // another process: PRAGMA data_version on catalog_watcher_ reveals those,
  // and is checked at most once per kExternalCommitCheckInterval.
  std::shared_ptr<const std::vector<DatasetInfo>> catalog_snapshot() const;

  std::string path_;
  std::unique_ptr<SqliteConnection> writer_;
  mutable std::mutex catalog_mutex_;
  mutable std::unique_ptr<SqliteConnection> catalog_watcher_;
  mutable std::shared_ptr<const std::vector<DatasetInfo>> catalog_;
  mutable std::int64_t catalog_data_version_ = -1;
  mutable std::uint64_t catalog_commits_ = 0;
  mutable std::chrono::steady_clock::time_point catalog_checked_;
  std::atomic<std::uint64_t> writer_commits_{0};  // counted by SQLite's WAL hook on writer_

  // How long a dataset published by another process (`bando publish` on the
  // store of a running server) may stay unseen by this one. Public for tests.
 public:
  static constexpr std::chrono::milliseconds kExternalCommitCheckInterval{100};

 private:
  std::mutex writer_mutex_;
  int versions_kept_ = kVersionsKept;
  mutable std::mutex readers_mutex_;
  mutable std::vector<std::unique_ptr<SqliteConnection>> idle_readers_;
};

}  // namespace bando::data
