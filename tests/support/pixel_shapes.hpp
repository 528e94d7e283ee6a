#pragma once
// Polygons on an integer grid for the tests of geo/tiles/pixel_polygon and geo/tiles/pixel_clip: from GEOS
// geometries (exteriors positive, holes negative, as MVT lays them out), and random valid ones.
#include "geo/geometry.hpp"
#include "geo/tiles/tile_point.hpp"

#include <random>

namespace test_support {

// A polygonal GEOS geometry with integer vertices as a TileGeometry (rings open and oriented).
[[nodiscard]] geo::mvt::TileGeometry grid_polygon(const geo::Geometry& polygonal);

// A valid polygonal geometry with integer vertices in [0, size]²: a union of random boxes and
// triangles less a few boxes (holes, notches), snap-rounded by GEOS; parts may touch at points.
// Empty (null) when the draw left nothing.
[[nodiscard]] geo::Geometry random_grid_polygon(std::mt19937& random, int size);

}  // namespace test_support
