#pragma once
// RAII wrappers over the SQLite C API: a connection and a prepared statement.

#include <sqlite3.h>

#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>

namespace bando::data {

struct SqliteCloser {
  void operator()(sqlite3* db) const noexcept { sqlite3_close_v2(db); }
};
// Prepared statements of one connection that are idle, by SQL text, so that
// a query run again skips SQLite's parser. Statements come back reset and
// with their bindings cleared.
class StatementCache {
 public:
  StatementCache() = default;
  ~StatementCache();
  StatementCache(const StatementCache&) = delete;
  StatementCache& operator=(const StatementCache&) = delete;

  // An idle statement compiled from exactly `sql`, or null.
  sqlite3_stmt* take(std::string_view sql);
  // Resets `statement` and keeps it. A full cache finalizes an idle statement to make room.
  void give_back(sqlite3_stmt* statement) noexcept;

  static constexpr std::size_t kCapacity = 64;

 private:
  std::unordered_multimap<std::string, sqlite3_stmt*> idle_;
};

// Statement deleter: returns the statement to `cache`, or finalizes it when
// `cache` is null.
struct SqliteFinalizer {
  StatementCache* cache = nullptr;
  void operator()(sqlite3_stmt* statement) const noexcept {
    if (cache != nullptr) {
      cache->give_back(statement);
    } else {
      sqlite3_finalize(statement);
    }
  }
};

class Statement;

// One SQLite connection with SpatiaLite loaded. Not thread-safe: use one per thread.
class SqliteConnection {
 public:
  enum class Mode { read_only, read_write };

  // Opens (and for read_write creates) the file, enables WAL, foreign keys and a
  // busy timeout, and loads the mod_spatialite extension. Throws bando::Error
  // (unavailable) with SQLite's message and the path.
  SqliteConnection(const std::string& path, Mode mode);

  // Runs one or more statements that take no parameters.
  void execute(std::string_view sql);

  // Compiles one statement, or reuses an idle one compiled from the same SQL.
  // Throws bando::Error (unavailable) naming the SQL.
  Statement prepare(std::string_view sql);

  std::int64_t last_insert_rowid() const noexcept;
  sqlite3* handle() const noexcept { return db_.get(); }
  const std::string& path() const noexcept { return path_; }

 private:
  std::unique_ptr<sqlite3, SqliteCloser> db_;
  std::string path_;
  // Declared after db_, so idle statements are finalized before the connection closes.
  std::unique_ptr<StatementCache> statements_ = std::make_unique<StatementCache>();
};

// A prepared statement. Bind indexes start at 1, column indexes at 0.
class Statement {
 public:
  Statement(sqlite3* db, std::unique_ptr<sqlite3_stmt, SqliteFinalizer> statement);

  Statement& bind(int index, std::int64_t value);
  Statement& bind(int index, double value);
  Statement& bind(int index, std::string_view text);
  Statement& bind_blob(int index, std::span<const std::uint8_t> bytes);
  Statement& bind_null(int index);

  // Advances to the next row; false when done. Throws bando::Error on failure.
  bool step();
  // Steps a statement that returns no rows.
  void run();
  void reset();

  bool is_null(int column) const;
  std::int64_t column_int(int column) const;
  double column_double(int column) const;
  // Views stay valid until the next step(), reset() or destruction.
  std::string_view column_text(int column) const;
  std::span<const std::uint8_t> column_blob(int column) const;
  std::optional<std::string> column_optional_text(int column) const;

 private:
  sqlite3* db_;
  std::unique_ptr<sqlite3_stmt, SqliteFinalizer> statement_;
};

// Begins a transaction (BEGIN IMMEDIATE) and rolls it back unless commit() runs.
class Transaction {
 public:
  explicit Transaction(SqliteConnection& connection);
  ~Transaction();
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;

  void commit();

 private:
  SqliteConnection& connection_;
  bool done_ = false;
};

// Turns triggers off on one connection (SQLITE_DBCONFIG_ENABLE_TRIGGER) and
// back on when destroyed. Bulk loads use it to skip per-row triggers whose work
// they do once at the end. Throws bando::Error (unavailable) when SQLite rejects it.
class TriggersDisabled {
 public:
  explicit TriggersDisabled(SqliteConnection& connection);
  ~TriggersDisabled();
  TriggersDisabled(const TriggersDisabled&) = delete;
  TriggersDisabled& operator=(const TriggersDisabled&) = delete;

 private:
  SqliteConnection& connection_;
};

}  // namespace bando::data
