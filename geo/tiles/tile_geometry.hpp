#pragma once
// From catalogue geometry (lon/lat) to one tile's MVT geometry, in three stages:
//   WorldFeature      once per feature: projected to unit-square Web Mercator, every vertex ranked
//                     by Douglas–Peucker importance (geo/tiles/vertex_importance.hpp).
//   prepare_for_zoom  once per feature and zoom: keep the vertices that matter at the zoom's
//                     tolerance (one linear pass), round them to the zoom's pixel grid, and prove
//                     the polygons valid with an exact integer test (geo/tiles/pixel_polygon.hpp). The few
//                     that fail take the exact path: GEOS topology-preserving simplification and
//                     snap-rounding. A feature too small to survive is kept as one point, on purpose.
//   tile_geometry     per tile: clip to the tile plus buffer on the integer grid
//                     (geo/tiles/pixel_clip.hpp), shift to tile coordinates, and prove the polygons valid
//                     again (rounding the crossings with the tile's edges can make rings touch);
//                     failing that, the exact path: GEOS clipping, repair and snap-rounding.
// Pixel grids of all tiles of a zoom coincide, so rounding once per zoom is rounding for every tile.
// Everything is deterministic: the same feature gives the same bytes on every run and machine.
#include "geo/coord.hpp"
#include "geo/geometry.hpp"
#include "geo/tiles/pixel_clip.hpp"
#include "geo/tiles/tile_point.hpp"

#include <algorithm>
#include <cstdint>
#include <vector>

namespace geo {

struct TileOptions {
  std::uint32_t extent = 4096;
  std::uint32_t buffer = 64;        // tile units kept beyond each edge, so strokes join seamlessly
  double simplify_tolerance = 1.0;  // tile units; 0 keeps every vertex
  // Tile units²: rings (parts and holes) smaller are left out; a polygon left with none is drawn as
  // a point. 4 is 1/16 of a screen pixel at the usual 512 px per tile.
  double min_ring_area = 4.0;
};

// A lon/lat geometry in unit-square Web Mercator (tile_math.hpp's world coordinates).
[[nodiscard]] Geometry lonlat_to_world(const Geometry& lonlat);

// A feature projected to world coordinates, ready to be prepared for any zoom.
class WorldFeature {
 public:
  // A lon/lat geometry; polygons must be valid.
  explicit WorldFeature(const Geometry& lonlat);

  [[nodiscard]] mvt::GeomType type() const noexcept { return type_; }
  [[nodiscard]] std::size_t vertex_count() const noexcept { return points_.size(); }
  // Where the feature is drawn when it collapses to a point (GEOS's point on surface).
  [[nodiscard]] const XY& surface_point() const noexcept { return surface_point_; }

  // Parts: the points of a point feature, the lines, or the rings (each polygon's exterior, then
  // its holes).
  [[nodiscard]] std::size_t part_count() const noexcept { return part_ends_.size(); }
  [[nodiscard]] bool is_exterior(std::size_t part) const noexcept { return polygon_start_[part]; }
  // Calls visit(world vertex) for each vertex of the part that Douglas–Peucker keeps at
  // `tolerance` (world units; 0 keeps all); a ring keeps at least three, and its closing repeat
  // is left out.
  template <typename Visit>
  void for_kept(std::size_t part, double tolerance, Visit&& visit) const;

 private:
  mvt::GeomType type_;
  std::vector<XY> points_;          // every part; rings closed (first vertex repeated)
  std::vector<double> importance_;  // per vertex: squared DP tolerance up to which it is kept
  std::vector<std::uint32_t> part_ends_;
  std::vector<bool> polygon_start_;  // per part: the exterior ring of a polygon
  std::vector<double> ring_floor_;   // per ring: importance below which it would keep < 3 vertices
  XY surface_point_;
};

struct ZoomGeometry {
  PixelShape shape;         // on the zoom's pixel grid (extent·2^z units across the world)
  bool collapsed = false;  // smaller than a tile unit at this zoom: drawn as a single point
  bool exact = false;      // prepared by the exact path (GEOS snap-rounding)
  bool touching = false;   // polygons whose rings meet at points (valid, but a clip must be checked)
};

// The fast path alone: the vertices DP keeps at the zoom's tolerance, rounded to its pixel grid,
// repeats, spikes and rings under the minimum area left out, rings oriented; not checked for
// validity (prepare_for_zoom does). Empty when nothing survives.
[[nodiscard]] mvt::TileGeometry simplified_on_grid(const WorldFeature& feature, int z, const TileOptions& options);

[[nodiscard]] ZoomGeometry prepare_for_zoom(const WorldFeature& feature, int z, const TileOptions& options);

// The feature's geometry in tile (x, y) of the zoom it was prepared for; empty when nothing of it
// falls in the tile and its buffer. Polygons are valid (OGC, as GEOS checks) and wound as MVT 2.1 asks.
[[nodiscard]] mvt::TileGeometry tile_geometry(const ZoomGeometry& feature, std::uint32_t x, std::uint32_t y,
                                              const TileOptions& options);

// A tile geometry as a GEOS geometry in tile coordinates (MultiPoint, MultiLineString or
// MultiPolygon, exteriors grouped with the holes that follow them): for validity checks and tests.
[[nodiscard]] Geometry to_geometry(const mvt::TileGeometry& tile);

template <typename Visit>
void WorldFeature::for_kept(std::size_t part, double tolerance, Visit&& visit) const {
  const std::uint32_t begin = part == 0 ? 0 : part_ends_[part - 1];
  const std::uint32_t end = part_ends_[part];
  if (type_ == mvt::GeomType::Point) {
    for (std::uint32_t v = begin; v < end; ++v) visit(points_[v]);
    return;
  }
  const double keep_above = tolerance > 0 ? tolerance * tolerance : -1.0;
  const bool ring = type_ == mvt::GeomType::Polygon;
  const double threshold = ring ? std::min(keep_above, ring_floor_[part]) : keep_above;
  for (std::uint32_t v = begin, last = ring ? end - 1 : end; v < last; ++v) {
    if (importance_[v] > threshold) visit(points_[v]);
  }
}

}  // namespace geo
