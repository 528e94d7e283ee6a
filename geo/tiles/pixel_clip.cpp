#include "geo/tiles/pixel_clip.hpp"

#include "geo/tiles/pixel_polygon.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>

namespace geo {

using mvt::TilePoint;

void PixelBox::expand(TilePoint p) noexcept {
  if (empty()) {
    min_x = max_x = p.x;
    min_y = max_y = p.y;
    return;
  }
  min_x = std::min(min_x, p.x);
  min_y = std::min(min_y, p.y);
  max_x = std::max(max_x, p.x);
  max_y = std::max(max_y, p.y);
}

PixelShape::PixelShape(mvt::TileGeometry geometry) : geometry_(std::move(geometry)) {
  const auto& points = geometry_.points;
  const bool rings = geometry_.type == mvt::GeomType::Polygon;
  const bool lines = geometry_.type == mvt::GeomType::LineString;
  std::uint32_t begin = 0;
  for (const std::uint32_t end : geometry_.part_ends) {
    const std::uint32_t n = end - begin;
    PixelBox part_box;
    for (std::uint32_t v = begin; v < end; ++v) part_box.expand(points[v]);
    const std::uint32_t edges = rings ? n : (lines && n > 0 ? n - 1 : 0);
    const auto first_chunk = static_cast<std::uint32_t>(chunks_.size());
    for (std::uint32_t e0 = 0; e0 < edges; e0 += kChunkEdges) {
      const std::uint32_t e1 = std::min(e0 + kChunkEdges, edges);
      PixelBox chunk;
      for (std::uint32_t v = e0; v <= e1; ++v) chunk.expand(points[begin + (v == n ? 0 : v)]);
      chunks_.push_back(chunk);
    }
    chunk_ends_.push_back(static_cast<std::uint32_t>(chunks_.size()));
    for (std::uint32_t c0 = first_chunk; c0 < chunks_.size(); c0 += kChunkEdges) {
      PixelBox block;
      for (std::uint32_t c = c0; c < std::min<std::size_t>(c0 + kChunkEdges, chunks_.size()); ++c) {
        block.expand({chunks_[c].min_x, chunks_[c].min_y});
        block.expand({chunks_[c].max_x, chunks_[c].max_y});
      }
      blocks_.push_back(block);
    }
    block_ends_.push_back(static_cast<std::uint32_t>(blocks_.size()));
    part_boxes_.push_back(part_box);
    exterior_.push_back(rings && mvt::ring_area2({points.data() + begin, n}) > 0);
    if (!part_box.empty()) {
      box_.expand({part_box.min_x, part_box.min_y});
      box_.expand({part_box.max_x, part_box.max_y});
    }
    begin = end;
  }
}

std::span<const TilePoint> PixelShape::part(std::size_t i) const noexcept {
  const std::uint32_t begin = i == 0 ? 0 : geometry_.part_ends[i - 1];
  return {geometry_.points.data() + begin, geometry_.part_ends[i] - begin};
}

std::span<const PixelBox> PixelShape::chunks(std::size_t i) const noexcept {
  const std::uint32_t begin = i == 0 ? 0 : chunk_ends_[i - 1];
  return {chunks_.data() + begin, chunk_ends_[i] - begin};
}

std::span<const PixelBox> PixelShape::blocks(std::size_t i) const noexcept {
  const std::uint32_t begin = i == 0 ? 0 : block_ends_[i - 1];
  return {blocks_.data() + begin, block_ends_[i] - begin};
}

bool inside_part(const PixelShape& shape, std::size_t part, std::int64_t x2, std::int64_t y2) noexcept {
  const auto ring = shape.part(part);
  const auto chunks = shape.chunks(part);
  const auto blocks = shape.blocks(part);
  const std::size_t n = ring.size();
  // No edge of a run whose box does not straddle the horizontal through the point, or lies all
  // west of it, can cross the ray eastwards.
  const auto missed = [&](const PixelBox& b) {
    return 2 * std::int64_t{b.max_y} <= y2 || 2 * std::int64_t{b.min_y} > y2 || 2 * std::int64_t{b.max_x} < x2;
  };
  bool inside = false;
  for (std::size_t block = 0; block < blocks.size(); ++block) {
    if (missed(blocks[block])) continue;
    const std::size_t last_chunk = std::min<std::size_t>((block + 1) * PixelShape::kChunkEdges, chunks.size());
    for (std::size_t k = block * PixelShape::kChunkEdges; k < last_chunk; ++k) {
      if (missed(chunks[k])) continue;
      const std::size_t e1 = std::min<std::size_t>((k + 1) * PixelShape::kChunkEdges, n);
      for (std::size_t e = k * PixelShape::kChunkEdges; e < e1; ++e) {
        if (crosses_ray_east(ring[e], ring[e + 1 == n ? 0 : e + 1], x2, y2)) inside = !inside;
      }
    }
  }
  return inside;
}

namespace {

enum Side : int { kNone = -1, kBottom = 0, kRight = 1, kTop = 2, kLeft = 3 };

// The clip rectangle, with positions along its boundary counter-clockwise (in the y-up sense of
// the surveyor's formula, for which exteriors are positive) from (x0, y0): the direction that keeps
// the rectangle's inside on the left, like a ring's interior.
struct Rect {
  explicit Rect(const PixelBox& b)
      : box(b), x0(b.min_x), y0(b.min_y), x1(b.max_x), y1(b.max_y), w(x1 - x0), h(y1 - y0), perimeter(2 * (w + h)) {}
  PixelBox box;
  double x0, y0, x1, y1, w, h, perimeter;
  [[nodiscard]] std::array<double, 4> corner_positions() const { return {0, w, w + h, 2 * w + h}; }
  [[nodiscard]] std::array<TilePoint, 4> corners() const {
    return {TilePoint{box.min_x, box.min_y}, TilePoint{box.max_x, box.min_y}, TilePoint{box.max_x, box.max_y},
            TilePoint{box.min_x, box.max_y}};
  }
};

struct BoundaryPoint {
  double x = 0, y = 0;  // exact up to floating point: orders points along the boundary
  double s = 0;         // position along the boundary
  TilePoint grid;       // rounded to the grid (half away from zero), in exact integer arithmetic
  bool on_grid = true;  // the point was a grid point: no rounding
};

// Liang–Barsky: the parameter range [t0, t1] of p + t (q - p) inside the closed rectangle, and the
// sides that bound it (kNone where an end of the segment bounds it).
struct Cut {
  double t0 = 0, t1 = 1;
  Side side0 = kNone, side1 = kNone;
};

bool cut_segment(TilePoint p, TilePoint q, const Rect& r, Cut& cut) {
  const double dx = static_cast<double>(q.x) - p.x;
  const double dy = static_cast<double>(q.y) - p.y;
  const std::array<double, 4> pk = {-dy, dx, dy, -dx};
  const std::array<double, 4> qk = {p.y - r.y0, r.x1 - p.x, r.y1 - p.y, p.x - r.x0};
  for (int k = 0; k < 4; ++k) {
    if (pk[k] == 0) {
      if (qk[k] < 0) return false;
      continue;
    }
    const double t = qk[k] / pk[k];
    if (pk[k] < 0) {
      if (t > cut.t1) return false;
      if (t > cut.t0) {
        cut.t0 = t;
        cut.side0 = static_cast<Side>(k);
      }
    } else {
      if (t < cut.t0) return false;
      if (t < cut.t1) {
        cut.t1 = t;
        cut.side1 = static_cast<Side>(k);
      }
    }
  }
  return true;
}

// num / den rounded half away from zero (den ≠ 0).
std::int64_t rounded_quotient(std::int64_t num, std::int64_t den) {
  if (den < 0) {
    num = -num;
    den = -den;
  }
  return num >= 0 ? (2 * num + den) / (2 * den) : -((2 * -num + den) / (2 * den));
}

// The point where p-q meets `side`, with that coordinate exactly the side's; the other one is
// p's plus a quotient of integers, rounded exactly for the grid and approximately for ordering.
BoundaryPoint on_side(TilePoint p, TilePoint q, Side side, const Rect& r) {
  const std::int64_t dx = std::int64_t{q.x} - p.x;
  const std::int64_t dy = std::int64_t{q.y} - p.y;
  BoundaryPoint out;
  const bool horizontal = side == kBottom || side == kTop;
  // Along the side: fixed = the side's coordinate; the other = from + num / den.
  const std::int32_t fixed =
      horizontal ? (side == kBottom ? r.box.min_y : r.box.max_y) : (side == kRight ? r.box.max_x : r.box.min_x);
  const std::int64_t from = horizontal ? p.x : p.y;
  const std::int64_t num = (fixed - std::int64_t{horizontal ? p.y : p.x}) * (horizontal ? dx : dy);
  const std::int64_t den = horizontal ? dy : dx;
  const std::int32_t low = horizontal ? r.box.min_x : r.box.min_y;
  const std::int32_t high = horizontal ? r.box.max_x : r.box.max_y;
  const auto other_grid =
      static_cast<std::int32_t>(std::clamp<std::int64_t>(from + rounded_quotient(num, den), low, high));
  const double other = std::clamp(static_cast<double>(from) + static_cast<double>(num) / static_cast<double>(den),
                                  static_cast<double>(low), static_cast<double>(high));
  out.on_grid = num % den == 0;
  if (horizontal) {
    out.x = other;
    out.y = fixed;
    out.grid = {other_grid, fixed};
  } else {
    out.x = fixed;
    out.y = other;
    out.grid = {fixed, other_grid};
  }
  switch (side) {
    case kBottom: out.s = out.x - r.x0; break;
    case kRight: out.s = r.w + (out.y - r.y0); break;
    case kTop: out.s = r.w + r.h + (r.x1 - out.x); break;
    default: out.s = 2 * r.w + r.h + (r.y1 - out.y); break;
  }
  if (out.s >= r.perimeter) out.s -= r.perimeter;
  return out;
}

TilePoint shifted(TilePoint p, TilePoint origin) {
  return {p.x - origin.x, p.y - origin.y};
}

// Appends to a run of tile points, dropping repeats.
void push(std::vector<TilePoint>& out, TilePoint p) {
  if (out.empty() || !(out.back() == p)) out.push_back(p);
}

// One stretch of a ring or line inside the rectangle: entered at `entry`, left at `exit`, with the
// grid vertices in between (`inner`, a range of PolygonClipper::inner_).
struct Piece {
  BoundaryPoint entry, exit;
  std::uint32_t begin = 0, end = 0;
  bool has_entry = true, has_exit = true;  // lines may start or end inside
};

// The boxes of a part's runs of edges, both sizes.
struct Runs {
  std::span<const PixelBox> chunks, blocks;
};

// Walks parts of a shape edge by edge, skipping runs of edges whose box misses the rectangle, and
// collects the pieces inside it.
class Tracer {
 public:
  explicit Tracer(const Rect& rect) : r_(rect) {}

