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
      // On the edge: collinear (exact zero cross product) and within the segment's box.
      const double cross = (b.x - a.x) * (p.y - a.y) - (b.y - a.y) * (p.x - a.x);
      if (cross == 0.0 && p.x >= std::min(a.x, b.x) && p.x <= std::max(a.x, b.x) && p.y >= std::min(a.y, b.y) &&
          p.y <= std::max(a.y, b.y)) {
        return PointLocation::Boundary;
      }
      // Half-open rule on y so a vertex is counted once.
      if ((a.y > p.y) != (b.y > p.y)) {
        // The sign of `cross` tells which side of ab the point is on; combined with the edge
        // direction it decides whether the rightward ray crosses the edge, with no division.
        if ((cross > 0) == (b.y > a.y)) inside = !inside;
      }
    }
    start = end;
  }
  return inside ? PointLocation::Inside : PointLocation::Outside;
}

double segment_distance_squared(XY p, XY a, XY b, double sx, double sy, double& t) noexcept {
  const double ax = a.x * sx;
  const double ay = a.y * sy;
  const double dx = b.x * sx - ax;
  const double dy = b.y * sy - ay;
  const double px = p.x * sx - ax;
  const double py = p.y * sy - ay;
  const double length2 = dx * dx + dy * dy;
  t = length2 > 0 ? std::clamp((px * dx + py * dy) / length2, 0.0, 1.0) : 0.0;
  const double ex = px - t * dx;
  const double ey = py - t * dy;
  return ex * ex + ey * ey;
}

}  // namespace geo
