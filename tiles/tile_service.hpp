#pragma once
// Rendering of (composite) tiles from the store behind a memory and a disk cache.

#include <cstddef>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "data/dataset.hpp"
#include "data/store.hpp"
#include "geo/tile_math.hpp"
#include "tiles/disk_tile_cache.hpp"
#include "tiles/tile_cache.hpp"

namespace bando::tiles {

struct TileServiceOptions {
  std::size_t memory_cache_bytes = std::size_t{256} << 20;  // 0 disables the memory cache
  std::string disk_cache_path;                              // empty disables the disk cache
  std::size_t max_tile_bytes = 500 * 1024;                  // size budget of one uncompressed tile
};

// A served tile and where it came from.
struct TileResult {
  std::shared_ptr<const CachedTile> tile;
  enum class Source { rendered, memory, disk } source = Source::rendered;
};

// Renders tiles with one MVT layer per dataset, named by dataset id, and caches
// them under a key that includes each dataset's version, so a new version is a
// cache miss at once. When a request first carries a dataset's new version, it
// also deletes the cached tiles of that dataset's other versions, composites
// included, and leaves every other tile. Thread-safe.
class TileService {
 public:
  // Throws bando::Error (unavailable) when the disk cache file cannot be opened.
  TileService(const data::Store& store, TileServiceOptions options);

  // Returns tile `tile` of `datasets`, in their order. A dataset contributes no
  // layer below its min_zoom. Zooms below its max_zoom are generalized as
  // options_for_zoom describes, and zooms from max_zoom on are served without
  // generalization (overzoom). Throws bando::Error from the store or GEOS.
  TileResult get(const std::vector<data::DatasetInfo>& datasets, const geo::TileId& tile);

  // Renders without any cache. Throws like get().
  CachedTile render(const std::vector<data::DatasetInfo>& datasets, const geo::TileId& tile) const;

  const TileServiceOptions& options() const noexcept { return options_; }
  const MemoryTileCache& memory_cache() const noexcept { return memory_; }

 private:
  void forget_stale_versions(const std::vector<data::DatasetInfo>& datasets);

  const data::Store& store_;
  TileServiceOptions options_;
  MemoryTileCache memory_;
  std::unique_ptr<DiskTileCache> disk_;

  std::mutex versions_mutex_;
  std::map<std::string, std::int64_t, std::less<>> seen_versions_;  // dataset id to the last version served
};

// The cache key of a tile: "z/x/y" followed by the datasets' "|id@version|" list.
std::string tile_key(const std::vector<data::DatasetInfo>& datasets, const geo::TileId& tile);

}  // namespace bando::tiles
