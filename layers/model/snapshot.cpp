#include "layers/model/snapshot.hpp"

#include <algorithm>

namespace layers {

Snapshot::Snapshot(std::vector<Layer> layers, std::string source, std::uint64_t version, std::int64_t store_revision)
    : layers_(std::move(layers)),
      source_(std::move(source)),
      version_(version),
      store_revision_(store_revision),
      created_at_(std::chrono::system_clock::now()) {}

int Snapshot::layer_position(std::string_view layer_id) const noexcept {
  for (std::size_t i = 0; i < layers_.size(); ++i) {
    if (layers_[i].id() == layer_id) return static_cast<int>(i);
  }
  return -1;
}

const Layer* Snapshot::find(std::string_view layer_id) const noexcept {
  const auto it = std::find_if(layers_.begin(), layers_.end(), [&](const Layer& l) { return l.id() == layer_id; });
  return it == layers_.end() ? nullptr : &*it;
}

std::size_t Snapshot::feature_count() const noexcept {
  std::size_t n = 0;
  for (const auto& layer : layers_) n += layer.features().size();
  return n;
}

}  // namespace layers
