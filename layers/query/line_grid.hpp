#pragma once
// Candidate lists for the line layers (bands and nearest), per cell of a coarse grid: for each
// cell and line layer, every segment that can be the nearest one, or within its feature's band, for
// some point of the cell. A query then scans one short list instead of searching a tree.
//   nearest: the nearest distance from any point of the cell is at most U = the largest distance
//            from a cell corner to the segment nearest the cell centre (distance to a segment is
//            convex, so its maximum over the cell is at a corner); a segment farther than
//            window(U) from the whole cell is neither the nearest nor within final_distance's
//            window of it;
//   band:    a segment farther from the whole cell than window(its feature's band_m) cannot match.
// Bounds get a margin (1 % + 200 m) for the local metric drifting across a cell.
// Each list is sorted by the segment's distance to the cell (a lower bound on its distance to any
// site in the cell), so a query stops scanning once that bound passes what it still needs.
#include "geo/coord.hpp"
#include "layers/query/cell_layout.hpp"
#include "layers/query/spatial_index.hpp"

#include <cstdint>
#include <span>
#include <vector>

namespace layers::query {

// The widest relative error of ranking segments by distance in a site's local plane rather than
// on the ellipsoid, at distance d metres: the plane's x scale drifts by tan φ · Δφ / 2 towards a
// point Δφ away (≤ d / 2R below 45°N), and two candidates may err in opposite directions; twice
// that as margin, plus 1e-4 for the metric table. Every segment within window(d) of the best is
// measured again in its own midway plane.
inline double ranking_window(double d) {
  return d * (1.0 + 1e-4 + d * 3.2e-7) + 0.5;
}

class LineGrid {
 public:
  LineGrid() = default;
  LineGrid(const std::vector<LayerIndex>& layers, const std::vector<std::uint32_t>& line_layers,
           const geo::Envelope& bounds, double cell_deg);

  struct Entry {
    std::uint32_t segment;
    float lower_m;  // no site of the cell is nearer the segment than this, in any site's local metric
  };
  // The candidates of `layers[line_layers[slot]]` at p, nearest to the cell first; `covered` false
  // outside the grid.
  [[nodiscard]] std::span<const Entry> candidates(geo::XY p, std::size_t slot, bool& covered) const;
  // Starts fetching the lists of p's cell into the cache, so that the polygon work of a locate
  // overlaps the memory latency of its line work (random sites miss the cache on every list).
  void prefetch(geo::XY p) const noexcept;
  [[nodiscard]] std::size_t entry_count() const noexcept { return entries_.size(); }

 private:
  [[nodiscard]] bool cell_of(geo::XY p, std::uint32_t& cell) const noexcept {
    return slots_ != 0 && layout_.cell_of(p, cell);
  }

  CellLayout layout_;
  std::uint32_t slots_ = 0;
  // CSR, cell-major: the list of (cell c, slot s) is entries_[begin_[c·slots + s], begin_[c·slots + s + 1]),
  // so all of a cell's lists lie back to back and one cache line holds their bounds.
  std::vector<std::uint32_t> begin_;
  std::vector<Entry> entries_;
};

}  // namespace layers::query
