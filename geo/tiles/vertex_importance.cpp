#include "geo/tiles/vertex_importance.hpp"

#include <limits>

namespace geo {
namespace {

// Squared distance from p to the segment a-b (to a when the segment is a point, as for a ring's
// first chord, whose ends coincide).
double squared_segment_distance(const XY& p, const XY& a, const XY& b) noexcept {
  double x = a.x, y = a.y;
  const double dx = b.x - a.x, dy = b.y - a.y;
  if (dx != 0 || dy != 0) {
    const double t = ((p.x - a.x) * dx + (p.y - a.y) * dy) / (dx * dx + dy * dy);
    if (t > 1) {
      x = b.x;
      y = b.y;
    } else if (t > 0) {
      x += dx * t;
      y += dy * t;
    }
  }
  const double ex = p.x - x, ey = p.y - y;
  return ex * ex + ey * ey;
}

}  // namespace

std::vector<double> dp_importance(std::span<const XY> line) {
  const std::size_t n = line.size();
  std::vector<double> out(n, 0.0);
  if (n == 0) return out;
  constexpr double kAlways = std::numeric_limits<double>::infinity();
  out.front() = kAlways;
  out.back() = kAlways;
  // An explicit stack of (first, last, parent importance): rings of 10^5 vertices would overflow
  // a recursion in the worst case.
  struct Range {
    std::size_t first, last;
    double cap;
  };
  std::vector<Range> stack{{0, n - 1, kAlways}};
  while (!stack.empty()) {
    const Range r = stack.back();
    stack.pop_back();
    if (r.last <= r.first + 1) continue;
    double farthest = -1;
    std::size_t index = r.first + 1;
    for (std::size_t i = r.first + 1; i < r.last; ++i) {
      const double d = squared_segment_distance(line[i], line[r.first], line[r.last]);
      if (d > farthest) {
        farthest = d;
        index = i;
      }
    }
    const double importance = farthest < r.cap ? farthest : r.cap;
    out[index] = importance;
    stack.push_back({r.first, index, importance});
    stack.push_back({index, r.last, importance});
  }
  return out;
}

}  // namespace geo
