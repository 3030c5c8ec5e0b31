#include "tiles/disk_tile_cache.hpp"

#include <span>
#include <string_view>

namespace bando::tiles {
namespace {

constexpr std::string_view kSchema = R"sql(
CREATE TABLE IF NOT EXISTS tile_cache (
  key TEXT PRIMARY KEY,
  datasets TEXT NOT NULL,
  mvt BLOB NOT NULL,
  gzip BLOB NOT NULL,
  dropped_features INTEGER NOT NULL
) WITHOUT ROWID;
)sql";

std::span<const std::uint8_t> as_bytes(const std::string& text) {
  return {reinterpret_cast<const std::uint8_t*>(text.data()), text.size()};
}

std::string to_string(std::span<const std::uint8_t> bytes) {
  return {reinterpret_cast<const char*>(bytes.data()), bytes.size()};
}

}  // namespace

DiskTileCache::DiskTileCache(const std::string& path)
    : connection_(path, data::SqliteConnection::Mode::read_write) {
  connection_.execute(kSchema);
}

std::shared_ptr<const CachedTile> DiskTileCache::find(const std::string& key) {
  const std::lock_guard lock(mutex_);
  data::Statement select =
      connection_.prepare("SELECT mvt, gzip, dropped_features FROM tile_cache WHERE key = ?1");
  select.bind(1, std::string_view{key});
  if (!select.step()) return nullptr;

  auto tile = std::make_shared<CachedTile>();
  tile->mvt = to_string(select.column_blob(0));
  tile->gzip = to_string(select.column_blob(1));
  tile->dropped_features = static_cast<std::size_t>(select.column_int(2));
  return tile;
}

void DiskTileCache::insert(const std::string& key, const std::string& datasets, const CachedTile& tile) {
  const std::lock_guard lock(mutex_);
  data::Statement upsert = connection_.prepare(
      "INSERT OR REPLACE INTO tile_cache (key, datasets, mvt, gzip, dropped_features) VALUES (?1, ?2, ?3, ?4, ?5)");
  upsert.bind(1, std::string_view{key});
  upsert.bind(2, std::string_view{datasets});
  upsert.bind_blob(3, as_bytes(tile.mvt));
  upsert.bind_blob(4, as_bytes(tile.gzip));
  upsert.bind(5, static_cast<std::int64_t>(tile.dropped_features));
  upsert.run();
}

std::int64_t DiskTileCache::erase_other_versions(const std::string& id, std::int64_t version) {
  const std::lock_guard lock(mutex_);
  // instr() rather than LIKE, because '_' in a dataset id is a LIKE wildcard.
  data::Statement erase = connection_.prepare(
      "DELETE FROM tile_cache WHERE instr(datasets, '|' || ?1 || '@') > 0 "
      "AND instr(datasets, '|' || ?1 || '@' || ?2 || '|') = 0");
  erase.bind(1, std::string_view{id});
  erase.bind(2, version);
  erase.run();
  return sqlite3_changes(connection_.handle());
}

}  // namespace bando::tiles
