#pragma once
// A static, packed R-tree over bounding boxes (Sort-Tile-Recursive leaves, sequentially packed upper
// levels), in the spirit of flatbush. Built once, then immutable: any number of threads may query
// one instance. Items are identified by their position in the input.
#include "geo/coord.hpp"

#include <algorithm>
#include <array>
#include <cstdint>
#include <span>
#include <utility>
#include <vector>

namespace geo {

class BoxIndex {
 public:
  BoxIndex() = default;
  static constexpr std::uint32_t kMaxNodeSize = 64;
  static constexpr std::size_t kMaxLevels = 16;  // ≥ 2^32 items at the smallest node size

  // node_size is clamped to [2, kMaxNodeSize].
  explicit BoxIndex(std::span<const Envelope> boxes, std::uint32_t node_size = 16);
  // The same, with a group per item (say the feature a segment belongs to): every node then knows
  // whether all items under it share one group, which nearest_first's `prune` can use to skip
  // whole subtrees of a group already found.
  BoxIndex(std::span<const Envelope> boxes, std::span<const std::uint32_t> groups, std::uint32_t node_size = 16);
  static constexpr std::uint32_t kMixedGroups = 0xffffffffU;

  [[nodiscard]] std::size_t size() const noexcept { return ids_.size(); }
  [[nodiscard]] Envelope bounds() const noexcept { return boxes_.empty() ? Envelope{} : boxes_.back(); }

  // Calls visit(item) for every item whose box intersects `query` (boundaries included); stops early
  // if visit returns false. Order is the index's, not the input's.
  template <typename Visit>
  void query(const Envelope& query, Visit&& visit) const;

  [[nodiscard]] std::vector<std::uint32_t> query(const Envelope& query) const;

  // The same for the items of one group: on an index built with groups, subtrees of other groups
  // are skipped and only that group's items visited; built without, every item is (the caller
  // filters).
  template <typename Visit>
  void query_group(const Envelope& query, std::uint32_t group, Visit&& visit) const;

  // Best-first traversal for nearest-neighbour search: calls visit(item, bound) for items in
  // increasing order of bound(item box), where `bound` gives a lower bound of the distance to
  // anything inside a box (and must be monotone: a box's bound ≤ the bounds of boxes inside it).
  // Stops when visit returns false. `heap` is caller-provided scratch, reused across calls.
  struct HeapEntry {
    double bound;
    std::uint32_t level;
    std::uint32_t position;
  };
  template <typename Bound, typename Visit>
  void nearest_first(Bound&& bound, Visit&& visit, std::vector<HeapEntry>& heap) const;
  // The same, skipping every node or item whose items all belong to one group for which
  // prune(group, bound) is true (only on an index built with groups).
  template <typename Bound, typename Visit, typename Prune>
  void nearest_first(Bound&& bound, Visit&& visit, std::vector<HeapEntry>& heap, Prune&& prune) const;

 private:
  // Depth-first over the nodes whose box meets `query` and for which enter(node) holds (node: its
  // position in boxes_), calling visit(item) at the leaves until it returns false.
  template <typename Enter, typename Visit>
  void walk(const Envelope& query, Enter&& enter, Visit&& visit) const;

  std::uint32_t node_size_ = 16;
  std::vector<Envelope> boxes_;             // all levels, leaves first, root last
  std::vector<std::uint32_t> ids_;          // input position of each leaf
  std::vector<std::uint32_t> level_start_;  // offset of each level in boxes_, plus the end
  std::vector<std::uint32_t> groups_;       // parallel to boxes_ if built with groups: the one group
                                            // under the node, or kMixedGroups
};

template <typename Enter, typename Visit>
void BoxIndex::walk(const Envelope& query, Enter&& enter, Visit&& visit) const {
  if (boxes_.empty() || query.is_null()) return;
  struct Node {
    std::uint32_t level;
    std::uint32_t position;
  };
  // Depth-first with an explicit stack. It never holds more than node_size entries per level, and
  // the constructor caps the tree at kMaxLevels levels, so a fixed array suffices: no allocation
  // per query.
  std::array<Node, kMaxLevels * kMaxNodeSize> stack;
  std::size_t size = 0;
  stack[size++] = {static_cast<std::uint32_t>(level_start_.size() - 2), 0};
  while (size > 0) {
    const Node node = stack[--size];
    const std::uint32_t at = level_start_[node.level] + node.position;
    if (!enter(at) || !boxes_[at].intersects(query)) continue;
    if (node.level == 0) {
      if (!visit(ids_[node.position])) return;
      continue;
    }
    const std::uint32_t child_count = level_start_[node.level] - level_start_[node.level - 1];
    const std::uint32_t first = node.position * node_size_;
    const std::uint32_t last = std::min(first + node_size_, child_count);
    for (std::uint32_t child = last; child > first; --child) stack[size++] = {node.level - 1, child - 1};
  }
}

template <typename Visit>
void BoxIndex::query(const Envelope& query, Visit&& visit) const {
  walk(
      query, [](std::uint32_t) { return true; }, std::forward<Visit>(visit));
}

template <typename Visit>
void BoxIndex::query_group(const Envelope& query, std::uint32_t group, Visit&& visit) const {
  if (groups_.empty()) {
    this->query(query, std::forward<Visit>(visit));
    return;
  }
  walk(
      query, [&](std::uint32_t at) { return groups_[at] == group || groups_[at] == kMixedGroups; },
      std::forward<Visit>(visit));
}

template <typename Bound, typename Visit>
void BoxIndex::nearest_first(Bound&& bound, Visit&& visit, std::vector<HeapEntry>& heap) const {
  nearest_first(std::forward<Bound>(bound), std::forward<Visit>(visit), heap,
                [](std::uint32_t, double) { return false; });
}

template <typename Bound, typename Visit, typename Prune>
void BoxIndex::nearest_first(Bound&& bound, Visit&& visit, std::vector<HeapEntry>& heap, Prune&& prune) const {
  heap.clear();
  if (boxes_.empty()) return;
  auto later = [](const HeapEntry& a, const HeapEntry& b) { return a.bound > b.bound; };
  const auto top = static_cast<std::uint32_t>(level_start_.size() - 2);
  heap.push_back({bound(boxes_.back()), top, 0});
  while (!heap.empty()) {
    std::pop_heap(heap.begin(), heap.end(), later);
    const HeapEntry entry = heap.back();
    heap.pop_back();
    // Asked when the entry comes up rather than when it was queued: by then more is known.
    if (!groups_.empty()) {
      const std::uint32_t group = groups_[level_start_[entry.level] + entry.position];
      if (group != kMixedGroups && prune(group, entry.bound)) continue;
    }
    if (entry.level == 0) {
      if (!visit(ids_[entry.position], entry.bound)) return;
      continue;
    }
    const std::uint32_t child_count = level_start_[entry.level] - level_start_[entry.level - 1];
    const std::uint32_t first = entry.position * node_size_;
    const std::uint32_t last = std::min(first + node_size_, child_count);
    for (std::uint32_t child = first; child < last; ++child) {
      heap.push_back({bound(boxes_[level_start_[entry.level - 1] + child]), entry.level - 1, child});
      std::push_heap(heap.begin(), heap.end(), later);
    }
  }
}

}  // namespace geo
