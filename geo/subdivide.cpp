#include "geo/subdivide.hpp"

#include "geo/operations.hpp"

namespace geo {
namespace {

void split(const Geometry& polygonal, const Envelope& box, std::size_t max_vertices, int depth,
           std::vector<PolygonPiece>& out) {
  Geometry clipped = polygonal_part(clip_by_rect(polygonal, box));
  if (clipped.is_empty()) return;
  const double box_area = (box.max_x - box.min_x) * (box.max_y - box.min_y);
  if (area(clipped) >= box_area * (1.0 - 1e-12)) {
    out.push_back({box, true, {}, {}, Geometry{}});
    return;
  }
  if (static_cast<std::size_t>(clipped.num_coordinates()) <= max_vertices || depth > 48) {
    PolygonPiece piece;
    piece.box = box;
    for_each_part(clipped, [&](std::span<const XY> ring, bool) {
      piece.vertices.insert(piece.vertices.end(), ring.begin(), ring.end());
      piece.ring_ends.push_back(static_cast<std::uint32_t>(piece.vertices.size()));
    });
    piece.shape = std::move(clipped);
    out.push_back(std::move(piece));
    return;
  }
  Envelope low = box;
  Envelope high = box;
  if (box.max_x - box.min_x >= box.max_y - box.min_y) {
    const double mid = 0.5 * (box.min_x + box.max_x);
    low.max_x = mid;
    high.min_x = mid;
  } else {
    const double mid = 0.5 * (box.min_y + box.max_y);
    low.max_y = mid;
    high.min_y = mid;
  }
  // Recurse on the clipped part: each level works on fewer vertices.
  split(clipped, low, max_vertices, depth + 1, out);
  split(clipped, high, max_vertices, depth + 1, out);
}

}  // namespace

std::vector<PolygonPiece> subdivide_polygon(const Geometry& polygonal, std::size_t max_vertices) {
  std::vector<PolygonPiece> pieces;
  if (polygonal.is_empty()) return pieces;
  split(polygonal, polygonal.envelope(), std::max<std::size_t>(max_vertices, 8), 0, pieces);
  return pieces;
}

}  // namespace geo
