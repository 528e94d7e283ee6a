#include "server/tiles/tile_cache.hpp"

#include <functional>

namespace server {

std::size_t TileKeyHash::operator()(const TileKey& key) const noexcept {
  std::size_t h = std::hash<std::uint64_t>{}(key.snapshot_version);
  const auto mix = [&h](std::size_t v) { h ^= v + 0x9e3779b97f4a7c15ULL + (h << 6) + (h >> 2); };
  mix(static_cast<std::size_t>(key.z));
  mix(key.x);
  mix(key.y);
  mix(std::hash<std::string>{}(key.layers));
  return h;
}

std::shared_ptr<const CachedTile> TileCache::find(const TileKey& key) const {
  const std::lock_guard lock(mutex_);
  const auto it = entries_.find(key);
  if (it == entries_.end()) {
    ++misses_;
    return nullptr;
  }
  ++hits_;
  order_.splice(order_.begin(), order_, it->second.position);
  return it->second.tile;
}

void TileCache::insert(const TileKey& key, std::shared_ptr<const CachedTile> tile) const {
  const std::size_t size = tile->bytes();
  if (size > capacity_) return;  // larger than the whole cache: serve it, don't keep it
  const std::lock_guard lock(mutex_);
  if (entries_.contains(key)) return;  // another request rendered it meanwhile
  order_.push_front(key);
  entries_.emplace(key, Entry{std::move(tile), order_.begin()});
  bytes_ += size;
  while (bytes_ > capacity_ && !order_.empty()) {
    const auto victim = entries_.find(order_.back());
    bytes_ -= victim->second.tile->bytes();
    entries_.erase(victim);
    order_.pop_back();
    ++evictions_;
  }
}

void TileCache::drop_older_than(std::uint64_t version) const {
  const std::lock_guard lock(mutex_);
  for (auto it = order_.begin(); it != order_.end();) {
    if (it->snapshot_version >= version) {
      ++it;
      continue;
    }
    const auto entry = entries_.find(*it);
    bytes_ -= entry->second.tile->bytes();
    entries_.erase(entry);
    it = order_.erase(it);
  }
}

TileCache::Stats TileCache::stats() const {
  const std::lock_guard lock(mutex_);
  return {hits_, misses_, evictions_, entries_.size(), bytes_, capacity_};
}

}  // namespace server
