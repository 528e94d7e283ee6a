#pragma once
// From catalogue geometry (lon/lat) to one tile's MVT geometry, in two stages:
//   prepare_for_zoom  once per feature and zoom: project to the zoom's pixel grid (Web Mercator,
//                     extent·2^z units across the world), simplify (topology-preserving, tolerance
//                     in tile units) and snap to integers with GEOS snap-rounding, which keeps
//                     polygons valid. A feature too small to survive is kept as one point, on purpose.
//   tile_geometry     per tile: clip to the tile plus buffer, shift to tile coordinates, drop
//                     repeated points and degenerate rings, wind exteriors clockwise (spec 4.3.4.4).
// Pixel grids of all tiles of a zoom coincide, so snapping once per zoom is snapping for every tile.
#include "geo/coord.hpp"
#include "geo/geometry.hpp"
#include "geo/mvt_encoder.hpp"

#include <cstdint>

namespace geo {

struct TileOptions {
  std::uint32_t extent = 4096;
  std::uint32_t buffer = 64;        // tile units kept beyond each edge, so strokes join seamlessly
  double simplify_tolerance = 1.0;  // tile units; 0 keeps every vertex
};

// A lon/lat geometry in unit-square Web Mercator (tile_math.hpp's world coordinates).
[[nodiscard]] Geometry lonlat_to_world(const Geometry& lonlat);

struct ZoomGeometry {
  Geometry pixels;         // in the zoom's pixel grid; integer vertices; valid polygons
  Envelope box;            // of `pixels`
  bool collapsed = false;  // smaller than a tile unit at this zoom: drawn as a single point
};

// `world` must be valid (polygons) and in world coordinates.
[[nodiscard]] ZoomGeometry prepare_for_zoom(const Geometry& world, int z, const TileOptions& options);

// The feature's geometry in tile (x, y) of the zoom it was prepared for; empty when nothing of it
// falls in the tile and its buffer.
[[nodiscard]] mvt::TileGeometry tile_geometry(const ZoomGeometry& feature, std::uint32_t x, std::uint32_t y,
                                              const TileOptions& options);

// A tile geometry as a GEOS geometry in tile coordinates (MultiPoint, MultiLineString or
// MultiPolygon, exteriors grouped with the holes that follow them): for validity checks and tests.
[[nodiscard]] Geometry to_geometry(const mvt::TileGeometry& tile);

}  // namespace geo
