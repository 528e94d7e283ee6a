#pragma once
// A uniform grid over every polygon layer of a snapshot, for "which polygons cover this point" in
// one lookup. Each cell lists, per feature that reaches into it, either
//   Full  — the cell lies inside the feature: no test at all;
//   Box   — a box that the feature fills covers part of the cell: a point-in-box test;
//   Rings — the feature's outline crosses the cell: point-in-polygon on the part of the feature
//           inside the cell (clipped, so a few dozen vertices at most).
// Built from the subdivided pieces (spatial_index.hpp) over a given extent; read-only afterwards.
//
// Memory layout, because a locate at a random site is bound by cache misses, not arithmetic: the
// entries, boxes, vertices and ring ends are all stored in cell order, so one cell's data lies in
// three short contiguous runs (entries; vertices and boxes; ring ends) that the hardware
// prefetcher streams, rather than scattered over the whole structure.
#include "geo/coord.hpp"
#include "layers/query/spatial_index.hpp"

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
  bool covering(geo::XY p, std::vector<Hit>& out) const;
  // Starts fetching p's cell into the cache.
  void prefetch(geo::XY p) const noexcept;

  [[nodiscard]] std::size_t entry_count() const noexcept { return entries_.size(); }
  [[nodiscard]] std::size_t cell_count() const noexcept { return cells_.empty() ? 0 : cells_.size() - 1; }
  [[nodiscard]] std::size_t vertex_count() const noexcept { return vertices_.size(); }
  [[nodiscard]] std::size_t memory_bytes() const noexcept;

 private:
  enum class Kind : std::uint8_t { Full, Box, Rings };
  struct Entry {
    std::uint32_t feature;
    std::uint16_t layer;
    Kind kind;
    std::uint8_t unused = 0;
    std::uint32_t vertex_begin;  // Box: its min and max corners in vertices_; Rings: its first vertex
    std::uint32_t ring_begin;    // Rings: ring_ends_[ring_begin] = ring count, then the ring ends
                                 // relative to vertex_begin
  };
  static_assert(sizeof(Entry) == 16);

  [[nodiscard]] bool cell_of(geo::XY p, std::uint32_t& cell) const noexcept;

  geo::Envelope bounds_;
  double cell_ = 1;
  std::uint32_t columns_ = 0;
  std::uint32_t rows_ = 0;
  // Where each cell's runs start: entries of cell c are [cells_[c].entry, cells_[c + 1].entry). The
  // vertex and ring-end starts let a lookup fetch all three runs at once instead of one after
  // the other.
  struct CellStart {
    std::uint32_t entry;
    std::uint32_t vertex;
    std::uint32_t ring;
  };
  std::vector<CellStart> cells_;
  std::vector<Entry> entries_;
  std::vector<geo::XY> vertices_;
  std::vector<std::uint32_t> ring_ends_;
};

}  // namespace layers::query
