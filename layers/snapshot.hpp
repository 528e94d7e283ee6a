#pragma once
// An immutable view of every layer, with the indexes built. Readers hold a
// shared_ptr<const Snapshot> for as long as they work with it; a reload builds a new Snapshot and
// swaps it into a SnapshotSlot, so requests in flight finish on the one they started with.
#include "layers/layer.hpp"
#include "layers/query/spatial_index.hpp"
#include "layers/tiles/tile_source.hpp"

#include <chrono>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

namespace layers {

class Snapshot {
 public:
  Snapshot(std::vector<Layer> layers, std::string source, std::uint64_t version, std::int64_t store_revision = 0);

  [[nodiscard]] const std::vector<Layer>& layers() const noexcept { return layers_; }
  [[nodiscard]] const Layer* find(std::string_view layer_id) const noexcept;
  [[nodiscard]] std::size_t feature_count() const noexcept;
  [[nodiscard]] const std::string& source() const noexcept { return source_; }  // store it was read from
  [[nodiscard]] std::uint64_t version() const noexcept { return version_; }     // increases per reload
  // The store's revision when it was read (store_revision.hpp): the same on every instance that
  // read the same store state, unlike version(), which counts this process's loads.
  [[nodiscard]] std::int64_t store_revision() const noexcept { return store_revision_; }
  [[nodiscard]] std::chrono::system_clock::time_point created_at() const noexcept { return created_at_; }
  // Search structures over the layers, built with the snapshot (query/spatial_index.hpp).
  [[nodiscard]] const query::SpatialIndex& index() const noexcept { return index_; }
  // The layers as vector tiles; each zoom is prepared on first use (tiles/tile_source.hpp).
  [[nodiscard]] const tiles::TileSource& tiles() const noexcept { return tiles_; }
  // Position of a layer in layers(), or -1.
  [[nodiscard]] int layer_position(std::string_view layer_id) const noexcept;

 private:
  std::vector<Layer> layers_;
  std::string source_;
  std::uint64_t version_;
  std::int64_t store_revision_;
  std::chrono::system_clock::time_point created_at_;
  query::SpatialIndex index_;
  tiles::TileSource tiles_;
};

using SnapshotPtr = std::shared_ptr<const Snapshot>;

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
