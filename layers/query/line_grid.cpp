#include "layers/query/line_grid.hpp"

#include "geo/geodesic.hpp"
#include "geo/planar.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

namespace layers::query {

LineGrid::LineGrid(const std::vector<LayerIndex>& layers, const std::vector<std::uint32_t>& line_layers,
                   const geo::Envelope& bounds, double cell_deg)
    : bounds_(bounds), cell_(cell_deg) {
  if (bounds_.is_null()) return;
  columns_ = static_cast<std::uint32_t>(std::ceil((bounds_.max_x - bounds_.min_x) / cell_)) + 1;
  rows_ = static_cast<std::uint32_t>(std::ceil((bounds_.max_y - bounds_.min_y) / cell_)) + 1;
  std::vector<geo::BoxIndex::HeapEntry> heap;
  for (const auto l : line_layers) {
    const LayerIndex& li = layers[l];
    Slot slot;
    slot.begin.assign(static_cast<std::size_t>(columns_) * rows_ + 1, 0);
    for (std::uint32_t r = 0; r < rows_; ++r) {
      for (std::uint32_t c = 0; c < columns_; ++c) {
        const std::uint32_t cell = r * columns_ + c;
        slot.begin[cell] = static_cast<std::uint32_t>(slot.ids.size());
        if (li.segments.empty()) continue;
        const geo::XY centre{bounds_.min_x + (c + 0.5) * cell_, bounds_.min_y + (r + 0.5) * cell_};
        const geo::LocalMetric m = geo::LocalMetric::at(centre.y);
        const double half_diagonal = 0.5 * std::hypot(cell_ * m.sx, cell_ * m.sy);
        // Nearest segment to the centre (plane metric of the centre).
        double nearest2 = std::numeric_limits<double>::infinity();
        auto bound = [&](const geo::Envelope& box) {
          const double dx = std::max({box.min_x - centre.x, 0.0, centre.x - box.max_x}) * m.sx;
          const double dy = std::max({box.min_y - centre.y, 0.0, centre.y - box.max_y}) * m.sy;
          return dx * dx + dy * dy;
        };
        li.segment_index.nearest_first(
            bound,
            [&](std::uint32_t id, double lower) {
              if (lower > nearest2) return false;
              double t = 0;
              const Segment& s = li.segments[id];
              nearest2 = std::min(nearest2, geo::segment_distance_squared(centre, s.a, s.b, m.sx, m.sy, t));
              return true;
            },
            heap);
        const double upper = std::sqrt(nearest2) + half_diagonal;
        const double keep_nearest = upper * 1.02 + 200.0 + half_diagonal;
        const double keep_band = li.max_band_m * 1.02 + 200.0 + half_diagonal;
        const double reach = std::max(keep_nearest, keep_band);
        const double dx = reach / m.sx * 1.02;
        const double dy = reach / m.sy * 1.02;
        li.segment_index.query(geo::Envelope{centre.x - dx, centre.y - dy, centre.x + dx, centre.y + dy},
                               [&](std::uint32_t id) {
                                 const Segment& s = li.segments[id];
                                 double t = 0;
                                 const double d = std::sqrt(geo::segment_distance_squared(centre, s.a, s.b, m.sx, m.sy, t));
                                 const double band = li.band_m[s.feature] * 1.02 + 200.0 + half_diagonal;
                                 if (d <= keep_nearest || d <= band) slot.ids.push_back(id);
                                 return true;
                               });
        // Scan order = segment order, so results do not depend on the tree's layout.
        std::sort(slot.ids.begin() + slot.begin[cell], slot.ids.end());
      }
    }
    slot.begin.back() = static_cast<std::uint32_t>(slot.ids.size());
    slots_.push_back(std::move(slot));
  }
}

std::span<const std::uint32_t> LineGrid::candidates(geo::XY p, std::size_t slot, bool& covered) const {
  covered = !slots_.empty() && bounds_.contains(p.x, p.y);
  if (!covered) return {};
  const auto c = std::min(columns_ - 1, static_cast<std::uint32_t>((p.x - bounds_.min_x) / cell_));
  const auto r = std::min(rows_ - 1, static_cast<std::uint32_t>((p.y - bounds_.min_y) / cell_));
  const std::uint32_t cell = r * columns_ + c;
  const Slot& s = slots_[slot];
  return {s.ids.data() + s.begin[cell], s.begin[cell + 1] - s.begin[cell]};
}

std::size_t LineGrid::entry_count() const noexcept {
  std::size_t n = 0;
  for (const auto& s : slots_) n += s.ids.size();
  return n;
}

}  // namespace layers::query
