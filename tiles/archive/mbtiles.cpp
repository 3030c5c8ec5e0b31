#include "tiles/archive/mbtiles.hpp"

#include <cstdio>
#include <cstdlib>
#include <string>

#include <fmt/format.h>
#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include "geo/error.hpp"

namespace bando::tiles::archive {
namespace {

constexpr const char* kSchema = R"sql(
CREATE TABLE metadata (name TEXT, value TEXT);
CREATE UNIQUE INDEX metadata_name ON metadata (name);
CREATE TABLE map (zoom_level INTEGER, tile_column INTEGER, tile_row INTEGER, tile_id TEXT);
CREATE UNIQUE INDEX map_index ON map (zoom_level, tile_column, tile_row);
CREATE TABLE images (tile_data BLOB, tile_id TEXT);
CREATE UNIQUE INDEX images_id ON images (tile_id);
CREATE VIEW tiles AS
  SELECT map.zoom_level AS zoom_level, map.tile_column AS tile_column,
         map.tile_row AS tile_row, images.tile_data AS tile_data
  FROM map JOIN images ON images.tile_id = map.tile_id;
)sql";

Error sqlite_failure(const std::filesystem::path& path, sqlite3* db, const char* action) {
  const std::string message = db ? sqlite3_errmsg(db) : "out of memory";
  return Error(ErrorKind::unavailable,
               {fmt::format("cannot {} MBTiles file '{}': {}", action, path.string(), message),
                fmt::format("không {} được tệp MBTiles '{}': {}", action, path.string(), message)});
}

std::unique_ptr<sqlite3, data::SqliteCloser> open_database(const std::filesystem::path& path, int flags) {
  sqlite3* raw = nullptr;
  const int code = sqlite3_open_v2(path.c_str(), &raw, flags, nullptr);
  std::unique_ptr<sqlite3, data::SqliteCloser> db(raw);
  if (code != SQLITE_OK) throw sqlite_failure(path, raw, "open");
  return db;
}

void execute(sqlite3* db, const std::filesystem::path& path, const char* sql) {
  if (sqlite3_exec(db, sql, nullptr, nullptr, nullptr) != SQLITE_OK) throw sqlite_failure(path, db, "write");
}

std::unique_ptr<data::Statement> prepare(sqlite3* db, std::string_view sql) {
  sqlite3_stmt* raw = nullptr;
  if (sqlite3_prepare_v2(db, sql.data(), static_cast<int>(sql.size()), &raw, nullptr) != SQLITE_OK) {
    const std::string message = sqlite3_errmsg(db);
    throw Error(ErrorKind::internal, {fmt::format("cannot prepare '{}': {}", sql, message),
                                      fmt::format("không chuẩn bị được '{}': {}", sql, message)});
  }
  return std::make_unique<data::Statement>(db, std::unique_ptr<sqlite3_stmt, data::SqliteFinalizer>(raw));
}

// MBTiles rows count from the south (TMS); XYZ rows count from the north.
std::int64_t flip_row(const geo::TileId& tile) {
  return (std::int64_t{1} << tile.z) - 1 - static_cast<std::int64_t>(tile.y);
}

std::string metadata_json(const ArchiveMetadata& metadata) {
  rapidjson::Document layers;
  layers.Parse(metadata.vector_layers_json.empty() ? "[]" : metadata.vector_layers_json.c_str());
  if (layers.HasParseError() || !layers.IsArray()) layers.SetArray();
  rapidjson::Document document(rapidjson::kObjectType);
  document.AddMember("vector_layers", layers.Move(), document.GetAllocator());
  rapidjson::StringBuffer buffer;
  rapidjson::Writer<rapidjson::StringBuffer> writer(buffer);
  document.Accept(writer);
  return buffer.GetString();
}

}  // namespace

