#include "tiles/tile_cache.hpp"

#include <utility>

namespace bando::tiles {
namespace {

// Estimated per-entry overhead of the list node, the hash node and the
// shared_ptr control block on 64-bit glibc, in bytes.
constexpr std::size_t kEntryOverhead = 160;

}  // namespace

MemoryTileCache::MemoryTileCache(std::size_t max_bytes) : max_bytes_(max_bytes) {}

std::size_t MemoryTileCache::entry_cost(const std::string& key, const CachedTile& tile) {
  return 2 * key.size() + tile.mvt.size() + tile.gzip.size() + kEntryOverhead;
}

std::shared_ptr<const CachedTile> MemoryTileCache::find(const std::string& key) {
  const std::lock_guard lock(mutex_);
  const auto found = index_.find(key);
  if (found == index_.end()) return nullptr;
  entries_.splice(entries_.begin(), entries_, found->second);
  return found->second->tile;
}

void MemoryTileCache::insert(const std::string& key, std::shared_ptr<const CachedTile> tile) {
  const std::size_t cost = entry_cost(key, *tile);
  if (cost > max_bytes_) return;

  const std::lock_guard lock(mutex_);
  const auto found = index_.find(key);
  if (found != index_.end()) {
    size_bytes_ -= found->second->cost;
    entries_.erase(found->second);
    index_.erase(found);
  }
  evict_to(max_bytes_ - cost);
  entries_.push_front({key, std::move(tile), cost});
  index_.emplace(key, entries_.begin());
  size_bytes_ += cost;
}

void MemoryTileCache::erase_matching(const std::string& fragment) {
  const std::lock_guard lock(mutex_);
  for (auto entry = entries_.begin(); entry != entries_.end();) {
    if (entry->key.find(fragment) == std::string::npos) {
      ++entry;
      continue;
    }
    size_bytes_ -= entry->cost;
    index_.erase(entry->key);
    entry = entries_.erase(entry);
  }
}

void MemoryTileCache::evict_to(std::size_t target_bytes) {
  while (size_bytes_ > target_bytes && !entries_.empty()) {
    const Entry& oldest = entries_.back();
    size_bytes_ -= oldest.cost;
    index_.erase(oldest.key);
    entries_.pop_back();
  }
}

std::size_t MemoryTileCache::size_bytes() const {
  const std::lock_guard lock(mutex_);
  return size_bytes_;
}

std::size_t MemoryTileCache::entry_count() const {
  const std::lock_guard lock(mutex_);
  return entries_.size();
}

}  // namespace bando::tiles