  // A ring that has a vertex strictly outside the rectangle: the walk starts there, so every piece
  // is entered and left. Pieces that only touch the boundary at one point are dropped.
  void trace_ring(std::span<const TilePoint> ring, const Runs& runs) {
    const std::size_t n = ring.size();
    const std::size_t start = first_outside(ring, runs.chunks);
    if (start == n) return;
    walk(ring, runs, start, n, true);
  }

  void trace_line(std::span<const TilePoint> line, const Runs& runs) {
    if (line.size() < 2) return;
    if (r_.box.contains(line[0])) {
      if (!strictly_inside(line[0])) exact_ = false;
      current_ = Piece{};
      current_.has_entry = false;
      current_.begin = static_cast<std::uint32_t>(inner_.size());
      inner_.push_back(line[0]);
      open_ = true;
    }
    walk(line, runs, 0, line.size() - 1, false);
    if (open_) {
      current_.has_exit = false;
      current_.end = static_cast<std::uint32_t>(inner_.size());
      pieces_.push_back(current_);
      open_ = false;
    }
  }

  [[nodiscard]] const std::vector<Piece>& pieces() const noexcept { return pieces_; }
  // An edge met the boundary where the arithmetic could not say on which side (never seen; kept
  // so that such a clip goes the exact way instead of guessing).
  [[nodiscard]] bool failed() const noexcept { return failed_; }
  // Every crossing with the boundary was at a grid point, and every vertex kept lies strictly
  // inside: nothing was rounded, and the pieces meet the boundary only at their ends.
  [[nodiscard]] bool exact() const noexcept { return exact_; }
  [[nodiscard]] std::span<const TilePoint> inner(const Piece& piece) const noexcept {
    return {inner_.data() + piece.begin, piece.end - piece.begin};
  }

