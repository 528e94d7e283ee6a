#include "geo/planar.hpp"

#include <algorithm>
#include <cmath>

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

namespace {

// The orientation of c against ab, or 0 where its sign is within rounding error (Shewchuk's
// filter bound, doubled for margin).
double orientation(XY a, XY b, XY c) noexcept {
  const double left = (b.x - a.x) * (c.y - a.y);
  const double right = (b.y - a.y) * (c.x - a.x);
  const double det = left - right;
  return std::abs(det) <= 7e-16 * (std::abs(left) + std::abs(right)) ? 0.0 : det;
}

// Every edge of one ring set against every edge of the other.
bool boundaries_may_meet(std::span<const XY> a, std::span<const std::uint32_t> a_ends, std::span<const XY> b,
                         std::span<const std::uint32_t> b_ends) noexcept {
  std::uint32_t a_start = 0;
  for (const std::uint32_t a_end : a_ends) {
    for (std::uint32_t i = a_start + 1; i < a_end; ++i) {
      const Envelope edge{std::min(a[i - 1].x, a[i].x), std::min(a[i - 1].y, a[i].y), std::max(a[i - 1].x, a[i].x),
                          std::max(a[i - 1].y, a[i].y)};
      std::uint32_t b_start = 0;
      for (const std::uint32_t b_end : b_ends) {
        for (std::uint32_t j = b_start + 1; j < b_end; ++j) {
          if (std::max(b[j - 1].x, b[j].x) < edge.min_x || std::min(b[j - 1].x, b[j].x) > edge.max_x ||
              std::max(b[j - 1].y, b[j].y) < edge.min_y || std::min(b[j - 1].y, b[j].y) > edge.max_y) {
            continue;
          }
          if (segments_may_meet(a[i - 1], a[i], b[j - 1], b[j])) return true;
        }
        b_start = b_end;
      }
    }
    a_start = a_end;
  }
  return false;
}

// Where each ring of `rings` lies against `region`, given that no boundaries meet (so a ring lies
// wholly inside or wholly outside): by its first vertex.
bool every_ring_is(PointLocation where, std::span<const XY> rings, std::span<const std::uint32_t> ends,
                   std::span<const XY> region, std::span<const std::uint32_t> region_ends) noexcept {
  std::uint32_t start = 0;
  for (const std::uint32_t end : ends) {
    if (end > start && locate_in_rings(rings[start], region, region_ends) != where) return false;
    start = end;
  }
  return true;
}

}  // namespace

bool segments_may_meet(XY a, XY b, XY c, XY d) noexcept {
  const double o1 = orientation(a, b, c);
  const double o2 = orientation(a, b, d);
  const double o3 = orientation(c, d, a);
  const double o4 = orientation(c, d, b);
  if (o1 == 0.0 || o2 == 0.0 || o3 == 0.0 || o4 == 0.0) {
    // Collinear, touching, or too close to call: they may meet if their boxes do.
    return std::max(a.x, b.x) >= std::min(c.x, d.x) && std::max(c.x, d.x) >= std::min(a.x, b.x) &&
           std::max(a.y, b.y) >= std::min(c.y, d.y) && std::max(c.y, d.y) >= std::min(a.y, b.y);
  }
  return (o1 > 0) != (o2 > 0) && (o3 > 0) != (o4 > 0);
}

RingsRelation relate_rings(std::span<const XY> outer, std::span<const std::uint32_t> outer_ends,
                           std::span<const XY> inner, std::span<const std::uint32_t> inner_ends) noexcept {
  if (outer_ends.empty() || inner_ends.empty()) return RingsRelation::Unknown;
  if (boundaries_may_meet(outer, outer_ends, inner, inner_ends)) return RingsRelation::Unknown;
  // No boundary meets the other, so each ring lies wholly on one side of the other set.
  // Inside: every inner ring inside outer, and no outer ring (a hole, say) inside inner.
  if (every_ring_is(PointLocation::Inside, inner, inner_ends, outer, outer_ends) &&
      every_ring_is(PointLocation::Outside, outer, outer_ends, inner, inner_ends)) {
    return RingsRelation::Contains;
  }
  if (every_ring_is(PointLocation::Outside, inner, inner_ends, outer, outer_ends) &&
      every_ring_is(PointLocation::Outside, outer, outer_ends, inner, inner_ends)) {
    return RingsRelation::Disjoint;
  }
  return RingsRelation::Unknown;
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
