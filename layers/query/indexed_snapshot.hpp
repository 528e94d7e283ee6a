#pragma once
// A Snapshot with its search structures (spatial_index.hpp) built: what the query engine
// (engine.hpp) answers from. Built once per snapshot, then only read, by any number of threads.
#include "layers/model/snapshot.hpp"
#include "layers/query/spatial_index.hpp"

#include <cstdint>
#include <string>
#include <vector>

namespace layers::query {

class IndexedSnapshot : public Snapshot {
 public:
  IndexedSnapshot(std::vector<Layer> layers, std::string source, std::uint64_t version, std::int64_t store_revision = 0)
      : Snapshot(std::move(layers), std::move(source), version, store_revision), index_(this->layers()) {}
  // The index points into the layers: neither may move without the other.
  IndexedSnapshot(const IndexedSnapshot&) = delete;
  IndexedSnapshot& operator=(const IndexedSnapshot&) = delete;

  [[nodiscard]] const SpatialIndex& index() const noexcept { return index_; }

 private:
  SpatialIndex index_;
};

}  // namespace layers::query