 private:
  std::size_t first_outside(std::span<const TilePoint> ring, std::span<const PixelBox> chunks) const {
    const std::size_t n = ring.size();
    for (std::size_t k = 0; k < chunks.size(); ++k) {
      if (r_.box.contains(chunks[k])) continue;
      const std::size_t e1 = std::min<std::size_t>((k + 1) * PixelShape::kChunkEdges, n - 1);
      for (std::size_t v = k * PixelShape::kChunkEdges; v <= e1; ++v) {
        if (!r_.box.contains(ring[v])) return v;
      }
    }
    return n;
  }

  // Edges start, start + 1, ... (count of them; indexes wrap for rings).
  void walk(std::span<const TilePoint> part, const Runs& runs, std::size_t start, std::size_t count, bool ring) {
    const std::size_t n = part.size();
    const std::size_t edges = ring ? n : n - 1;
    std::size_t e = start;
    // Skips the run of `size` edges starting at e when its box misses the rectangle: every vertex
    // of it is outside, and so is each edge, so there is nothing to collect.
    const auto skipped = [&](std::span<const PixelBox> boxes, std::size_t size, std::size_t& done) {
      if (e % size != 0) return false;
      const std::size_t length = std::min(size, edges - e);
      if (length > count - done || boxes[e / size].intersects(r_.box)) return false;
      e = (e + length) % n;
      done += length;
      return true;
    };
    for (std::size_t done = 0; done < count;) {
      if (!open_ &&
          (skipped(runs.blocks, PixelShape::kBlockEdges, done) || skipped(runs.chunks, PixelShape::kChunkEdges, done))) {
        continue;
      }
      edge(part[e], part[e + 1 == n ? 0 : e + 1]);
      e = e + 1 == n ? 0 : e + 1;
      ++done;
    }
  }

