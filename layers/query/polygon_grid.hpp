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
#include "geo/planar.hpp"
#include "layers/query/cell_layout.hpp"
#include "layers/query/spatial_index.hpp"

#include <array>
#include <bit>
#include <cstdint>
#include <limits>
#include <span>
#include <vector>

namespace layers::query {

class PolygonGrid {
 public:
  PolygonGrid() = default;
  // `layers[i]` is the index of snapshot layer i; only polygon layers contribute. Cells cover
  // `extent` (clipped to the polygons' bounds).
  PolygonGrid(const std::vector<LayerIndex>& layers, double cell_deg, const geo::Envelope& extent);

  // Calls on_hit(layer, feature) for each feature covering p (boundary included), in layer then
  // feature order, without duplicates. False, with no call, if p is outside the grid: the caller
  // asks the layers' trees instead. A template, so that the caller's handling of a hit is inlined
  // into the loop rather than gathered in a list first (the hot path of every locate).
  template <class OnHit>
  bool covering(const geo::XY& p, OnHit&& on_hit) const;
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

template <class OnHit>
bool PolygonGrid::covering(const geo::XY& p, OnHit&& on_hit) const {
  std::uint32_t cell = 0;
  std::uint32_t sub = 0;
  if (cells_.empty() || !layout_.cell_of(p, cell, sub)) return false;
  const std::uint32_t sub_bit = 1U << sub;
  const CellStart start = cells_[cell];
  // The cell's vertices are needed right after its first records: ask for them now.
  __builtin_prefetch(vertices_.data() + start.vertex);
  const Record* const end = records_.data() + cells_[cell + 1].record;
  const Record* r = records_.data() + start.record;
  // Entries are sorted by (layer, feature, kind): a feature already found can only be the last.
  std::uint32_t last_layer = std::numeric_limits<std::uint32_t>::max();
  std::uint32_t last_feature = 0;
  while (r != end) {
    const Record& header = *r;
    const std::uint32_t feature = header[0];
    const auto layer = header[1] & 0xffffU;
    const auto kind = static_cast<Kind>(header[1] >> 16);
    const std::uint32_t rings = header[3];
    const Record* const payload = r + 1;
    r = payload + (kind == Kind::Box ? 2 : kind == Kind::Rings ? (rings + 4) / 4 : 0);
    if (layer == last_layer && feature == last_feature) continue;
    bool covered = false;
    switch (kind) {
      case Kind::Full: covered = true; break;
      case Kind::Box: {
        const auto lo = std::bit_cast<geo::XY>(payload[0]);
        const auto hi = std::bit_cast<geo::XY>(payload[1]);
        covered = p.x >= lo.x && p.x <= hi.x && p.y >= lo.y && p.y <= hi.y;
        break;
      }
      case Kind::Rings: {
        // The payload's words, back to back: the sub-cell mask, then the ring ends. Most sites lie
        // in a sub-cell that no outline crosses, and the mask answers for them.
        const std::uint32_t mask = (*payload)[0];
        if ((mask & sub_bit) != 0) {
          covered = ((mask >> 16) & sub_bit) != 0;
          break;
        }
        const std::span<const std::uint32_t> ends(payload->data() + 1, rings);
        covered = geo::locate_in_rings(p, std::span<const geo::XY>(vertices_.data() + header[2], ends.back()), ends) !=
                  geo::PointLocation::Outside;
        break;
      }
    }
    if (covered) {
      last_layer = layer;
      last_feature = feature;
      on_hit(layer, feature);
    }
  }
  return true;
}

}  // namespace layers::query
