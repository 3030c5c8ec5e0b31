#pragma once
// A persistent tile cache in its own SQLite file, keyed like MemoryTileCache.

#include <cstdint>
#include <memory>
#include <mutex>
#include <string>

#include "data/sqlite_db.hpp"
#include "tiles/tile_cache.hpp"

namespace bando::tiles {

// Stores rendered tiles in table `tile_cache` of a SQLite file. One connection,
// used under a mutex, does every read and write, so one process is the only
// writer through this object. Other processes opening the same file wait on
// SQLite's busy timeout. Thread-safe.
class DiskTileCache {
 public:
  // Opens or creates the file and its table. Throws bando::Error (unavailable)
  // when SQLite cannot open the file.
  explicit DiskTileCache(const std::string& path);

  // Returns the stored tile, or null. Throws bando::Error on an SQLite failure.
  std::shared_ptr<const CachedTile> find(const std::string& key);

  // Stores `tile` under `key`. `datasets` lists the tile's inputs as
  // "|id@version|id@version|" so stale rows can be found by dataset. Replaces
  // an existing row. Throws bando::Error on an SQLite failure.
  void insert(const std::string& key, const std::string& datasets, const CachedTile& tile);

  // Deletes every row built from dataset `id` at a version other than
  // `version`, composites included. Returns the number of rows deleted.
  std::int64_t erase_other_versions(const std::string& id, std::int64_t version);

  const std::string& path() const noexcept { return connection_.path(); }

 private:
  std::mutex mutex_;
  data::SqliteConnection connection_;
};

}  // namespace bando::tiles
