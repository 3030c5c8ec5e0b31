#include "data/sqlite_db.hpp"

#include <fmt/format.h>

#include "geo/error.hpp"

namespace bando::data {
namespace {

[[noreturn]] void throw_sqlite(sqlite3* db, std::string_view context) {
  const int code = db ? sqlite3_extended_errcode(db) : SQLITE_ERROR;
  const char* message = db ? sqlite3_errmsg(db) : "out of memory";
  throw Error(ErrorKind::unavailable,
              {fmt::format("SQLite error {} ({}) in {}", code, message, context),
               fmt::format("Lỗi SQLite {} ({}) khi {}", code, message, context)});
}

}  // namespace

SqliteConnection::SqliteConnection(const std::string& path, Mode mode) : path_(path) {
  const int flags = mode == Mode::read_only ? SQLITE_OPEN_READONLY
                                            : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE;
  sqlite3* raw = nullptr;
  const int rc = sqlite3_open_v2(path.c_str(), &raw, flags | SQLITE_OPEN_NOMUTEX, nullptr);
  db_.reset(raw);
  if (rc != SQLITE_OK) throw_sqlite(raw, fmt::format("opening '{}'", path));

  sqlite3_busy_timeout(raw, 10'000);
  sqlite3_extended_result_codes(raw, 1);

  // mod_spatialite supplies the geometry functions and R*Tree helpers.
  sqlite3_enable_load_extension(raw, 1);
  char* error = nullptr;
  if (sqlite3_load_extension(raw, "mod_spatialite", nullptr, &error) != SQLITE_OK) {
    std::string message = error ? error : "unknown error";
    sqlite3_free(error);
    throw Error(ErrorKind::unavailable,
                {fmt::format("cannot load mod_spatialite into '{}': {}; install libsqlite3-mod-spatialite",
                             path, message),
                 fmt::format("không nạp được mod_spatialite cho '{}': {}", path, message)});
  }
  sqlite3_enable_load_extension(raw, 0);

  if (mode == Mode::read_write) execute("PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;");
  execute("PRAGMA foreign_keys=ON;");
}

void SqliteConnection::execute(std::string_view sql) {
  std::string text(sql);
  char* error = nullptr;
  if (sqlite3_exec(db_.get(), text.c_str(), nullptr, nullptr, &error) != SQLITE_OK) {
    std::string message = error ? error : "unknown error";
    sqlite3_free(error);
    throw Error(ErrorKind::unavailable, {fmt::format("SQLite error '{}' in: {}", message, sql), {}});
  }
}

Statement SqliteConnection::prepare(std::string_view sql) {
  sqlite3_stmt* raw = statements_->take(sql);
  if (raw == nullptr &&
      sqlite3_prepare_v3(db_.get(), sql.data(), static_cast<int>(sql.size()), SQLITE_PREPARE_PERSISTENT, &raw,
                         nullptr) != SQLITE_OK) {
    throw_sqlite(db_.get(), fmt::format("preparing: {}", sql));
  }
  return Statement(db_.get(), std::unique_ptr<sqlite3_stmt, SqliteFinalizer>(raw, {statements_.get()}));
}

StatementCache::~StatementCache() {
  for (auto& [sql, statement] : idle_) sqlite3_finalize(statement);
}

sqlite3_stmt* StatementCache::take(std::string_view sql) {
  const auto found = idle_.find(std::string(sql));
  if (found == idle_.end()) return nullptr;
  sqlite3_stmt* statement = found->second;
  idle_.erase(found);
  return statement;
}

void StatementCache::give_back(sqlite3_stmt* statement) noexcept {
  if (statement == nullptr) return;
  const char* sql = sqlite3_sql(statement);
  if (sql == nullptr) {
    sqlite3_finalize(statement);
    return;
  }
  if (idle_.size() >= kCapacity) {
    // Evict an arbitrary idle statement, so a full cache still takes new ones.
    sqlite3_finalize(idle_.begin()->second);
    idle_.erase(idle_.begin());
  }
  sqlite3_reset(statement);
  sqlite3_clear_bindings(statement);
  try {
    idle_.emplace(sql, statement);
  } catch (...) {
    sqlite3_finalize(statement);
  }
}

std::int64_t SqliteConnection::last_insert_rowid() const noexcept {
  return sqlite3_last_insert_rowid(db_.get());
}

Statement::Statement(sqlite3* db, std::unique_ptr<sqlite3_stmt, SqliteFinalizer> statement)
    : db_(db), statement_(std::move(statement)) {}

Statement& Statement::bind(int index, std::int64_t value) {
  if (sqlite3_bind_int64(statement_.get(), index, value) != SQLITE_OK) throw_sqlite(db_, "binding");
  return *this;
}

Statement& Statement::bind(int index, double value) {
  if (sqlite3_bind_double(statement_.get(), index, value) != SQLITE_OK) throw_sqlite(db_, "binding");
  return *this;
}

Statement& Statement::bind(int index, std::string_view text) {
  if (sqlite3_bind_text64(statement_.get(), index, text.data(), text.size(), SQLITE_TRANSIENT,
                          SQLITE_UTF8) != SQLITE_OK) {
    throw_sqlite(db_, "binding");
  }
  return *this;
}

Statement& Statement::bind_blob(int index, std::span<const std::uint8_t> bytes) {
  if (sqlite3_bind_blob64(statement_.get(), index, bytes.data(), bytes.size(), SQLITE_TRANSIENT) !=
      SQLITE_OK) {
    throw_sqlite(db_, "binding");
  }
  return *this;
}

Statement& Statement::bind_null(int index) {
  if (sqlite3_bind_null(statement_.get(), index) != SQLITE_OK) throw_sqlite(db_, "binding");
  return *this;
}

bool Statement::step() {
  const int rc = sqlite3_step(statement_.get());
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  throw_sqlite(db_, sqlite3_sql(statement_.get()));
}

void Statement::run() {
  while (step()) {
  }
  reset();
}

void Statement::reset() {
  sqlite3_reset(statement_.get());
  sqlite3_clear_bindings(statement_.get());
}

bool Statement::is_null(int column) const {
  return sqlite3_column_type(statement_.get(), column) == SQLITE_NULL;
}

std::int64_t Statement::column_int(int column) const {
  return sqlite3_column_int64(statement_.get(), column);
}

double Statement::column_double(int column) const {
  return sqlite3_column_double(statement_.get(), column);
}

std::string_view Statement::column_text(int column) const {
  const auto* text = sqlite3_column_text(statement_.get(), column);
  const int size = sqlite3_column_bytes(statement_.get(), column);
  if (text == nullptr) return {};
  return {reinterpret_cast<const char*>(text), static_cast<std::size_t>(size)};
}

std::span<const std::uint8_t> Statement::column_blob(int column) const {
  const void* blob = sqlite3_column_blob(statement_.get(), column);
  const int size = sqlite3_column_bytes(statement_.get(), column);
  if (blob == nullptr) return {};
  return {static_cast<const std::uint8_t*>(blob), static_cast<std::size_t>(size)};
}

std::optional<std::string> Statement::column_optional_text(int column) const {
  if (is_null(column)) return std::nullopt;
  return std::string(column_text(column));
}

Transaction::Transaction(SqliteConnection& connection) : connection_(connection) {
  connection_.execute("BEGIN IMMEDIATE");
}

Transaction::~Transaction() {
  if (done_) return;
  try {
    connection_.execute("ROLLBACK");
  } catch (const std::exception&) {
    // A failed rollback leaves SQLite to roll back when the connection closes.
  }
}

void Transaction::commit() {
  connection_.execute("COMMIT");
  done_ = true;
}

TriggersDisabled::TriggersDisabled(SqliteConnection& connection) : connection_(connection) {
  if (sqlite3_db_config(connection_.handle(), SQLITE_DBCONFIG_ENABLE_TRIGGER, 0, nullptr) != SQLITE_OK) {
    throw_sqlite(connection_.handle(), "disabling triggers");
  }
}

TriggersDisabled::~TriggersDisabled() {
  // Enabling a setting that SQLite accepted a moment ago does not fail.
  sqlite3_db_config(connection_.handle(), SQLITE_DBCONFIG_ENABLE_TRIGGER, 1, nullptr);
}

}  // namespace bando::data
