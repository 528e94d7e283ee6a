#pragma once
// Every feature of a snapshot pre-rendered as the JSON of a query match, up to its distance:
//   {"layer":"groups","id":"changji",...,"precision":"schematic","distance_m":
// so answering a locate is concatenation, not building and serialising a JSON tree (which
// profiling showed to cost ~20x the query itself). Built once per snapshot version, on first use.
#include "layers/model/snapshot.hpp"

#include <memory>
#include <mutex>
#include <string>
#include <vector>

namespace server {

class MatchFragments {
 public:
  explicit MatchFragments(const layers::Snapshot& snapshot);
  [[nodiscard]] std::uint64_t version() const noexcept { return version_; }
  [[nodiscard]] const std::string& prefix(std::uint32_t layer, std::uint32_t feature) const {
    return prefixes_[layer_begin_[layer] + feature];
  }

 private:
  std::uint64_t version_;
  std::vector<std::size_t> layer_begin_;
  std::vector<std::string> prefixes_;
};

// The fragments of the snapshot being served: a cache that rebuilds when the snapshot version
// changes (two threads may both build after a reload; the last store wins, both are correct).
class MatchFragmentsCache {
 public:
  [[nodiscard]] std::shared_ptr<const MatchFragments> get(const layers::Snapshot& snapshot) const;

 private:
  // A cache: logically const. A mutex, not atomic<shared_ptr>, for the reason SnapshotSlot gives.
  mutable std::mutex mutex_;
  mutable std::shared_ptr<const MatchFragments> current_;
};

}  // namespace server
