#include "geo/tiles/pixel_polygon.hpp"

#include <algorithm>
#include <array>
#include <cstdint>
#include <optional>
#include <vector>

namespace geo {
namespace {

using mvt::TilePoint;

std::int64_t cross(const TilePoint& o, const TilePoint& a, const TilePoint& b) noexcept {
  return (std::int64_t{a.x} - o.x) * (std::int64_t{b.y} - o.y) - (std::int64_t{a.y} - o.y) * (std::int64_t{b.x} - o.x);
}

int sign(std::int64_t v) noexcept {
  return (v > 0) - (v < 0);
}

// c lies within the bounding box of a-b (used once c is known to be collinear with them).
bool within_box(const TilePoint& a, const TilePoint& b, const TilePoint& c) noexcept {
  return std::min(a.x, b.x) <= c.x && c.x <= std::max(a.x, b.x) && std::min(a.y, b.y) <= c.y &&
         c.y <= std::max(a.y, b.y);
}

enum class Meeting : std::uint8_t { None, Touch, Cross, Overlap };

// How the closed segments a-b and c-d meet: not at all; at one point that is an end of either
// (`at` is set to it); crossing; or overlapping along a stretch (from `at` to `to`).
Meeting meeting(const TilePoint& a, const TilePoint& b, const TilePoint& c, const TilePoint& d, TilePoint& at,
                TilePoint& to) noexcept {
  const int o1 = sign(cross(a, b, c));
  const int o2 = sign(cross(a, b, d));
  const int o3 = sign(cross(c, d, a));
  const int o4 = sign(cross(c, d, b));
  if (o1 * o2 < 0 && o3 * o4 < 0) return Meeting::Cross;
  if (o1 == 0 && o2 == 0) {
    // Collinear: they meet in a stretch unless they only share an end.
    const bool along_x = a.x != b.x;
    const auto lo = [&](const TilePoint& p, const TilePoint& q) {
      return along_x ? std::min(p.x, q.x) : std::min(p.y, q.y);
    };
    const auto hi = [&](const TilePoint& p, const TilePoint& q) {
      return along_x ? std::max(p.x, q.x) : std::max(p.y, q.y);
    };
    const std::int32_t from = std::max(lo(a, b), lo(c, d));
    const std::int32_t until = std::min(hi(a, b), hi(c, d));
    if (from > until) return Meeting::None;
    if (from == until) {
      at = (a == c || a == d) ? a : b;
      return Meeting::Touch;
    }
    // The stretch's ends are ends of the segments.
    const auto end_at = [&](std::int32_t v) {
      for (const TilePoint* p : {&a, &b, &c, &d}) {
        if ((along_x ? p->x : p->y) == v) return *p;
      }
      return a;  // not reached
    };
    at = end_at(from);
    to = end_at(until);
    return Meeting::Overlap;
  }
  // An end of one segment on the other.
  const std::array<std::pair<bool, const TilePoint*>, 4> ends{{{o1 == 0 && within_box(a, b, c), &c},
                                                               {o2 == 0 && within_box(a, b, d), &d},
                                                               {o3 == 0 && within_box(c, d, a), &a},
                                                               {o4 == 0 && within_box(c, d, b), &b}}};
  for (const auto& [on, end] : ends) {
    if (on) {
      at = *end;
      return Meeting::Touch;
    }
  }
  return Meeting::None;
}

struct Ring {
  std::uint32_t begin, end;
  std::int32_t min_x, min_y, max_x, max_y;
  std::uint32_t polygon;  // index of its exterior ring in the ring list
  bool exterior;
  [[nodiscard]] bool box_contains(const Ring& o) const noexcept {
    return min_x <= o.min_x && o.max_x <= max_x && min_y <= o.min_y && o.max_y <= max_y;
  }
};

struct Edge {
  std::int32_t min_x, max_x, min_y, max_y;
  std::uint32_t first;   // index of its first vertex in the geometry's points
  std::uint32_t second;  // and of its second
  std::uint32_t ring;
};

// Sorts edges by their west end, ties in input order (stable): an LSD radix sort, 11 bits a pass,
// as many passes as the span of x needs (2 for a tile, 3 for a zoom's grid at z12).
void sort_by_west(std::vector<Edge>& edges, std::vector<Edge>& scratch) {
  if (edges.size() < 256) {
    std::stable_sort(edges.begin(), edges.end(), [](const Edge& a, const Edge& b) { return a.min_x < b.min_x; });
    return;
  }
  std::int32_t lo = edges.front().min_x, hi = lo;
  for (const Edge& e : edges) {
    lo = std::min(lo, e.min_x);
    hi = std::max(hi, e.min_x);
  }
  const auto span = static_cast<std::uint32_t>(std::int64_t{hi} - lo);
  scratch.resize(edges.size());
  constexpr std::uint32_t kBits = 11, kBuckets = 1U << kBits;
  std::array<std::uint32_t, kBuckets> count{};
  for (std::uint32_t shift = 0; shift < 32 && (span >> shift) != 0; shift += kBits) {
    count.fill(0);
    const auto digit = [&](const Edge& e) {
      return (static_cast<std::uint32_t>(e.min_x - lo) >> shift) & (kBuckets - 1);
    };
    for (const Edge& e : edges) ++count[digit(e)];
    std::uint32_t sum = 0;
    for (std::uint32_t& c : count) {
      const std::uint32_t n = c;
      c = sum;
      sum += n;
    }
    for (const Edge& e : edges) scratch[count[digit(e)]++] = e;
    edges.swap(scratch);
  }
}

// Two rings meeting at one point `at`, reached by an edge of each (first vertex indexes).
struct Touch {
  TilePoint at;
  std::uint32_t ring_a, ring_b;
  std::uint32_t edge_a, edge_b;
};

bool ordered(const TilePoint& p, const TilePoint& q) noexcept {
  return p.x != q.x ? p.x < q.x : p.y < q.y;
}

struct Direction {
  std::int64_t x, y;
};

std::int64_t cross(const Direction& u, const Direction& v) noexcept {
  return u.x * v.y - u.y * v.x;
}

// Whether w points strictly inside the angle swept counter-clockwise from u to v.
bool inside_angle(const Direction& u, const Direction& v, const Direction& w) noexcept {
  const std::int64_t uv = cross(u, v);
  if (uv > 0) return cross(u, w) > 0 && cross(w, v) > 0;
  if (uv < 0) return !(cross(v, w) >= 0 && cross(w, u) >= 0);
  return cross(u, w) > 0;  // u and v opposite (a straight line through the point)
}

bool along(const Direction& u, const Direction& w) noexcept {
  return cross(u, w) == 0 && u.x * w.x + u.y * w.y > 0;
}

// The two directions in which the ring leaves point `at` of its edge starting at `first`.
std::pair<Direction, Direction> directions_at(const TilePoint& at, std::uint32_t first, const Ring& ring,
                                              const std::vector<TilePoint>& pts) {
  const auto next = [&](std::uint32_t i) { return i + 1 < ring.end ? i + 1 : ring.begin; };
  const auto previous = [&](std::uint32_t i) { return i > ring.begin ? i - 1 : ring.end - 1; };
  const auto toward = [&](const TilePoint& p) { return Direction{std::int64_t{p.x} - at.x, std::int64_t{p.y} - at.y}; };
  std::uint32_t vertex = first;
  if (pts[next(first)] == at) vertex = next(first);
  if (pts[vertex] == at) return {toward(pts[previous(vertex)]), toward(pts[next(vertex)])};
  return {toward(pts[first]), toward(pts[next(first)])};  // `at` inside the edge
}

std::uint32_t find_root(std::vector<std::uint32_t>& parent, std::uint32_t i) {
  while (parent[i] != i) i = parent[i] = parent[parent[i]];
  return i;
}

// Rings that touch at points must not cross there, and the rings of one polygon must not touch
// in a cycle (a hole touching its exterior twice, or two holes touching each other and the
// exterior, cut the interior in two).
bool touches_are_harmless(std::vector<Touch>& touches, const std::vector<Ring>& rings,
                          const std::vector<TilePoint>& pts) {
  std::sort(touches.begin(), touches.end(), [](const Touch& a, const Touch& b) {
    if (!(a.at == b.at)) return ordered(a.at, b.at);
    return a.ring_a != b.ring_a ? a.ring_a < b.ring_a : a.ring_b < b.ring_b;
  });
  touches.erase(std::unique(touches.begin(), touches.end(),
                            [](const Touch& a, const Touch& b) {
                              return a.at == b.at && a.ring_a == b.ring_a && a.ring_b == b.ring_b;
                            }),
                touches.end());
  std::vector<std::uint32_t> parent(rings.size());
  for (std::uint32_t i = 0; i < parent.size(); ++i) parent[i] = i;
  for (const Touch& t : touches) {
    const auto [u, v] = directions_at(t.at, t.edge_a, rings[t.ring_a], pts);
    const auto [w1, w2] = directions_at(t.at, t.edge_b, rings[t.ring_b], pts);
    if (along(u, w1) || along(u, w2) || along(v, w1) || along(v, w2)) return false;
    if (inside_angle(u, v, w1) != inside_angle(u, v, w2)) return false;  // they cross there
    if (rings[t.ring_a].polygon != rings[t.ring_b].polygon) continue;
    const std::uint32_t a = find_root(parent, t.ring_a);
    const std::uint32_t b = find_root(parent, t.ring_b);
    if (a == b) return false;
    parent[a] = b;
  }
  return true;
}

}  // namespace

void remove_spikes(std::vector<TilePoint>& ring, double width) {
  std::size_t n = 0;
  const double width2 = width * width;
  const auto folds = [width2](const TilePoint& a, const TilePoint& b, const TilePoint& c) {
    // b is the tip of a spike (or a repeat): the ring goes out to it and back along (nearly) the
    // same line; the end nearer to b lies within `width` of the line through the other edge.
    if (a == b || b == c) return true;
    const std::int64_t ux = std::int64_t{a.x} - b.x, uy = std::int64_t{a.y} - b.y;
    const std::int64_t vx = std::int64_t{c.x} - b.x, vy = std::int64_t{c.y} - b.y;
    if (ux * vx + uy * vy <= 0) return false;  // not turning back
    const std::int64_t area2 = ux * vy - uy * vx;
    if (area2 == 0) return true;
    if (width2 == 0) return false;
    const auto longer2 = static_cast<double>(std::max(ux * ux + uy * uy, vx * vx + vy * vy));
    const auto a2 = static_cast<double>(area2);
    return a2 * a2 <= width2 * longer2;
  };
  for (const TilePoint& p : ring) {
    while (n >= 1 && ring[n - 1] == p) --n;
    while (n >= 2 && folds(ring[n - 2], ring[n - 1], p)) --n;
    ring[n++] = p;
  }
  ring.resize(n);
  // Around the closing vertex, the same from both ends.
  bool changed = true;
  while (changed && ring.size() >= 3) {
    changed = false;
    const std::size_t m = ring.size();
    if (ring[m - 1] == ring[0] || folds(ring[m - 2], ring[m - 1], ring[0])) {
      ring.pop_back();
      changed = true;
    } else if (folds(ring[m - 1], ring[0], ring[1])) {
      ring.erase(ring.begin());
      changed = true;
    }
  }
  if (ring.size() < 3) ring.clear();
}

namespace {

// A point in doubled coordinates (twice a grid point, or the sum of an edge's ends: its midpoint).
struct TilePoint2 {
  std::int64_t x, y;
};

bool inside_ring_doubled(const TilePoint2& p, std::span<const TilePoint> ring) noexcept {
  bool inside = false;
  for (std::size_t i = 0, n = ring.size(), j = n - 1; i < n; j = i++) {
    if (crosses_ray_east(ring[j], ring[i], p.x, p.y)) inside = !inside;
  }
  return inside;
}

}  // namespace

Location locate(TilePoint p, std::span<const TilePoint> ring) noexcept {
  bool inside = false;
  for (std::size_t i = 0, n = ring.size(), j = n - 1; i < n; j = i++) {
    if (cross(ring[j], ring[i], p) == 0 && within_box(ring[j], ring[i], p)) return Location::Boundary;
    if (crosses_ray_east(ring[j], ring[i], 2 * std::int64_t{p.x}, 2 * std::int64_t{p.y})) inside = !inside;
  }
  return inside ? Location::Inside : Location::Outside;
}

bool ring_inside(std::span<const TilePoint> inner, std::span<const TilePoint> outer) noexcept {
  for (const TilePoint& v : inner) {
    const Location where = locate(v, outer);
    if (where != Location::Boundary) return where == Location::Inside;
  }
  return false;
}

bool inside_ring(TilePoint p, std::span<const TilePoint> ring) noexcept {
  return inside_ring_doubled({2 * std::int64_t{p.x}, 2 * std::int64_t{p.y}}, ring);
}

namespace {

// The rings of a polygon geometry with their boxes and roles; false when a ring has < 3 vertices
// or no area, or a hole comes before any exterior.
bool parse_rings(const mvt::TileGeometry& polygon, std::vector<Ring>& rings) {
  const auto& pts = polygon.points;
  rings.reserve(polygon.part_ends.size());
  std::uint32_t begin = 0;
  for (const std::uint32_t end : polygon.part_ends) {
    if (end < begin + 3) return false;
    const std::span<const TilePoint> ring(pts.data() + begin, end - begin);
    const std::int64_t area2 = mvt::ring_area2(ring);
    if (area2 == 0) return false;
    Ring r{begin, end, ring[0].x, ring[0].y, ring[0].x, ring[0].y, 0, area2 > 0};
    for (const TilePoint& p : ring) {
      r.min_x = std::min(r.min_x, p.x);
      r.min_y = std::min(r.min_y, p.y);
      r.max_x = std::max(r.max_x, p.x);
      r.max_y = std::max(r.max_y, p.y);
    }
    if (r.exterior) {
      r.polygon = static_cast<std::uint32_t>(rings.size());
    } else {
      if (rings.empty()) return false;  // a hole before any exterior
      r.polygon = rings.back().polygon;
    }
    rings.push_back(r);
    begin = end;
  }
  return true;
}

// Compares every pair of edges whose boxes overlap (sorted by their west end, each against the
// later ones that start before it ends). False at a zero-length edge, a fold between consecutive
// edges (a spike), a crossing or an overlap; points where two rings meet go to `touches`, points
// where a ring meets itself to `self_touches` (or false, when that is null).
bool sweep(const std::vector<TilePoint>& pts, const std::vector<Ring>& rings, std::vector<Touch>& touches,
           std::vector<Touch>* self_touches) {
  std::vector<Edge> edges;
  edges.reserve(pts.size());
  for (std::uint32_t k = 0; k < rings.size(); ++k) {
    const Ring& r = rings[k];
    for (std::uint32_t i = r.begin; i < r.end; ++i) {
      const std::uint32_t j = i + 1 < r.end ? i + 1 : r.begin;
      const TilePoint& a = pts[i];
      const TilePoint& b = pts[j];
      if (a == b) return false;
      edges.push_back({std::min(a.x, b.x), std::max(a.x, b.x), std::min(a.y, b.y), std::max(a.y, b.y), i, j, k});
    }
  }
  std::vector<Edge> scratch;
  sort_by_west(edges, scratch);
  for (std::size_t i = 0; i < edges.size(); ++i) {
    const Edge& e = edges[i];
    const TilePoint& a = pts[e.first];
    const TilePoint& b = pts[e.second];
    for (std::size_t j = i + 1; j < edges.size() && edges[j].min_x <= e.max_x; ++j) {
      const Edge& f = edges[j];
      if (f.min_y > e.max_y || f.max_y < e.min_y) continue;
      const TilePoint& c = pts[f.first];
      const TilePoint& d = pts[f.second];
      if (e.second == f.first || f.second == e.first) {
        // Consecutive edges share one vertex; they must not fold back over each other (a spike).
        const bool e_first = e.second == f.first;
        const TilePoint& shared = e_first ? b : a;
        const TilePoint& before = e_first ? a : c;
        const TilePoint& after = e_first ? d : b;
        if (cross(shared, before, after) == 0 &&
            (std::int64_t{before.x} - shared.x) * (std::int64_t{after.x} - shared.x) +
                    (std::int64_t{before.y} - shared.y) * (std::int64_t{after.y} - shared.y) >
                0) {
          return false;
        }
        continue;
      }
      TilePoint at, to;
      const Meeting m = meeting(a, b, c, d, at, to);
      if (m == Meeting::None) continue;
      if (m == Meeting::Cross) return false;
      const auto touch = [&](const TilePoint& p) {
        return e.ring < f.ring || (e.ring == f.ring && e.first < f.first) ? Touch{p, e.ring, f.ring, e.first, f.first}
                                                                          : Touch{p, f.ring, e.ring, f.first, e.first};
      };
      if (m == Meeting::Overlap) {
        // A ring running back over itself (as a clip's closing walk along the tile's edge over a
        // piece that runs along it too) can be cut out there: a pinch at each end of the stretch.
        const bool opposite = (std::int64_t{b.x} - a.x) * (std::int64_t{d.x} - c.x) +
                                  (std::int64_t{b.y} - a.y) * (std::int64_t{d.y} - c.y) <
                              0;
        if (e.ring != f.ring || self_touches == nullptr || !opposite) return false;
        self_touches->push_back(touch(at));
        self_touches->push_back(touch(to));
      } else if (e.ring != f.ring) {
        touches.push_back(touch(at));
      } else if (self_touches != nullptr) {
        self_touches->push_back(touch(at));
      } else {
        return false;  // a ring may not touch itself
      }
    }
  }
  return true;
}

}  // namespace

bool is_strictly_valid(const mvt::TileGeometry& polygon, bool* touching_rings) {
  const auto& pts = polygon.points;
  std::vector<Ring> rings;
  if (!parse_rings(polygon, rings)) return false;
  std::vector<Touch> touches;  // where two rings meet at a point
  if (!sweep(pts, rings, touches, nullptr)) return false;
  if (!touches.empty() && !touches_are_harmless(touches, rings, pts)) return false;
  if (touching_rings != nullptr) *touching_rings = !touches.empty();
  std::vector<TilePoint> touch_points;
  touch_points.reserve(touches.size());
  for (const Touch& t : touches) touch_points.push_back(t.at);
  std::sort(touch_points.begin(), touch_points.end(), ordered);
  const auto touching = [&](const TilePoint& p) {
    return std::binary_search(touch_points.begin(), touch_points.end(), p, ordered);
  };

  // Rings meet at most at points where they touch, so each lies wholly inside or outside another:
  // one point of it elsewhere tells which. Probes are in doubled coordinates, so that an edge's
  // midpoint can serve when every vertex is a touch point.
  const auto doubled = [](const TilePoint& p) { return TilePoint2{2 * std::int64_t{p.x}, 2 * std::int64_t{p.y}}; };
  const auto free_point = [&](const TilePoint2& q) {
    return q.x % 2 != 0 || q.y % 2 != 0 || touch_points.empty() ||
           !touching({static_cast<std::int32_t>(q.x / 2), static_cast<std::int32_t>(q.y / 2)});
  };
  const auto span_of = [&](const Ring& r) { return std::span<const TilePoint>(pts.data() + r.begin, r.end - r.begin); };
  const auto in = [&](const TilePoint2& probe, const Ring& r) { return inside_ring_doubled(probe, span_of(r)); };
  for (std::size_t k = 0; k < rings.size(); ++k) {
    const Ring& r = rings[k];
    std::optional<TilePoint2> probe;
    for (std::uint32_t i = r.begin; i < r.end && !probe; ++i) {
      if (free_point(doubled(pts[i]))) probe = doubled(pts[i]);
    }
    for (std::uint32_t i = r.begin; i < r.end && !probe; ++i) {
      const TilePoint& a = pts[i];
      const TilePoint& b = pts[i + 1 < r.end ? i + 1 : r.begin];
      const TilePoint2 mid{std::int64_t{a.x} + b.x, std::int64_t{a.y} + b.y};
      if (free_point(mid)) probe = mid;
    }
    if (!probe) return false;
    if (!r.exterior) {
      const Ring& shell = rings[r.polygon];
      if (!shell.box_contains(r) || !in(*probe, shell)) return false;
    }
    for (std::size_t other = 0; other < rings.size(); ++other) {
      const Ring& o = rings[other];
      if (other == k || !o.box_contains(r) || !in(*probe, o)) continue;
      if (!r.exterior && !o.exterior && o.polygon == r.polygon) return false;  // a hole in a hole
      if (r.exterior && o.exterior) {
        // A part inside another part: only on an island in one of its holes.
        bool in_hole = false;
        for (std::size_t h = other + 1; h < rings.size() && !rings[h].exterior && !in_hole; ++h) {
          in_hole = rings[h].box_contains(r) && in(*probe, rings[h]);
        }
        if (!in_hole) return false;
      }
    }
  }
  return true;
}

bool split_pinches(mvt::TileGeometry& polygon) {
  const auto& pts = polygon.points;
  std::vector<Ring> rings;
  if (!parse_rings(polygon, rings)) return false;
  std::vector<Touch> touches, self;
  if (!sweep(pts, rings, touches, &self) || self.empty()) return false;

  // Where each ring touches itself, and the points to add to the edges they lie inside, so that
  // every pinch is a repeated vertex.
  std::vector<std::vector<TilePoint>> pinches(rings.size());
  struct Insert {
    std::uint32_t edge;  // first vertex
    std::int64_t along;  // squared distance from it
    TilePoint at;
  };
  std::vector<Insert> inserts;
  for (const Touch& t : self) {
    const Ring& ring = rings[t.ring_a];
    pinches[t.ring_a].push_back(t.at);
    for (const std::uint32_t edge : {t.edge_a, t.edge_b}) {
      const TilePoint& a = pts[edge];
      const TilePoint& b = pts[edge + 1 < ring.end ? edge + 1 : ring.begin];
      if (t.at == a || t.at == b) continue;
      const std::int64_t dx = std::int64_t{t.at.x} - a.x, dy = std::int64_t{t.at.y} - a.y;
      inserts.push_back({edge, dx * dx + dy * dy, t.at});
    }
  }
  std::sort(inserts.begin(), inserts.end(),
            [](const Insert& a, const Insert& b) { return a.edge != b.edge ? a.edge < b.edge : a.along < b.along; });

  std::vector<PixelRing> exteriors, holes;
  const auto emit = [&](std::vector<TilePoint> points, bool from_exterior) {
    remove_spikes(points);
    if (points.size() < 3) return;
    const std::int64_t area2 = mvt::ring_area2(points);
    if (area2 == 0) return;
    // Turning the same way as its ring: the same role; the other way: the other role.
    ((area2 > 0) == from_exterior ? (from_exterior ? exteriors : holes) : (from_exterior ? holes : exteriors))
        .push_back({std::move(points), area2});
  };
  auto insert = inserts.begin();
  for (std::size_t k = 0; k < rings.size(); ++k) {
    const Ring& r = rings[k];
    std::vector<TilePoint> ring;
    ring.reserve(r.end - r.begin);
    for (std::uint32_t i = r.begin; i < r.end; ++i) {
      ring.push_back(pts[i]);
      for (; insert != inserts.end() && insert->edge == i; ++insert) {
        if (!(ring.back() == insert->at)) ring.push_back(insert->at);
      }
    }
    auto& at = pinches[k];
    std::sort(at.begin(), at.end(), ordered);
    at.erase(std::unique(at.begin(), at.end()), at.end());
    if (at.empty()) {
      emit(std::move(ring), r.exterior);
      continue;
    }
    // Walk the ring with a stack; coming back to a pinch point still on it closes a loop.
    std::vector<TilePoint> stack;
    std::vector<std::pair<TilePoint, std::size_t>> open;  // pinch points on the stack, and where
    for (const TilePoint& p : ring) {
      if (!std::binary_search(at.begin(), at.end(), p, ordered)) {
        stack.push_back(p);
        continue;
      }
      const auto seen = std::find_if(open.begin(), open.end(), [&](const auto& o) { return o.first == p; });
      if (seen == open.end()) {
        open.emplace_back(p, stack.size());
        stack.push_back(p);
        continue;
      }
      const std::size_t from = seen->second;
      emit(std::vector<TilePoint>(stack.begin() + static_cast<std::ptrdiff_t>(from), stack.end()), r.exterior);
      stack.resize(from + 1);
      std::erase_if(open, [&](const auto& o) { return o.second > from; });
    }
    emit(std::move(stack), r.exterior);
  }
  if (exteriors.empty()) return false;

  std::optional<mvt::TileGeometry> out = assemble_polygon(exteriors, holes);
  if (!out) return false;
  polygon = std::move(*out);
  return true;
}

std::optional<mvt::TileGeometry> assemble_polygon(const std::vector<PixelRing>& exteriors,
                                                  const std::vector<PixelRing>& holes) {
  std::vector<std::vector<std::size_t>> holes_of(exteriors.size());
  for (std::size_t h = 0; h < holes.size(); ++h) {
    std::size_t best = exteriors.size();
    for (std::size_t e = 0; e < exteriors.size(); ++e) {
      if (!ring_inside(holes[h].points, exteriors[e].points)) continue;
      if (best == exteriors.size() || exteriors[e].area2 < exteriors[best].area2) best = e;
    }
    if (best == exteriors.size()) return std::nullopt;
    holes_of[best].push_back(h);
  }
  mvt::TileGeometry out;
  out.type = mvt::GeomType::Polygon;
  const auto append = [&out](const PixelRing& ring) {
    out.points.insert(out.points.end(), ring.points.begin(), ring.points.end());
    out.part_ends.push_back(static_cast<std::uint32_t>(out.points.size()));
  };
  for (std::size_t e = 0; e < exteriors.size(); ++e) {
    append(exteriors[e]);
    for (const std::size_t h : holes_of[e]) append(holes[h]);
  }
  return out;
}

}  // namespace geo
