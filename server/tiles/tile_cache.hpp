#pragma once
// Encoded tiles in memory, least recently used evicted first, bounded by bytes (--tile-cache-mb).
// Keys carry the snapshot version, so a reload can never serve a tile of the old data; once the new
// snapshot is in, the old one's entries are dropped (drop_older_than) rather than left to age out:
// left, they held up to the whole cache for nothing after every reload (RSS +20 MiB a reload under
// bench/soak.sh).
#include <cstdint>
#include <list>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>

namespace server {

struct TileKey {
  std::uint64_t snapshot_version = 0;
  int z = 0;
  std::uint32_t x = 0;
  std::uint32_t y = 0;
  std::string layers;  // the requested layer set, canonical ("" = every layer)
  friend bool operator==(const TileKey&, const TileKey&) = default;
};

struct TileKeyHash {
  std::size_t operator()(const TileKey& key) const noexcept;
};

// One rendered tile in the forms a response needs, validators included (a hit only copies);
// immutable once cached.
struct CachedTile {
  std::string mvt;        // "" for an empty tile (answered 204)
  std::string gzip;       // mvt gzip-compressed ("" when empty)
  std::string etag;       // strong, quoted, from the content: identical tiles on every instance share it
  std::string etag_gzip;  // the gzip representation's own validator
  [[nodiscard]] std::size_t bytes() const noexcept {
    return mvt.size() + gzip.size() + etag.size() + etag_gzip.size() + 128;
  }
};

class TileCache {
 public:
  explicit TileCache(std::size_t capacity_bytes) : capacity_(capacity_bytes) {}

  [[nodiscard]] std::shared_ptr<const CachedTile> find(const TileKey& key) const;
  void insert(const TileKey& key, std::shared_ptr<const CachedTile> tile) const;
  // Drops every entry of a snapshot older than `version` (after a reload swapped it in).
  void drop_older_than(std::uint64_t version) const;

  struct Stats {
    std::uint64_t hits = 0, misses = 0, evictions = 0;
    std::size_t entries = 0, bytes = 0, capacity = 0;
  };
  [[nodiscard]] Stats stats() const;

 private:
  using Order = std::list<TileKey>;  // most recent first
  struct Entry {
    std::shared_ptr<const CachedTile> tile;
    Order::iterator position;
  };
  const std::size_t capacity_;
  // The cache is the one piece of App that changes on reads: a lookup moves its entry to the front.
  mutable std::mutex mutex_;
  mutable Order order_;
  mutable std::unordered_map<TileKey, Entry, TileKeyHash> entries_;
  mutable std::size_t bytes_ = 0;
  mutable std::uint64_t hits_ = 0, misses_ = 0, evictions_ = 0;
};

}  // namespace server
