#include "layers/query/polygon_grid.hpp"

#include "geo/operations.hpp"
#include "geo/planar.hpp"

#include <algorithm>
#include <bit>
#include <cmath>
#include <limits>
#include <stdexcept>
#include <string>

namespace layers::query {
namespace {

// Cells are clipped, and sub-cells classified, over their box grown by this much (about 0.1 mm).
// A site's cell and sub-cell come from a division that can round it across their edge by an ulp
// or so (1e-14° at these longitudes); within the grown box the clipped outline is the feature's
// own, not the clip's, and a sub-cell said to be clear of outlines is clear of them there too.
constexpr double kEdgeMarginDeg = 1e-9;

geo::Envelope grown(const geo::Envelope& box, double by) {
  return {box.min_x - by, box.min_y - by, box.max_x + by, box.max_y + by};
}

// Is ab an edge the clip added along the (grown) cell's border, rather than part of the feature's
// outline? ClipByRect writes such edges with the rectangle's own coordinates.
bool along_border(geo::XY a, geo::XY b, const geo::Envelope& clip) {
  return (a.x == b.x && (a.x == clip.min_x || a.x == clip.max_x)) ||
         (a.y == b.y && (a.y == clip.min_y || a.y == clip.max_y));
}

// For an entry's rings clipped to `clip`, cell (column, row) grown by kEdgeMarginDeg: bit s of the
// low half set if no edge of the feature's outline comes near sub-cell s, and then bit s of the
// high half set if the sub-cell lies inside the rings. The clip's own edges along the border do
// not count: every site answered from this cell lies within the clip, so they never separate a
// site from its sub-cell's centre.
std::uint32_t sub_cell_mask(const CellLayout& layout, std::uint32_t column, std::uint32_t row,
                            const geo::Envelope& clip, std::span<const geo::XY> vertices,
                            std::span<const std::uint32_t> ring_ends) {
  constexpr std::uint32_t kSubCells = CellLayout::kSubSide * CellLayout::kSubSide;
  std::uint32_t crossed = 0;
  std::uint32_t start = 0;
  for (const std::uint32_t end : ring_ends) {
    for (std::uint32_t i = start + 1; i < end; ++i) {
      if (along_border(vertices[i - 1], vertices[i], clip)) continue;
      for (std::uint32_t sub = 0; sub < kSubCells; ++sub) {
        if (((crossed >> sub) & 1U) != 0) continue;
        // Twice the margin: the sites assigned to the sub-cell lie within one margin of it.
        if (geo::segment_meets_box(vertices[i - 1], vertices[i],
                                   grown(layout.sub_box(column, row, sub), 2 * kEdgeMarginDeg))) {
          crossed |= 1U << sub;
        }
      }
    }
    start = end;
  }
  std::uint32_t mask = 0;
  for (std::uint32_t sub = 0; sub < kSubCells; ++sub) {
    if (((crossed >> sub) & 1U) != 0) continue;
    const geo::Envelope box = layout.sub_box(column, row, sub);
    const geo::XY centre{0.5 * (box.min_x + box.max_x), 0.5 * (box.min_y + box.max_y)};
    mask |= 1U << sub;
    if (geo::locate_in_rings(centre, vertices, ring_ends) == geo::PointLocation::Inside) mask |= 1U << (sub + 16);
  }
  return mask;
}

// An entry before the grid is laid out: its clipped rings sit in a scratch pool until the entries
// are sorted into cell order.
struct PendingEntry {
  std::uint32_t cell;
  std::uint32_t layer;
  std::uint32_t feature;
  std::uint8_t kind;
  std::uint32_t scratch_vertex;  // Box: index of its corners; Rings: first vertex, in the pool
  std::uint32_t scratch_ring;    // Rings: first ring end (absolute in the pool)
  std::uint32_t rings;
  std::uint32_t sub_cells;  // Rings: sub_cell_mask
};

}  // namespace

PolygonGrid::PolygonGrid(const std::vector<LayerIndex>& layers, double cell_deg, const geo::Envelope& extent) {
  geo::Envelope polygons;
  for (const auto& layer : layers) {
    for (const auto& box : layer.piece_boxes) polygons.expand(box);
  }
  if (polygons.is_null() || extent.is_null()) return;
  const geo::Envelope bounds{std::max(polygons.min_x, extent.min_x), std::max(polygons.min_y, extent.min_y),
                             std::min(polygons.max_x, extent.max_x), std::min(polygons.max_y, extent.max_y)};
  if (bounds.is_null()) return;
  if (layers.size() > std::numeric_limits<std::uint16_t>::max()) {
    throw std::length_error("the polygon grid holds at most 65535 layers, not " + std::to_string(layers.size()));
  }
  layout_ = CellLayout(bounds, cell_deg);

  std::vector<PendingEntry> pending;
  std::vector<geo::XY> pool;
  std::vector<std::uint32_t> pool_ring_ends;  // relative to the entry's first vertex
  for (std::uint32_t l = 0; l < layers.size(); ++l) {
    const LayerIndex& li = layers[l];
    for (std::uint32_t p = 0; p < li.pieces.size(); ++p) {
      const Piece& piece = li.pieces[p];
      const geo::Envelope& box = li.piece_boxes[p];
      if (!box.intersects(bounds)) continue;
      const std::uint32_t c0 = layout_.column_of(box.min_x - kEdgeMarginDeg);
      const std::uint32_t c1 = layout_.column_of(box.max_x + kEdgeMarginDeg);
      const std::uint32_t r0 = layout_.row_of(box.min_y - kEdgeMarginDeg);
      const std::uint32_t r1 = layout_.row_of(box.max_y + kEdgeMarginDeg);
      for (std::uint32_t r = r0; r <= r1; ++r) {
        for (std::uint32_t c = c0; c <= c1; ++c) {
          const geo::Envelope cell = grown(layout_.box(c, r), kEdgeMarginDeg);
          const std::uint32_t id = layout_.id(c, r);
          const auto vertex = static_cast<std::uint32_t>(pool.size());
          if (piece.fills_box) {
            const bool whole = box.min_x <= cell.min_x && box.max_x >= cell.max_x && box.min_y <= cell.min_y &&
                               box.max_y >= cell.max_y;
            if (whole) {
              pending.push_back({id, l, piece.feature, static_cast<std::uint8_t>(Kind::Full), 0, 0, 0, 0});
            } else {
              pool.push_back({box.min_x, box.min_y});
              pool.push_back({box.max_x, box.max_y});
              pending.push_back({id, l, piece.feature, static_cast<std::uint8_t>(Kind::Box), vertex, 0, 0, 0});
            }
            continue;
          }
          // The part of the piece inside the (closed, grown) cell.
          const geo::Geometry clipped = geo::polygonal_part(geo::clip_by_rect(li.piece_shapes[p], cell));
          if (clipped.is_empty()) continue;
          const double cell_area = (cell.max_x - cell.min_x) * (cell.max_y - cell.min_y);
          if (geo::area(clipped) >= cell_area * (1.0 - 1e-12)) {
            pending.push_back({id, l, piece.feature, static_cast<std::uint8_t>(Kind::Full), 0, 0, 0, 0});
            continue;
          }
          const auto first_ring = static_cast<std::uint32_t>(pool_ring_ends.size());
          geo::for_each_part(clipped, [&](std::span<const geo::XY> ring, bool) {
            pool.insert(pool.end(), ring.begin(), ring.end());
            pool_ring_ends.push_back(static_cast<std::uint32_t>(pool.size()) - vertex);
          });
          const auto rings = static_cast<std::uint32_t>(pool_ring_ends.size()) - first_ring;
          const std::span<const std::uint32_t> ends(pool_ring_ends.data() + first_ring, rings);
          const std::uint32_t mask =
              sub_cell_mask(layout_, c, r, cell, std::span<const geo::XY>(pool.data() + vertex, ends.back()), ends);
          pending.push_back(
              {id, l, piece.feature, static_cast<std::uint8_t>(Kind::Rings), vertex, first_ring, rings, mask});
        }
      }
    }
  }
  // Group by cell, and within a cell by (layer, feature, kind): hits then come out in layer and
  // feature order with no sorting, a duplicate can only be the previous hit, and a feature's Full
  // entry comes before its tests.
  std::stable_sort(pending.begin(), pending.end(), [](const PendingEntry& a, const PendingEntry& b) {
    if (a.cell != b.cell) return a.cell < b.cell;
    if (a.layer != b.layer) return a.layer < b.layer;
    if (a.feature != b.feature) return a.feature < b.feature;
    return a.kind < b.kind;
  });
  // Lay out records and vertices in that order.
  const std::size_t cell_total = layout_.size();
  cells_.reserve(cell_total + 1);
  vertices_.reserve(pool.size());
  auto start_cells_up_to = [&](std::size_t cell) {
    while (cells_.size() <= cell) {
      cells_.push_back({static_cast<std::uint32_t>(records_.size()), static_cast<std::uint32_t>(vertices_.size())});
    }
  };
  for (const auto& e : pending) {
    start_cells_up_to(e.cell);
    const auto kind = static_cast<Kind>(e.kind);
    Record header{e.feature, e.layer | static_cast<std::uint32_t>(e.kind) << 16, 0, 0};
    if (kind == Kind::Box) {
      records_.push_back(header);
      records_.push_back(std::bit_cast<Record>(pool[e.scratch_vertex]));
      records_.push_back(std::bit_cast<Record>(pool[e.scratch_vertex + 1]));
    } else if (kind == Kind::Rings) {
      header[2] = static_cast<std::uint32_t>(vertices_.size());
      header[3] = e.rings;
      records_.push_back(header);
      const std::uint32_t vertices = pool_ring_ends[e.scratch_ring + e.rings - 1];
      vertices_.insert(vertices_.end(), pool.begin() + e.scratch_vertex, pool.begin() + e.scratch_vertex + vertices);
      // Payload words: the sub-cell mask, then the ring ends.
      std::vector<std::uint32_t> words{e.sub_cells};
      words.insert(words.end(), pool_ring_ends.begin() + e.scratch_ring,
                   pool_ring_ends.begin() + e.scratch_ring + e.rings);
      for (std::size_t k = 0; k < words.size(); k += 4) {
        Record r{};
        for (std::size_t j = 0; j < 4 && k + j < words.size(); ++j) r[j] = words[k + j];
        records_.push_back(r);
      }
    } else {
      records_.push_back(header);
    }
  }
  start_cells_up_to(cell_total);
  entry_count_ = pending.size();
  if (vertices_.size() > std::numeric_limits<std::uint32_t>::max() ||
      records_.size() > std::numeric_limits<std::uint32_t>::max()) {
    throw std::length_error("the polygon grid overflows 32-bit offsets");
  }
}

void PolygonGrid::prefetch(geo::XY p) const noexcept {
  std::uint32_t cell = 0;
  if (cells_.empty() || !layout_.cell_of(p, cell)) return;
  const CellStart start = cells_[cell];
  __builtin_prefetch(records_.data() + start.record);
  __builtin_prefetch(vertices_.data() + start.vertex);
}

std::size_t PolygonGrid::memory_bytes() const noexcept {
  return cells_.size() * sizeof(CellStart) + records_.size() * sizeof(Record) + vertices_.size() * sizeof(geo::XY);
}

}  // namespace layers::query
