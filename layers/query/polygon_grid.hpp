#pragma once
// A uniform grid over every polygon layer of a snapshot, for "which polygons cover this point" in
// one lookup. Each cell lists, per feature that reaches into it, either
//   Full  — the cell lies inside the feature: no test at all;
//   Box   — a box that the feature fills covers part of the cell: a point-in-box test;
//   Rings — the feature's outline crosses the cell: point-in-polygon on the part of the feature
//           inside the cell (clipped, so a few dozen vertices at most).
// Built from the subdivided pieces (spatial_index.hpp); read-only afterwards.
#include "geo/coord.hpp"
#include "layers/query/spatial_index.hpp"

#include <cstdint>
#include <vector>

namespace layers::query {

class PolygonGrid {
 public:
  PolygonGrid() = default;
  // `layers[i]` is the index of snapshot layer i; only polygon layers contribute.
  PolygonGrid(const std::vector<LayerIndex>& layers, double cell_deg);

  struct Hit {
    std::uint32_t layer;
    std::uint32_t feature;
  };
  // Appends the (layer, feature) pairs covering p (boundary included), in layer then feature
  // order, without duplicates.
  void covering(geo::XY p, std::vector<Hit>& out) const;

  [[nodiscard]] std::size_t entry_count() const noexcept { return entries_.size(); }
  [[nodiscard]] std::size_t cell_count() const noexcept { return cell_begin_.empty() ? 0 : cell_begin_.size() - 1; }
  [[nodiscard]] std::size_t vertex_count() const noexcept { return vertices_.size(); }

 private:
  enum class Kind : std::uint8_t { Full, Box, Rings };
  struct Entry {
    std::uint32_t layer;
    std::uint32_t feature;
    Kind kind;
    std::uint32_t first;  // Box: index into boxes_; Rings: first ring in ring_ends_
    std::uint32_t last;   // Rings: one past the last ring
  };

  geo::Envelope bounds_;
  double cell_ = 1;
  std::uint32_t columns_ = 0;
  std::uint32_t rows_ = 0;
  std::vector<std::uint32_t> cell_begin_;  // CSR: entries of cell c are [cell_begin_[c], cell_begin_[c+1])
  std::vector<Entry> entries_;
  std::vector<geo::Envelope> boxes_;
  std::vector<geo::XY> vertices_;
  // Ring ends, absolute offsets into vertices_. (Bucketing edges by horizontal band was tried and
  // measured slower: cells hold few edges, and a sequential scan of them beats the indirection.)
  std::vector<std::uint32_t> ring_ends_;
};

}  // namespace layers::query
