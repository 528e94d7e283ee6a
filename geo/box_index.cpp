#include "geo/box_index.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <stdexcept>

namespace geo {

BoxIndex::BoxIndex(std::span<const Envelope> boxes, std::uint32_t node_size)
    : node_size_(std::clamp(node_size, 2U, kMaxNodeSize)) {
  if (boxes.empty()) return;
  const auto n = static_cast<std::uint32_t>(boxes.size());
  if (boxes.size() != n) throw std::length_error("BoxIndex: too many boxes");

  // Sort-Tile-Recursive: vertical slices by centre x, then by centre y inside each slice, so each
  // leaf node holds spatially close boxes.
  std::vector<std::uint32_t> order(n);
  std::iota(order.begin(), order.end(), 0U);
  auto cx = [&](std::uint32_t i) { return boxes[i].min_x + boxes[i].max_x; };
  auto cy = [&](std::uint32_t i) { return boxes[i].min_y + boxes[i].max_y; };
  std::sort(order.begin(), order.end(), [&](auto a, auto b) { return cx(a) < cx(b); });
  const auto leaf_nodes = (n + node_size_ - 1) / node_size_;
  const auto slices = static_cast<std::uint32_t>(std::ceil(std::sqrt(static_cast<double>(leaf_nodes))));
  const auto per_slice = ((leaf_nodes + slices - 1) / slices) * node_size_;
  for (std::uint32_t start = 0; start < n; start += per_slice) {
    const auto end = std::min(n, start + per_slice);
    std::sort(order.begin() + start, order.begin() + end, [&](auto a, auto b) { return cy(a) < cy(b); });
  }

  ids_ = std::move(order);
  boxes_.reserve(n + n / (node_size_ - 1) + 2);
  for (const auto id : ids_) boxes_.push_back(boxes[id]);
  level_start_.push_back(0);
  std::uint32_t level_begin = 0;
  std::uint32_t level_count = n;
  // Pack parents until a single root remains. A single item is its own root, but we still add a
  // level above it so the root is always boxes_.back().
  do {
    const std::uint32_t parents = (level_count + node_size_ - 1) / node_size_;
    level_start_.push_back(level_begin + level_count);
    for (std::uint32_t p = 0; p < parents; ++p) {
      Envelope parent;
      const std::uint32_t first = level_begin + p * node_size_;
      const std::uint32_t last = std::min(first + node_size_, level_begin + level_count);
      for (std::uint32_t c = first; c < last; ++c) parent.expand(boxes_[c]);
      boxes_.push_back(parent);
    }
    level_begin += level_count;
    level_count = parents;
  } while (level_count > 1);
  level_start_.push_back(level_begin + level_count);
}

BoxIndex::BoxIndex(std::span<const Envelope> boxes, std::span<const std::uint32_t> groups, std::uint32_t node_size)
    : BoxIndex(boxes, node_size) {
  if (groups.size() != boxes.size()) throw std::invalid_argument("BoxIndex: one group per box is needed");
  if (boxes_.empty()) return;
  groups_.resize(boxes_.size());
  for (std::size_t i = 0; i < ids_.size(); ++i) groups_[i] = groups[ids_[i]];
  for (std::size_t level = 1; level + 1 < level_start_.size(); ++level) {
    const std::uint32_t children = level_start_[level - 1];
    const std::uint32_t child_end = level_start_[level];
    for (std::uint32_t node = level_start_[level]; node < level_start_[level + 1]; ++node) {
      const std::uint32_t first = children + (node - level_start_[level]) * node_size_;
      const std::uint32_t last = std::min(first + node_size_, child_end);
      std::uint32_t group = groups_[first];
      for (std::uint32_t c = first + 1; c < last && group != kMixedGroups; ++c) {
        if (groups_[c] != group) group = kMixedGroups;
      }
      groups_[node] = group;
    }
  }
}

std::vector<std::uint32_t> BoxIndex::query(const Envelope& box) const {
  std::vector<std::uint32_t> out;
  query(box, [&](std::uint32_t id) {
    out.push_back(id);
    return true;
  });
  return out;
}

}  // namespace geo
