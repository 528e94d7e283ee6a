#pragma once
// Exact tests on polygons with integer vertices (a zoom's pixel grid or a tile's coordinates), in
// 64-bit integer arithmetic: no tolerance, no rounding.
#include "geo/tiles/tile_point.hpp"

#include <cstdint>
#include <optional>
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

enum class Location : std::uint8_t { Inside, Outside, Boundary };
[[nodiscard]] Location locate(mvt::TilePoint p, std::span<const mvt::TilePoint> ring) noexcept;

// Whether ring `inner` lies inside ring `outer`, for rings that do not cross (they may touch):
// its first vertex not on `outer` tells; false when every vertex is on it.
[[nodiscard]] bool ring_inside(std::span<const mvt::TilePoint> inner, std::span<const mvt::TilePoint> outer) noexcept;

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

// A ring with its twice signed area (positive: an exterior).
struct PixelRing {
  std::vector<mvt::TilePoint> points;
  std::int64_t area2 = 0;
};

// Exteriors and holes as one polygon geometry, each hole after the smallest exterior around it
// (an island's, not the lake's shore; a hole may touch an exterior at a vertex). std::nullopt when
// a hole lies in no exterior.
[[nodiscard]] std::optional<mvt::TileGeometry> assemble_polygon(const std::vector<PixelRing>& exteriors,
                                                                const std::vector<PixelRing>& holes);

// Splits rings that touch themselves at points (a narrow neck rounded shut, a clip passing
// through a vertex on the tile's edge) into rings that touch each other there instead: a loop
// turning the other way becomes a hole (in a hole, an island), and every hole goes to the smallest
// exterior around it. False, leaving the polygon as it was, when no ring touches itself or the
// rings do not come apart that way (crossings, a hole outside every exterior). The result still
// has to pass is_strictly_valid.
[[nodiscard]] bool split_pinches(mvt::TileGeometry& polygon);

}  // namespace geo
