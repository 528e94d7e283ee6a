#pragma once
// Clipping features on a zoom's integer pixel grid to a tile's rectangle, without GEOS: a feature is
// prepared once per zoom as a PixelShape (its vertices plus the boxes of runs of consecutive edges,
// so a tile skips the runs that cannot reach it), then each tile clips it in time about linear in
// the part that falls in the tile.
#include "geo/tiles/tile_point.hpp"

#include <cstdint>
#include <optional>
#include <span>
#include <vector>

namespace geo {

struct PixelBox {
  std::int32_t min_x = 0, min_y = 0, max_x = -1, max_y = -1;  // default: empty
  [[nodiscard]] bool empty() const noexcept { return min_x > max_x || min_y > max_y; }
  [[nodiscard]] bool intersects(const PixelBox& o) const noexcept {
    return !(o.min_x > max_x || o.max_x < min_x || o.min_y > max_y || o.max_y < min_y);
  }
  [[nodiscard]] bool contains(const PixelBox& o) const noexcept {
    return min_x <= o.min_x && o.max_x <= max_x && min_y <= o.min_y && o.max_y <= max_y;
  }
  [[nodiscard]] bool contains(mvt::TilePoint p) const noexcept {
    return min_x <= p.x && p.x <= max_x && min_y <= p.y && p.y <= max_y;
  }
  void expand(mvt::TilePoint p) noexcept;
};

// A geometry on a pixel grid: points, lines, or polygons whose exteriors (positive area) are each
// followed by their holes (negative), rings open (MVT's layout, mvt::TileGeometry).
class PixelShape {
 public:
  PixelShape() = default;
  explicit PixelShape(mvt::TileGeometry geometry);

  [[nodiscard]] const mvt::TileGeometry& geometry() const noexcept { return geometry_; }
  [[nodiscard]] const PixelBox& box() const noexcept { return box_; }
  [[nodiscard]] bool empty() const noexcept { return geometry_.points.empty(); }
  [[nodiscard]] std::size_t part_count() const noexcept { return geometry_.part_ends.size(); }
  [[nodiscard]] std::span<const mvt::TilePoint> part(std::size_t i) const noexcept;
  // Boxes of the part's edges in runs of kChunkEdges (a ring's closing edge included), and of
  // runs of kBlockEdges (kChunkEdges runs of runs): a tile skips the far parts of a long ring in
  // a few tests.
  [[nodiscard]] std::span<const PixelBox> chunks(std::size_t i) const noexcept;
  [[nodiscard]] std::span<const PixelBox> blocks(std::size_t i) const noexcept;
  [[nodiscard]] const PixelBox& part_box(std::size_t i) const noexcept { return part_boxes_[i]; }
  // Polygons: whether ring i is an exterior (positive area) rather than a hole.
  [[nodiscard]] bool is_exterior(std::size_t i) const noexcept { return exterior_[i]; }

  static constexpr std::uint32_t kChunkEdges = 16;
  static constexpr std::uint32_t kBlockEdges = kChunkEdges * kChunkEdges;

 private:
  mvt::TileGeometry geometry_;
  PixelBox box_;
  std::vector<PixelBox> part_boxes_;
  std::vector<bool> exterior_;
  std::vector<PixelBox> chunks_;
  std::vector<std::uint32_t> chunk_ends_;  // per part, end offset in chunks_
  std::vector<PixelBox> blocks_;
  std::vector<std::uint32_t> block_ends_;  // per part, end offset in blocks_
};

// Whether the point (x2 / 2, y2 / 2) lies strictly inside ring `part` of the shape (as
// inside_ring, in doubled coordinates, skipping the runs of edges a ray eastwards cannot cross).
[[nodiscard]] bool inside_part(const PixelShape& shape, std::size_t part, std::int64_t x2, std::int64_t y2) noexcept;

// The part of `shape` inside `rect` (boundary included), shifted by -origin (pixel grid to tile
// coordinates); points where an edge crosses the boundary are rounded to the grid. Polygons are cut
// into the pieces inside the rectangle and closed along its boundary (Weiler–Atherton against a
// rectangle); holes wholly inside go to the smallest exterior around them. The result is not
// checked for validity: rounding can make rings touch. std::nullopt when the pieces do not close
// into rings one way only (a polygon touching itself on the boundary) or the arithmetic could not
// place a crossing: the caller then takes the exact path.
struct Clipped {
  mvt::TileGeometry geometry;
  // Nothing was rounded or dropped: every crossing with the boundary was a grid point, every other
  // vertex kept lies strictly inside, no ring degenerated. A polygon clipped so from a valid one
  // whose rings do not touch is valid as it is (its rings meet the boundary only at distinct
  // crossings and the closing walks between them).
  bool exact = true;
};
[[nodiscard]] std::optional<Clipped> clip_to_rect(const PixelShape& shape, const PixelBox& rect, mvt::TilePoint origin);

}  // namespace geo
