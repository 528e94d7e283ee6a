#pragma once
// Integer tile geometry as Mapbox Vector Tile 2.1 defines it (spec section 4.3): vertices on a
// tile's (or a zoom's) integer pixel grid, y down, and a feature's parts laid out in one vertex
// list. The tile pipeline (pixel_polygon, pixel_clip, tile_geometry) works in it and the MVT
// encoder writes it; this header is what they share, without the encoder.
#include <cstdint>
#include <span>
#include <vector>

namespace geo::mvt {

enum class GeomType : std::uint8_t { Point = 1, LineString = 2, Polygon = 3 };

struct TilePoint {
  std::int32_t x = 0;
  std::int32_t y = 0;
  friend bool operator==(const TilePoint&, const TilePoint&) = default;
};

// Points: every vertex is one point. Lines: each part a run of ≥ 2 vertices. Polygons: each ring a
// run of ≥ 3 vertices without the closing repeat; an exterior ring (positive area by the surveyor's
// formula in tile coordinates, y down: clockwise on screen) is followed by its holes (negative).
struct TileGeometry {
  GeomType type = GeomType::Point;
  std::vector<TilePoint> points;
  std::vector<std::uint32_t> part_ends;  // end offset in `points` of each part or ring
  [[nodiscard]] bool empty() const noexcept { return points.empty(); }
};

// Twice the signed area of a ring by the surveyor's formula (positive: an exterior ring in MVT).
[[nodiscard]] std::int64_t ring_area2(std::span<const TilePoint> ring) noexcept;

}  // namespace geo::mvt
