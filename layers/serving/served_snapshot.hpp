#pragma once
// What layoutd serves from: a Snapshot with its query index (query::IndexedSnapshot) and its
// vector tiles (tiles::TileSource, each zoom prepared on first use). Readers hold a
// shared_ptr<const ServedSnapshot> for as long as they work with it; a reload builds a new one and
// swaps it into a SnapshotSlot, so requests in flight finish on the one they started with.
#include "layers/query/indexed_snapshot.hpp"
#include "layers/tiles/tile_source.hpp"

#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

namespace layers {

class ServedSnapshot : public query::IndexedSnapshot {
 public:
  ServedSnapshot(std::vector<Layer> layers, std::string source, std::uint64_t version, std::int64_t store_revision = 0)
      : IndexedSnapshot(std::move(layers), std::move(source), version, store_revision), tiles_(this->layers()) {}

  // The layers as vector tiles (layers/tiles/tile_source.hpp).
  [[nodiscard]] const tiles::TileSource& tiles() const noexcept { return tiles_; }

 private:
  tiles::TileSource tiles_;
};

using SnapshotPtr = std::shared_ptr<const ServedSnapshot>;

// Reads the store at `connection` (a GeoPackage path or a GDAL connection string) into a served
// snapshot with the given version; throws StoreError when it cannot be read.
SnapshotPtr load_snapshot(const std::string& connection, std::uint64_t version);

// The current snapshot, replaceable atomically while other threads read it.
// A mutex rather than std::atomic<shared_ptr>: libstdc++ 12's atomic<shared_ptr>::load releases its
// internal lock with relaxed order, a data race with a concurrent store() that ThreadSanitizer
// reports (and the standard agrees with). The lock is held for one reference-count increment,
// once per request.
class SnapshotSlot {
 public:
  explicit SnapshotSlot(SnapshotPtr initial) : current_(std::move(initial)) {}
  [[nodiscard]] SnapshotPtr load() const {
    const std::lock_guard lock(mutex_);
    return current_;
  }
  void store(SnapshotPtr next) {
    {
      const std::lock_guard lock(mutex_);
      current_.swap(next);
    }
    // `next` now holds the replaced snapshot, released here, outside the lock.
  }

 private:
  mutable std::mutex mutex_;
  SnapshotPtr current_;
};

}  // namespace layers
