#pragma once
// Small planar kernels on flat coordinate arrays, for the query engine's hot path (no GEOS objects,
// no allocation). Rings are closed (first vertex repeated last).
#include "geo/coord.hpp"

#include <algorithm>
#include <cstdint>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif
#include <limits>
#include <span>

namespace geo {

// Where a point lies relative to a set of rings (a polygon with holes, or several polygons), by the
// even-odd crossing rule with an exact on-edge test.
enum class PointLocation { Outside, Boundary, Inside };

// `rings` holds every ring's vertices back to back; `ring_ends[i]` is one past the last vertex of
// ring i.
PointLocation locate_in_rings(XY p, std::span<const XY> vertices, std::span<const std::uint32_t> ring_ends) noexcept;

// Closest point on segment ab to p, in a plane whose x and y are scaled by sx and sy (to turn
// lon/lat degrees into local metres). Returns the squared scaled distance; `t` gets the position
// along the segment in [0, 1].
// x clamped to [0, 1] without a branch: over a candidate list whether the foot of the
// perpendicular falls inside a segment is unpredictable, and GCC compiles std::clamp, and even
// std::min/std::max here, into compare-and-jump.
inline double clamp_unit(double x) noexcept {
#if defined(__SSE2__)
  return _mm_cvtsd_f64(_mm_min_sd(_mm_max_sd(_mm_set_sd(x), _mm_setzero_pd()), _mm_set_sd(1.0)));
#else
  return std::min(1.0, std::max(0.0, x));
#endif
}

// Inline: the query engine calls it dozens of times per site.
inline double segment_distance_squared(XY p, XY a, XY b, double sx, double sy, double& t) noexcept {
  const double ax = a.x * sx;
  const double ay = a.y * sy;
  const double dx = b.x * sx - ax;
  const double dy = b.y * sy - ay;
  const double px = p.x * sx - ax;
  const double py = p.y * sy - ay;
  const double length2 = dx * dx + dy * dy;
  // A zero-length segment divides 0 by the smallest double: t = 0, no branch.
  t = clamp_unit((px * dx + py * dy) / std::max(length2, std::numeric_limits<double>::min()));
  const double ex = px - t * dx;
  const double ey = py - t * dy;
  return ex * ex + ey * ey;
}

// Smallest squared distance between segment ab and the closed box, in the same scaled plane; 0
// when they touch.
double segment_box_distance_squared(XY a, XY b, const Envelope& box, double sx, double sy) noexcept;

// Does segment ab meet the closed box (Liang–Barsky)?
bool segment_meets_box(XY a, XY b, const Envelope& box) noexcept;

// Do segments ab and cd meet? Conservative: true also when floating point cannot tell (an
// orientation within its rounding error bound), never false for segments that touch.
bool segments_may_meet(XY a, XY b, XY c, XY d) noexcept;

// How one set of rings (a polygon with holes, or several) lies towards another, decided only
// where it is certain: Contains when `inner` lies in the interior of `outer`, Disjoint when they
// share no point, else Unknown (crossing, touching, or too close to tell). Both in the
// locate_in_rings layout.
enum class RingsRelation { Unknown, Disjoint, Contains };
RingsRelation relate_rings(std::span<const XY> outer, std::span<const std::uint32_t> outer_ends,
                           std::span<const XY> inner, std::span<const std::uint32_t> inner_ends) noexcept;

}  // namespace geo
