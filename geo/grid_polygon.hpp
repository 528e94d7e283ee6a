#pragma once
// Exact tests on polygons with integer vertices (a zoom's pixel grid or a tile's coordinates), in
// 64-bit integer arithmetic: no tolerance, no rounding.
#include "geo/mvt_encoder.hpp"

#include <cstdint>
#include <span>
#include <vector>

namespace geo {

// Whether the edge a-b crosses the ray eastwards from the point (x2 / 2, y2 / 2): doubled
// coordinates, so that midpoints between grid points can be asked about too (the crossing-number
// step, exact).
[[nodiscard]] inline bool crosses_ray_east(mvt::TilePoint a, mvt::TilePoint b, std::int64_t x2,
                                           std::int64_t y2) noexcept {
  const std::int64_t ay = 2 * std::int64_t{a.y}, by = 2 * std::int64_t{b.y};
  if ((ay > y2) == (by > y2)) return false;
  const std::int64_t ax = 2 * std::int64_t{a.x}, bx = 2 * std::int64_t{b.x};
  // The point lies west of the edge's crossing with the horizontal through it.
  const std::int64_t c = (bx - ax) * (y2 - ay) - (x2 - ax) * (by - ay);
  return by > ay ? c > 0 : c < 0;
}

// Removes repeated vertices and spikes (a ring going out to a vertex and back along the same line,
// or along one less than `width` away) from an open ring, around its closing vertex too; clears a
// ring left with < 3 vertices.
void remove_spikes(std::vector<mvt::TilePoint>& ring, double width = 0);

// Whether p lies strictly inside the ring (crossing number); unspecified for a point on the ring.
[[nodiscard]] bool inside_ring(mvt::TilePoint p, std::span<const mvt::TilePoint> ring) noexcept;

// Whether a polygon geometry (each exterior ring, positive, followed by its holes, negative; rings
// open) is valid (OGC, and MVT 2.1's rings without self-intersection or self-tangency), proven
// cheaply: every ring has ≥ 3 vertices and non-zero area; no edge crosses or overlaps another; a
// ring meets itself only where consecutive edges share their vertex (no spike); two rings meet at
// most at points, where neither crosses the other, and the rings of a polygon do not touch in a
// cycle (which would cut its interior in two); every hole lies inside its exterior and outside its
// sibling holes; no exterior lies inside another. Conservative: false also for some polygons GEOS
// accepts (a part on an island in another part's hole, three rings meeting at one point); callers
// then take a slower exact path. Time O(n log n) plus the edge pairs that overlap in x and y.
// `touching`, when given, is set to whether some rings meet at points.
[[nodiscard]] bool is_strictly_valid(const mvt::TileGeometry& polygon, bool* touching = nullptr);

}  // namespace geo
