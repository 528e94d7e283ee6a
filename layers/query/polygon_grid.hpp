#pragma once
// A uniform grid over every polygon layer of a snapshot, for "which polygons cover this point" in
// one lookup. Each cell lists, per feature that reaches into it, either
//   Full  — the cell lies inside the feature: no test at all;
//   Box   — a box that the feature fills covers part of the cell: a point-in-box test;
//   Rings — the feature's outline crosses the cell: point-in-polygon on the part of the feature
//           inside the cell (clipped, so a few dozen vertices at most), unless the site's
//           sub-cell (CellLayout::kSubSide² per cell) is one no outline crosses, for which the
//           entry records inside or outside.
// Built from the subdivided pieces (spatial_index.hpp) over a given extent; read-only afterwards.
//
// Memory layout, because a locate at a random site is bound by cache misses, not arithmetic: all
// of a cell's data lies in two contiguous runs, stored in cell order: its records (each entry with
// its box corners or ring ends right behind it) and its clipped vertices. A lookup misses the cache
// on the cell's start and then on the two runs together, which the hardware prefetcher streams.
#include "geo/coord.hpp"
#include "layers/query/cell_layout.hpp"
#include "layers/query/spatial_index.hpp"

#include <array>
#include <cstdint>
#include <vector>

namespace layers::query {

class PolygonGrid {
 public:
  PolygonGrid() = default;
  // `layers[i]` is the index of snapshot layer i; only polygon layers contribute. Cells cover
  // `extent` (clipped to the polygons' bounds).
  PolygonGrid(const std::vector<LayerIndex>& layers, double cell_deg, const geo::Envelope& extent);

  struct Hit {
    std::uint32_t layer;
    std::uint32_t feature;
  };
  // Appends the (layer, feature) pairs covering p (boundary included), in layer then feature
  // order, without duplicates. False, with nothing appended, if p is outside the grid: the caller
  // asks the layers' trees instead.
  bool covering(const geo::XY& p, std::vector<Hit>& out) const;
  // Starts fetching p's cell into the cache.
  void prefetch(geo::XY p) const noexcept;

  [[nodiscard]] const CellLayout& layout() const noexcept { return layout_; }
  [[nodiscard]] std::size_t entry_count() const noexcept { return entry_count_; }
  [[nodiscard]] std::size_t cell_count() const noexcept { return cells_.empty() ? 0 : cells_.size() - 1; }
  [[nodiscard]] std::size_t vertex_count() const noexcept { return vertices_.size(); }
  [[nodiscard]] std::size_t memory_bytes() const noexcept;

 private:
  enum class Kind : std::uint8_t { Full, Box, Rings };
  // 16-byte records. An entry is a header record,
  //   {feature, layer | kind << 16, first vertex (Rings), ring count (Rings)},
  // followed by its payload: Box, two records holding its min and max corners as doubles; Rings,
  // ⌈(rings + 1) / 4⌉ records of words: the sub-cell mask (low half: sub-cells no outline comes
  // near; high half: those of them inside), then the ring ends relative to its first vertex.
  using Record = std::array<std::uint32_t, 4>;
  static_assert(sizeof(Record) == 16);

  CellLayout layout_;
  // Where each cell's runs start: records of cell c are [cells_[c].record, cells_[c + 1].record).
  struct CellStart {
    std::uint32_t record;
    std::uint32_t vertex;
  };
  std::vector<CellStart> cells_;
  std::vector<Record> records_;
  std::vector<geo::XY> vertices_;
  std::size_t entry_count_ = 0;
};

}  // namespace layers::query