MbtilesWriter::MbtilesWriter(const std::filesystem::path& path) {
  std::error_code ignored;
  std::filesystem::remove(path, ignored);
  db_ = open_database(path, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
  // The file is a temporary one until the seed renames it, so a crash only
  // loses the temporary file: no journal and no fsync are needed.
  execute(db_.get(), path, "PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF; PRAGMA page_size = 8192;");
  execute(db_.get(), path, kSchema);
  execute(db_.get(), path, "BEGIN");
  insert_map_ = prepare(db_.get(), "INSERT INTO map (zoom_level, tile_column, tile_row, tile_id) VALUES (?, ?, ?, ?)");
  insert_image_ = prepare(db_.get(), "INSERT INTO images (tile_data, tile_id) VALUES (?, ?)");
}

void MbtilesWriter::add_tile(const geo::TileId& tile, std::string_view gzip_bytes, const ContentKey& key) {
  const std::string tile_id = to_hex(key);
  if (stored_.insert(key).second) {
    insert_image_->reset();
    insert_image_->bind_blob(1, {reinterpret_cast<const std::uint8_t*>(gzip_bytes.data()), gzip_bytes.size()});
    insert_image_->bind(2, std::string_view(tile_id));
    insert_image_->run();
  }
  insert_map_->reset();
  insert_map_->bind(1, static_cast<std::int64_t>(tile.z));
  insert_map_->bind(2, static_cast<std::int64_t>(tile.x));
  insert_map_->bind(3, flip_row(tile));
  insert_map_->bind(4, std::string_view(tile_id));
  insert_map_->run();
}

void MbtilesWriter::finish(const ArchiveMetadata& metadata) {
  const auto& b = metadata.bounds_lonlat;
  const std::pair<const char*, std::string> rows[] = {
      {"name", metadata.name},
      {"description", metadata.description},
      {"attribution", metadata.attribution},
      {"format", "pbf"},
      {"type", "overlay"},
      {"version", "1"},
      {"bounds", fmt::format("{:.7f},{:.7f},{:.7f},{:.7f}", b.min_x, b.min_y, b.max_x, b.max_y)},
      {"center", fmt::format("{:.7f},{:.7f},{}", (b.min_x + b.max_x) / 2, (b.min_y + b.max_y) / 2,
                             metadata.center_zoom)},
      {"minzoom", std::to_string(metadata.min_zoom)},
      {"maxzoom", std::to_string(metadata.max_zoom)},
      {"json", metadata_json(metadata)},
  };
  auto insert = prepare(db_.get(), "INSERT INTO metadata (name, value) VALUES (?, ?)");
  for (const auto& [name, value] : rows) {
    insert->reset();
    insert->bind(1, std::string_view(name));
    insert->bind(2, std::string_view(value));
    insert->run();
  }
  insert.reset();
  insert_map_.reset();
  insert_image_.reset();
  sqlite3* db = db_.get();
  if (sqlite3_exec(db, "COMMIT", nullptr, nullptr, nullptr) != SQLITE_OK) {
    throw sqlite_failure(sqlite3_db_filename(db, "main"), db, "commit");
  }
  db_.reset();
}

MbtilesReader::MbtilesReader(const std::filesystem::path& path) {
  if (!std::filesystem::is_regular_file(path)) {
    throw Error(ErrorKind::unavailable, {fmt::format("MBTiles file '{}' not found", path.string()),
                                         fmt::format("không tìm thấy tệp MBTiles '{}'", path.string())});
  }
  db_ = open_database(path, SQLITE_OPEN_READONLY | SQLITE_OPEN_FULLMUTEX);
  try {
    select_tile_ =
        prepare(db_.get(), "SELECT tile_data FROM tiles WHERE zoom_level = ? AND tile_column = ? AND tile_row = ?");
  } catch (const Error&) {
    throw sqlite_failure(path, db_.get(), "read the tiles table of");
  }

  auto rows = prepare(db_.get(), "SELECT name, value FROM metadata");
  std::string bounds, json;
  metadata_.max_zoom = -1;
  while (rows->step()) {
    const std::string name(rows->column_text(0));
    const std::string value(rows->column_text(1));
    if (name == "name") metadata_.name = value;
    else if (name == "description") metadata_.description = value;
    else if (name == "attribution") metadata_.attribution = value;
    else if (name == "minzoom") metadata_.min_zoom = std::atoi(value.c_str());
    else if (name == "maxzoom") metadata_.max_zoom = std::atoi(value.c_str());
    else if (name == "bounds") bounds = value;
    else if (name == "json") json = value;
  }
  metadata_.center_zoom = metadata_.min_zoom;
  if (metadata_.max_zoom < 0) metadata_.max_zoom = static_cast<int>(geo::kMaxZoom);
  metadata_.bounds_lonlat = {-180, -geo::kMercatorMaxLatitude, 180, geo::kMercatorMaxLatitude};
  double w = 0, s = 0, e = 0, n = 0;
  if (std::sscanf(bounds.c_str(), "%lf,%lf,%lf,%lf", &w, &s, &e, &n) == 4) metadata_.bounds_lonlat = {w, s, e, n};

  rapidjson::Document document;
  document.Parse(json.c_str());
  metadata_.vector_layers_json = "[]";
  if (!document.HasParseError() && document.IsObject() && document.HasMember("vector_layers") &&
      document["vector_layers"].IsArray()) {
    rapidjson::StringBuffer buffer;
    rapidjson::Writer<rapidjson::StringBuffer> writer(buffer);
    document["vector_layers"].Accept(writer);
    metadata_.vector_layers_json = buffer.GetString();
  }
}

std::optional<std::string> MbtilesReader::read_tile(const geo::TileId& tile) const {
  std::lock_guard lock(mutex_);
  select_tile_->reset();
  select_tile_->bind(1, static_cast<std::int64_t>(tile.z));
  select_tile_->bind(2, static_cast<std::int64_t>(tile.x));
  select_tile_->bind(3, flip_row(tile));
  if (!select_tile_->step()) return std::nullopt;
  const auto blob = select_tile_->column_blob(0);
  std::string bytes(reinterpret_cast<const char*>(blob.data()), blob.size());
  select_tile_->reset();
  return bytes;
}

}  // namespace bando::tiles::archive
