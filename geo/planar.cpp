#include "geo/planar.hpp"

#include <algorithm>

namespace geo {

PointLocation locate_in_rings(XY p, std::span<const XY> vertices, std::span<const std::uint32_t> ring_ends) noexcept {
  bool inside = false;
  std::uint32_t start = 0;
  for (const std::uint32_t end : ring_ends) {
    for (std::uint32_t i = start + 1; i < end; ++i) {
      const XY a = vertices[i - 1];
      const XY b = vertices[i];
      const bool a_above = a.y > p.y;
      if (a_above == (b.y > p.y)) {
        // Not crossing the point's horizontal (half-open rule on y, so a vertex counts once).
        // It can still hold the point only if its top end is level with it (both ends above: no).
        if (a_above || std::max(a.y, b.y) != p.y) continue;
        const double cross = (b.x - a.x) * (p.y - a.y) - (b.y - a.y) * (p.x - a.x);
        if (cross == 0.0 && p.x >= std::min(a.x, b.x) && p.x <= std::max(a.x, b.x)) return PointLocation::Boundary;
        continue;
      }
      // Crossing it: the sign of the cross product tells which side of ab the point is on, and
      // with the edge's direction whether the rightward ray crosses the edge (no division). Zero:
      // the point is on the edge's line within its y-range, so on the edge.
      const double cross = (b.x - a.x) * (p.y - a.y) - (b.y - a.y) * (p.x - a.x);
      if (cross == 0.0) return PointLocation::Boundary;
      if ((cross > 0) == (b.y > a.y)) inside = !inside;
    }
    start = end;
  }
  return inside ? PointLocation::Inside : PointLocation::Outside;
}

namespace {

double point_box_distance_squared(XY p, const Envelope& box, double sx, double sy) noexcept {
  const double dx = std::max({box.min_x - p.x, 0.0, p.x - box.max_x}) * sx;
  const double dy = std::max({box.min_y - p.y, 0.0, p.y - box.max_y}) * sy;
  return dx * dx + dy * dy;
}

}  // namespace

bool segment_meets_box(XY a, XY b, const Envelope& box) noexcept {
  double t0 = 0.0;
  double t1 = 1.0;
  const double dx = b.x - a.x;
  const double dy = b.y - a.y;
  auto clip = [&](double p, double q) {  // the part where p * t <= q
    if (p == 0.0) return q >= 0.0;
    const double r = q / p;
    if (p < 0.0) {
      if (r > t1) return false;
      t0 = std::max(t0, r);
    } else {
      if (r < t0) return false;
      t1 = std::min(t1, r);
    }
    return true;
  };
  return clip(-dx, a.x - box.min_x) && clip(dx, box.max_x - a.x) && clip(-dy, a.y - box.min_y) &&
         clip(dy, box.max_y - a.y) && t0 <= t1;
}

double segment_box_distance_squared(XY a, XY b, const Envelope& box, double sx, double sy) noexcept {
  if (segment_meets_box(a, b, box)) return 0.0;
  // Two disjoint convex shapes are closest between a vertex of one and the other shape.
  double t = 0;
  return std::min({point_box_distance_squared(a, box, sx, sy), point_box_distance_squared(b, box, sx, sy),
                   segment_distance_squared({box.min_x, box.min_y}, a, b, sx, sy, t),
                   segment_distance_squared({box.max_x, box.min_y}, a, b, sx, sy, t),
                   segment_distance_squared({box.max_x, box.max_y}, a, b, sx, sy, t),
                   segment_distance_squared({box.min_x, box.max_y}, a, b, sx, sy, t)});
}

}  // namespace geo
