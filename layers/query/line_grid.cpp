#include "layers/query/line_grid.hpp"

#include "geo/geodesic.hpp"
#include "geo/planar.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>

namespace layers::query {

LineGrid::LineGrid(const std::vector<LayerIndex>& layers, const std::vector<std::uint32_t>& line_layers,
                   const geo::Envelope& bounds, double cell_deg)
    : layout_(bounds, cell_deg) {
  if (layout_.size() == 0) return;
  std::vector<geo::BoxIndex::HeapEntry> heap;
  // Built slot by slot, then interleaved cell-major.
  struct Slot {
    std::vector<std::uint32_t> begin;
    std::vector<Entry> entries;
  };
  std::vector<Slot> per_slot;
  // Margin for the local metric of a site differing from the cell centre's (< 0.1 %).
  auto widen = [](double metres) { return metres * 1.01 + 200.0; };
  for (const auto l : line_layers) {
    const LayerIndex& li = layers[l];
    Slot slot;
    slot.begin.assign(layout_.size() + 1, 0);
    for (std::uint32_t r = 0; r < layout_.rows; ++r) {
      for (std::uint32_t c = 0; c < layout_.columns; ++c) {
        const std::uint32_t cell = layout_.id(c, r);
        slot.begin[cell] = static_cast<std::uint32_t>(slot.entries.size());
        if (li.segments.empty()) continue;
        const geo::Envelope box = layout_.box(c, r);
        const geo::XY centre{0.5 * (box.min_x + box.max_x), 0.5 * (box.min_y + box.max_y)};
        const geo::LocalMetric m = geo::LocalMetric::at(centre.y);
        const std::array<geo::XY, 4> corners{geo::XY{box.min_x, box.min_y}, geo::XY{box.max_x, box.min_y},
                                             geo::XY{box.max_x, box.max_y}, geo::XY{box.min_x, box.max_y}};
        // Distance to a segment is convex, so over the cell it peaks at a corner.
        auto farthest_corner = [&](const Segment& s) {
          double upper2 = 0;
          for (const geo::XY corner : corners) {
            double t = 0;
            upper2 = std::max(upper2, geo::segment_distance_squared(corner, s.a, s.b, m.sx, m.sy, t));
          }
          return std::sqrt(upper2);
        };
        // How far to look: the nearest segment to the centre bounds the nearest distance over
        // the cell; the widest band bounds the band matches.
        double nearest2 = std::numeric_limits<double>::infinity();
        std::uint32_t nearest_id = 0;
        auto bound = [&](const geo::Envelope& b) {
          const double dx = std::max({b.min_x - centre.x, 0.0, centre.x - b.max_x}) * m.sx;
          const double dy = std::max({b.min_y - centre.y, 0.0, centre.y - b.max_y}) * m.sy;
          return dx * dx + dy * dy;
        };
        li.segment_index.nearest_first(
            bound,
            [&](std::uint32_t id, double lower) {
              if (lower > nearest2) return false;
              double t = 0;
              const Segment& s = li.segments[id];
              const double d2 = geo::segment_distance_squared(centre, s.a, s.b, m.sx, m.sy, t);
              if (d2 < nearest2) {
                nearest2 = d2;
                nearest_id = id;
              }
              return true;
            },
            heap);
        const double keep_nearest = widen(ranking_window(farthest_corner(li.segments[nearest_id])));
        const double reach = std::max(keep_nearest, widen(ranking_window(li.max_band_m)));
        const double dx = reach / m.sx * 1.02;
        const double dy = reach / m.sy * 1.02;
        const std::size_t first = slot.entries.size();
        li.segment_index.query(
            geo::Envelope{box.min_x - dx, box.min_y - dy, box.max_x + dx, box.max_y + dy}, [&](std::uint32_t id) {
              const Segment& s = li.segments[id];
              const double lower = std::sqrt(geo::segment_box_distance_squared(s.a, s.b, box, m.sx, m.sy));
              const double band = li.band_m[s.feature];
              if (lower <= keep_nearest || (band > 0 && lower <= widen(ranking_window(band)))) {
                // The metric changes by < 0.1 % across a cell and between sites.
                slot.entries.push_back({id, static_cast<float>(std::max(0.0, lower * 0.99 - 1.0))});
              }
              return true;
            });
        // Nearest to the cell first; equal bounds in segment order, so results do not depend on
        // the tree's layout.
        std::sort(slot.entries.begin() + static_cast<std::ptrdiff_t>(first), slot.entries.end(),
                  [](const Entry& a, const Entry& b) {
                    return a.lower_m != b.lower_m ? a.lower_m < b.lower_m : a.segment < b.segment;
                  });
      }
    }
    slot.begin.back() = static_cast<std::uint32_t>(slot.entries.size());
    per_slot.push_back(std::move(slot));
  }
  slots_ = static_cast<std::uint32_t>(per_slot.size());
  const std::size_t cells = layout_.size();
  std::size_t total = 0;
  for (const auto& slot : per_slot) total += slot.entries.size();
  entries_.reserve(total);
  begin_.reserve(cells * slots_ + 1);
  for (std::size_t cell = 0; cell < cells; ++cell) {
    for (const auto& slot : per_slot) {
      begin_.push_back(static_cast<std::uint32_t>(entries_.size()));
      entries_.insert(entries_.end(), slot.entries.begin() + slot.begin[cell],
                      slot.entries.begin() + slot.begin[cell + 1]);
    }
  }
  begin_.push_back(static_cast<std::uint32_t>(entries_.size()));
}

void LineGrid::prefetch(geo::XY p) const noexcept {
  std::uint32_t cell = 0;
  if (!cell_of(p, cell)) return;
  const std::size_t first = static_cast<std::size_t>(cell) * slots_;
  const Entry* begin = entries_.data() + begin_[first];
  const Entry* end = entries_.data() + begin_[first + slots_];
  // The first lines of the cell's lists (further lines follow in sequence, which the hardware
  // prefetcher picks up).
  constexpr std::ptrdiff_t kLine = 64 / sizeof(Entry);
  for (const Entry* e = begin; e < end && e < begin + 8 * kLine; e += kLine) __builtin_prefetch(e);
}

std::span<const LineGrid::Entry> LineGrid::candidates(geo::XY p, std::size_t slot, bool& covered) const {
  std::uint32_t cell = 0;
  covered = cell_of(p, cell);
  if (!covered) return {};
  const std::size_t list = static_cast<std::size_t>(cell) * slots_ + slot;
  return {entries_.data() + begin_[list], begin_[list + 1] - begin_[list]};
}

}  // namespace layers::query