  void edge(TilePoint p, TilePoint q) {
    const bool q_in = r_.box.contains(q);
    if (q_in && !strictly_inside(q)) exact_ = false;
    if (open_) {
      if (q_in) {
        inner_.push_back(q);
        return;
      }
      Cut cut;
      if (!cut_segment(p, q, r_, cut) || cut.side1 == kNone) {
        failed_ = true;
        return;
      }
      current_.exit = on_side(p, q, cut.side1, r_);
      exact_ = exact_ && current_.exit.on_grid;
      current_.end = static_cast<std::uint32_t>(inner_.size());
      open_ = false;
      // Arrived on the boundary and left again at once: a touch from outside, nothing inside.
      const bool touch = current_.end == current_.begin + 1 && current_.entry.s == current_.exit.s;
      if (!touch) pieces_.push_back(current_);
      return;
    }
    Cut cut;
    if (!cut_segment(p, q, r_, cut)) return;
    if (cut.side0 == kNone || (!q_in && cut.side1 == kNone)) {
      failed_ = true;
      return;
    }
    current_ = Piece{};
    current_.entry = on_side(p, q, cut.side0, r_);
    exact_ = exact_ && current_.entry.on_grid;
    current_.begin = static_cast<std::uint32_t>(inner_.size());
    if (q_in) {
      inner_.push_back(q);
      open_ = true;
      return;
    }
    current_.exit = on_side(p, q, cut.side1, r_);
    exact_ = exact_ && current_.exit.on_grid;
    current_.end = current_.begin;
    if (current_.exit.s != current_.entry.s) pieces_.push_back(current_);  // else it grazes a corner
  }

