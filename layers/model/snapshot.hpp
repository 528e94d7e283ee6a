#pragma once
// Every layer of a store as it was read: the data the service answers from, and nothing else. The
// model knows none of its consumers: the query index (query::IndexedSnapshot) and the tile source
// (ServedSnapshot, layers/serving/) are added by the layers above it, each deriving from this.
#include "layers/model/layer.hpp"

#include <chrono>
#include <cstdint>
#include <memory>
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
  // Position of a layer in layers(), or -1.
  [[nodiscard]] int layer_position(std::string_view layer_id) const noexcept;

 private:
  std::vector<Layer> layers_;
  std::string source_;
  std::uint64_t version_;
  std::int64_t store_revision_;
  std::chrono::system_clock::time_point created_at_;
};

}  // namespace layers
