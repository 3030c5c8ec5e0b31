#pragma once
// An in-memory least-recently-used cache of encoded tiles, bounded in bytes.

#include <cstddef>
#include <list>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>

namespace bando::tiles {

// One rendered tile as served: the MVT bytes, the same bytes gzip-compressed
// once (left empty by a TileService without caches), and how many features
// the size budget dropped. An empty `mvt` is an empty tile.
struct CachedTile {
  std::string mvt;
  std::string gzip;
  std::size_t dropped_features = 0;
};

// Thread-safe LRU map from a tile key to a CachedTile. Keys are built by the
// caller and must change when any input of the tile changes (tile_key()
// includes each dataset version), so entries are never updated in place.
class MemoryTileCache {
 public:
  // `max_bytes` bounds the sum of entry costs (see entry_cost). 0 disables the cache.
  explicit MemoryTileCache(std::size_t max_bytes);

  // Returns the entry and marks it most recently used, or null.
  std::shared_ptr<const CachedTile> find(const std::string& key);

  // Stores `tile` under `key`, evicting least recently used entries until the
  // total fits. A tile whose own cost exceeds max_bytes is not stored.
  void insert(const std::string& key, std::shared_ptr<const CachedTile> tile);

  // Removes every entry whose key contains `fragment`.
  void erase_matching(const std::string& fragment);

  std::size_t size_bytes() const;
  std::size_t entry_count() const;
  std::size_t max_bytes() const noexcept { return max_bytes_; }

  // Bytes an entry is charged: key, both encodings and a fixed bookkeeping estimate.
  static std::size_t entry_cost(const std::string& key, const CachedTile& tile);

 private:
  struct Entry {
    std::string key;
    std::shared_ptr<const CachedTile> tile;
    std::size_t cost = 0;
  };
  using EntryList = std::list<Entry>;

  void evict_to(std::size_t target_bytes);

  std::size_t max_bytes_;
  mutable std::mutex mutex_;
  EntryList entries_;  // most recently used first
  std::unordered_map<std::string, EntryList::iterator> index_;
  std::size_t size_bytes_ = 0;
};

}  // namespace bando::tiles