  const Rect& r_;
  std::vector<TilePoint> inner_;
  std::vector<Piece> pieces_;
  Piece current_;
  [[nodiscard]] bool strictly_inside(TilePoint p) const noexcept {
    return r_.box.min_x < p.x && p.x < r_.box.max_x && r_.box.min_y < p.y && p.y < r_.box.max_y;
  }

  bool open_ = false;
  bool failed_ = false;
  bool exact_ = true;
};

constexpr std::int64_t kWalk = -1;

// Where an exit and an entry share a position on the boundary (pieces touching there), the walk
// from the exit either goes on to that entry at once or all the way round, depending on whether
// the entering piece leaves the point clockwise or counter-clockwise of the exiting one. Returns,
// per piece, the piece its exit goes on to at once, or kWalk; std::nullopt when three crossings
// share a point, two of the same kind do, or the point is a corner (no single side to turn on).
std::optional<std::vector<std::int64_t>> shared_crossings(const std::vector<Piece>& pieces, const Tracer& tracer,
                                                          const Rect& r) {
  std::vector<std::int64_t> direct(pieces.size(), kWalk);
  struct Mark {
    double s;
    bool entry;
    std::uint32_t piece;
  };
  std::vector<Mark> marks;
  marks.reserve(2 * pieces.size());
  for (std::uint32_t i = 0; i < pieces.size(); ++i) {
    marks.push_back({pieces[i].entry.s, true, i});
    marks.push_back({pieces[i].exit.s, false, i});
  }
  std::sort(marks.begin(), marks.end(), [](const Mark& a, const Mark& b) {
    return a.s != b.s ? a.s < b.s : (a.entry != b.entry ? b.entry : a.piece < b.piece);
  });
  const auto corner_at = r.corner_positions();
  for (std::size_t i = 0; i + 1 < marks.size(); ++i) {
    if (marks[i].s != marks[i + 1].s) continue;
    if (i + 2 < marks.size() && marks[i + 2].s == marks[i].s) return std::nullopt;
    if (marks[i].entry == marks[i + 1].entry) return std::nullopt;
    if (std::find(corner_at.begin(), corner_at.end(), marks[i].s) != corner_at.end()) return std::nullopt;
    const Piece& out = pieces[marks[i].entry ? marks[i + 1].piece : marks[i].piece];
    const std::uint32_t in_piece = marks[i].entry ? marks[i].piece : marks[i + 1].piece;
    const Piece& in = pieces[in_piece];
    // The directions along which the two pieces leave the shared point into the rectangle: to
    // their nearest vertex other than the point itself (a vertex may lie on the boundary there).
    const double px = out.exit.x, py = out.exit.y;
    // Iterators rather than std::views::reverse: clang 14 (the fuzz build's) cannot compile
    // libstdc++ 12's reverse_view.
    const auto away = [&](auto first, auto last, const BoundaryPoint& other_end) {
      for (; first != last; ++first) {
        if (first->x != px || first->y != py) return std::pair{first->x - px, first->y - py};
      }
      return std::pair{other_end.x - px, other_end.y - py};
    };
    const auto inner_out = tracer.inner(out);
    const auto inner_in = tracer.inner(in);
    const auto [ux, uy] = away(inner_out.rbegin(), inner_out.rend(), out.entry);
    const auto [vx, vy] = away(inner_in.begin(), inner_in.end(), in.exit);
    const double turn = ux * vy - uy * vx;
    if (std::abs(turn) <= 1e-9 * std::hypot(ux, uy) * std::hypot(vx, vy)) return std::nullopt;
    // Entering clockwise of the exit: between them lies the outside, the way on is the boundary.
    if (turn < 0) direct[&out - pieces.data()] = in_piece;
    ++i;
  }
  return direct;
}

// Drops repeats and spikes and computes the area; false when too degenerate to keep.
bool finish_ring(PixelRing& ring, bool& changed) {
  auto& pts = ring.points;
  while (pts.size() > 1 && pts.back() == pts.front()) pts.pop_back();  // closed where it began
  const std::size_t size = pts.size();
  remove_spikes(pts);  // rounding the crossings can fold a sliver along the boundary
  if (pts.size() < size) changed = true;
  if (pts.size() < 3) {
    changed = true;
    return false;
  }
  ring.area2 = mvt::ring_area2(pts);
  if (ring.area2 == 0) changed = true;
  return ring.area2 != 0;
}

std::optional<Clipped> clip_polygon(const PixelShape& shape, const Rect& r, TilePoint origin) {
  Tracer tracer(r);
  enum class Place : std::uint8_t { Inside, Outside, Crossing };
  std::vector<Place> place(shape.part_count());
  std::vector<std::size_t> inside_parts;
  for (std::size_t i = 0; i < shape.part_count(); ++i) {
    const PixelBox& box = shape.part_box(i);
    if (r.box.contains(box)) {
      place[i] = Place::Inside;
      inside_parts.push_back(i);
    } else if (!r.box.intersects(box)) {
      place[i] = Place::Outside;
    } else {
      place[i] = Place::Crossing;
      tracer.trace_ring(shape.part(i), {shape.chunks(i), shape.blocks(i)});
    }
  }
  if (tracer.failed()) return std::nullopt;
  const auto& pieces = tracer.pieces();
  bool changed = false;  // a ring lost vertices or vanished on the way

  std::vector<PixelRing> exteriors;  // closed along the boundary, then the exteriors wholly inside
  if (!pieces.empty()) {
    std::vector<std::pair<double, std::uint32_t>> entries;
    entries.reserve(pieces.size());
    for (std::uint32_t i = 0; i < pieces.size(); ++i) entries.emplace_back(pieces[i].entry.s, i);
    std::sort(entries.begin(), entries.end());
    const std::optional<std::vector<std::int64_t>> direct = shared_crossings(pieces, tracer, r);
    if (!direct) return std::nullopt;
    if (!std::all_of(direct->begin(), direct->end(), [](std::int64_t d) { return d == kWalk; })) changed = true;

    const auto corner_at = r.corner_positions();
    const auto corners = r.corners();
    std::vector<bool> used(pieces.size(), false);
    for (std::uint32_t first = 0; first < pieces.size(); ++first) {
      if (used[first]) continue;
      PixelRing ring;
      std::uint32_t at = first;
      while (true) {
        used[at] = true;
        const Piece& piece = pieces[at];
        push(ring.points, shifted(piece.entry.grid, origin));
        for (const TilePoint& v : tracer.inner(piece)) push(ring.points, shifted(v, origin));
        push(ring.points, shifted(piece.exit.grid, origin));
        // Along the boundary, counter-clockwise, to the next entry, through the corners between;
        // an entry at the exit's own position only when shared_crossings says so.
        const double s = piece.exit.s;
        std::uint32_t next = 0;
        double reach = 0;
        if ((*direct)[at] != kWalk) {
          next = static_cast<std::uint32_t>((*direct)[at]);
        } else {
          auto after = std::upper_bound(entries.begin(), entries.end(),
                                        std::make_pair(s, std::numeric_limits<std::uint32_t>::max()));
          if (after == entries.end()) after = entries.begin();
          next = after->second;
          reach = after->first - s;
          if (reach <= 0) reach += r.perimeter;
        }
        std::array<std::pair<double, int>, 4> passed{};
        int count = 0;
        for (int k = 0; k < 4; ++k) {
          double d = corner_at[k] - s;
          if (d < 0) d += r.perimeter;
          if (d > 0 && d < reach) passed[count++] = {d, k};
        }
        std::sort(passed.begin(), passed.begin() + count);
        for (int k = 0; k < count; ++k) {
          const TilePoint c = corners[passed[k].second];
          push(ring.points, shifted(c, origin));
        }
        at = next;
        if (at == first) break;
        if (used[at]) return std::nullopt;  // pieces that do not close into rings one way only
      }
      if (!finish_ring(ring, changed)) continue;
      if (ring.area2 < 0) return std::nullopt;  // boundary-closed rings are exteriors
      exteriors.push_back(std::move(ring));
    }
  } else {
    // Nothing crosses the inside of the rectangle: it lies wholly inside or outside the polygon's
    // rings that are not inside it, and any point strictly inside it, as its centre, tells which.
    const std::int64_t x2 = std::int64_t{r.box.min_x} + r.box.max_x;
    const std::int64_t y2 = std::int64_t{r.box.min_y} + r.box.max_y;
    bool covered = false;
    for (std::size_t i = 0; i < shape.part_count() && !covered; ++i) {
      // Holes are looked at with their exterior.
      if (place[i] == Place::Inside || !shape.is_exterior(i) || !inside_part(shape, i, x2, y2)) continue;
      covered = true;
      for (std::size_t h = i + 1; h < shape.part_count() && !shape.is_exterior(h); ++h) {
        if (place[h] != Place::Inside && inside_part(shape, h, x2, y2)) covered = false;
      }
    }
    if (covered) {
      PixelRing whole;
      for (const TilePoint& c : r.corners()) whole.points.push_back(shifted(c, origin));
      finish_ring(whole, changed);
      exteriors.push_back(std::move(whole));
    }
  }

  std::vector<PixelRing> holes;
  for (const std::size_t i : inside_parts) {
    const PixelBox& box = shape.part_box(i);
    if (box.min_x == r.box.min_x || box.max_x == r.box.max_x || box.min_y == r.box.min_y || box.max_y == r.box.max_y) {
      changed = true;  // on the boundary: a closing walk may pass through its vertices
    }
    PixelRing ring;
    for (const TilePoint& v : shape.part(i)) ring.points.push_back(shifted(v, origin));
    if (!finish_ring(ring, changed)) continue;
    (ring.area2 > 0 ? exteriors : holes).push_back(std::move(ring));
  }
  std::optional<mvt::TileGeometry> assembled = assemble_polygon(exteriors, holes);
  if (!assembled) return std::nullopt;
  return Clipped{std::move(*assembled), tracer.exact() && !changed};
}

std::optional<Clipped> clip_lines(const PixelShape& shape, const Rect& r, TilePoint origin) {
  Tracer tracer(r);
  for (std::size_t i = 0; i < shape.part_count(); ++i) {
    if (shape.part_box(i).intersects(r.box)) tracer.trace_line(shape.part(i), {shape.chunks(i), shape.blocks(i)});
  }
  if (tracer.failed()) return std::nullopt;
  Clipped clipped;
  mvt::TileGeometry& out = clipped.geometry;
  out.type = mvt::GeomType::LineString;
  clipped.exact = tracer.exact();
  std::vector<TilePoint> run;
  for (const Piece& piece : tracer.pieces()) {
    run.clear();
    if (piece.has_entry) push(run, shifted(piece.entry.grid, origin));
    for (const TilePoint& v : tracer.inner(piece)) push(run, shifted(v, origin));
    if (piece.has_exit) push(run, shifted(piece.exit.grid, origin));
    if (run.size() < 2) continue;
    out.points.insert(out.points.end(), run.begin(), run.end());
    out.part_ends.push_back(static_cast<std::uint32_t>(out.points.size()));
  }
  return clipped;
}

mvt::TileGeometry clip_points(const PixelShape& shape, const Rect& r, TilePoint origin) {
  mvt::TileGeometry out;
  out.type = mvt::GeomType::Point;
  for (const TilePoint& p : shape.geometry().points) {
    if (r.box.contains(p)) out.points.push_back(shifted(p, origin));
  }
  if (!out.points.empty()) out.part_ends.push_back(static_cast<std::uint32_t>(out.points.size()));
  return out;
}

}  // namespace

std::optional<Clipped> clip_to_rect(const PixelShape& shape, const PixelBox& rect, TilePoint origin) {
  const Rect r(rect);
  switch (shape.geometry().type) {
    case mvt::GeomType::Polygon: return clip_polygon(shape, r, origin);
    case mvt::GeomType::LineString: return clip_lines(shape, r, origin);
    case mvt::GeomType::Point: break;
  }
  return Clipped{clip_points(shape, r, origin), true};
}

}  // namespace geo
