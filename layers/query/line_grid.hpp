#pragma once
// Candidate lists for the line layers (bands and nearest), per cell of a coarse grid: for each
// cell and line layer, every segment that can be the nearest one, or within its feature's band, for
// some point of the cell. A query then scans one short list instead of searching a tree.
//   nearest: the nearest distance from any point of the cell is at most U = (distance from the
//            cell centre to the nearest segment) + (half the cell's diagonal); a segment farther
//            than U from the whole cell cannot be nearest.
//   band:    a segment farther from the whole cell than its feature's band_m cannot match.
// Both bounds get a margin (2 % + 200 m) for the local metric drifting across a cell.
#include "geo/coord.hpp"
#include "layers/query/spatial_index.hpp"

#include <cstdint>
#include <span>
#include <vector>

namespace layers::query {

class LineGrid {
 public:
  LineGrid() = default;
  LineGrid(const std::vector<LayerIndex>& layers, const std::vector<std::uint32_t>& line_layers,
           const geo::Envelope& bounds, double cell_deg);

  // Segment ids of `layers[line_layers[slot]]` that matter at p; `covered` false outside the grid.
  [[nodiscard]] std::span<const std::uint32_t> candidates(geo::XY p, std::size_t slot, bool& covered) const;
  [[nodiscard]] std::size_t entry_count() const noexcept;

 private:
  geo::Envelope bounds_;
  double cell_ = 1;
  std::uint32_t columns_ = 0;
  std::uint32_t rows_ = 0;
  struct Slot {
    std::vector<std::uint32_t> begin;  // CSR per cell
    std::vector<std::uint32_t> ids;
  };
  std::vector<Slot> slots_;
};

}  // namespace layers::query
