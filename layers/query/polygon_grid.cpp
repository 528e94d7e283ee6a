#include "layers/query/polygon_grid.hpp"

#include "geo/operations.hpp"
#include "geo/planar.hpp"

#include <algorithm>
#include <cmath>

namespace layers::query {
namespace {

struct PendingEntry {
  std::uint32_t cell;
  std::uint32_t layer;
  std::uint32_t feature;
  std::uint8_t kind;
  std::uint32_t first;
  std::uint32_t last;
};

}  // namespace

PolygonGrid::PolygonGrid(const std::vector<LayerIndex>& layers, double cell_deg) : cell_(cell_deg) {
  for (const auto& layer : layers) {
    for (const auto& box : layer.piece_boxes) bounds_.expand(box);
  }
  if (bounds_.is_null()) return;
  columns_ = static_cast<std::uint32_t>(std::ceil((bounds_.max_x - bounds_.min_x) / cell_)) + 1;
  rows_ = static_cast<std::uint32_t>(std::ceil((bounds_.max_y - bounds_.min_y) / cell_)) + 1;

  std::vector<PendingEntry> pending;
  for (std::uint32_t l = 0; l < layers.size(); ++l) {
    const LayerIndex& li = layers[l];
    for (std::uint32_t p = 0; p < li.pieces.size(); ++p) {
      const Piece& piece = li.pieces[p];
      const geo::Envelope& box = li.piece_boxes[p];
      const auto c0 = static_cast<std::uint32_t>(std::floor((box.min_x - bounds_.min_x) / cell_));
      const auto c1 =
          std::min(columns_ - 1, static_cast<std::uint32_t>(std::floor((box.max_x - bounds_.min_x) / cell_)));
      const auto r0 = static_cast<std::uint32_t>(std::floor((box.min_y - bounds_.min_y) / cell_));
      const auto r1 = std::min(rows_ - 1, static_cast<std::uint32_t>(std::floor((box.max_y - bounds_.min_y) / cell_)));
      std::uint32_t box_index = 0;
      if (piece.fills_box) {
        box_index = static_cast<std::uint32_t>(boxes_.size());
        boxes_.push_back(box);
      }
      for (std::uint32_t r = r0; r <= r1; ++r) {
        for (std::uint32_t c = c0; c <= c1; ++c) {
          const geo::Envelope cell{bounds_.min_x + c * cell_, bounds_.min_y + r * cell_,
                                   bounds_.min_x + (c + 1) * cell_, bounds_.min_y + (r + 1) * cell_};
          const std::uint32_t id = r * columns_ + c;
          if (piece.fills_box) {
            const bool whole = box.min_x <= cell.min_x && box.max_x >= cell.max_x && box.min_y <= cell.min_y &&
                               box.max_y >= cell.max_y;
            pending.push_back(
                {id, l, piece.feature, static_cast<std::uint8_t>(whole ? Kind::Full : Kind::Box), box_index, 0});
            continue;
          }
          // The part of the piece inside the (closed) cell.
          const geo::Geometry clipped = geo::polygonal_part(geo::clip_by_rect(li.piece_shapes[p], cell));
          if (clipped.is_empty()) continue;
          const double cell_area = (cell.max_x - cell.min_x) * (cell.max_y - cell.min_y);
          if (geo::area(clipped) >= cell_area * (1.0 - 1e-12)) {
            pending.push_back({id, l, piece.feature, static_cast<std::uint8_t>(Kind::Full), 0, 0});
            continue;
          }
          const auto first_ring = static_cast<std::uint32_t>(ring_ends_.size());
          geo::for_each_part(clipped, [&](std::span<const geo::XY> ring, bool) {
            vertices_.insert(vertices_.end(), ring.begin(), ring.end());
            ring_ends_.push_back(static_cast<std::uint32_t>(vertices_.size()));
          });
          pending.push_back({id, l, piece.feature, static_cast<std::uint8_t>(Kind::Rings), first_ring,
                             static_cast<std::uint32_t>(ring_ends_.size())});
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
  cell_begin_.assign(static_cast<std::size_t>(columns_) * rows_ + 1, 0);
  entries_.reserve(pending.size());
  for (const auto& e : pending) {
    ++cell_begin_[e.cell + 1];
    entries_.push_back({e.layer, e.feature, static_cast<Kind>(e.kind), e.first, e.last});
  }
  for (std::size_t c = 1; c < cell_begin_.size(); ++c) cell_begin_[c] += cell_begin_[c - 1];
}

void PolygonGrid::covering(geo::XY p, std::vector<Hit>& out) const {
  if (cell_begin_.empty() || !bounds_.contains(p.x, p.y)) return;
  const auto c = std::min(columns_ - 1, static_cast<std::uint32_t>((p.x - bounds_.min_x) / cell_));
  const auto r = std::min(rows_ - 1, static_cast<std::uint32_t>((p.y - bounds_.min_y) / cell_));
  const std::uint32_t cell = r * columns_ + c;
  const std::size_t first_out = out.size();
  for (std::uint32_t i = cell_begin_[cell]; i < cell_begin_[cell + 1]; ++i) {
    const Entry& e = entries_[i];
    if (out.size() > first_out && out.back().layer == e.layer && out.back().feature == e.feature) continue;
    bool covered = false;
    switch (e.kind) {
      case Kind::Full: covered = true; break;
      case Kind::Box: covered = boxes_[e.first].contains(p.x, p.y); break;
      case Kind::Rings: {
        const std::uint32_t vertex_begin = e.first == 0 ? 0 : ring_ends_[e.first - 1];
        // geo::locate_in_rings takes ring ends relative to its vertex span.
        std::uint32_t ends[64];
        const std::uint32_t rings = e.last - e.first;
        if (rings <= 64) {
          for (std::uint32_t k = 0; k < rings; ++k) ends[k] = ring_ends_[e.first + k] - vertex_begin;
          covered = geo::locate_in_rings(p, std::span<const geo::XY>(vertices_.data() + vertex_begin, ends[rings - 1]),
                                         std::span<const std::uint32_t>(ends, rings)) != geo::PointLocation::Outside;
        } else {
          // A cell crossed by more than 64 rings: the even-odd rule ring by ring.
          bool inside = false;
          std::uint32_t start = vertex_begin;
          for (std::uint32_t k = e.first; k < e.last; ++k) {
            const std::uint32_t end = ring_ends_[k];
            const std::uint32_t one[1] = {end - start};
            const auto where = geo::locate_in_rings(p, std::span<const geo::XY>(vertices_.data() + start, end - start),
                                                    std::span<const std::uint32_t>(one, 1));
            if (where == geo::PointLocation::Boundary) {
              inside = true;
              break;
            }
            if (where == geo::PointLocation::Inside) inside = !inside;
            start = end;
          }
          covered = inside;
        }
        break;
      }
    }
    if (covered) out.push_back({e.layer, e.feature});
  }
}

}  // namespace layers::query
