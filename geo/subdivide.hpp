#pragma once
// Splits a polygon into small pieces for fast point-in-polygon tests, in the manner of PostGIS's
// ST_Subdivide: the bounding box is halved along its longer side until the part of the polygon in
// each box has at most `max_vertices` vertices. A box entirely inside the polygon is marked so and
// needs no test at all. The pieces' boxes tile the polygon's box without overlapping (they share
// edges), so the pieces partition the polygon.
#include "geo/coord.hpp"
#include "geo/geometry.hpp"

#include <cstdint>
#include <vector>

namespace geo {

struct PolygonPiece {
  Envelope box;
  bool fills_box = false;              // the polygon covers the whole box: no vertices kept
  std::vector<XY> vertices;            // the clipped rings, back to back, each closed
  std::vector<std::uint32_t> ring_ends;
  // The same part as a GEOS geometry (null where fills_box), for exact overlay. Kept from the
  // subdivision rather than clipped again from the whole polygon by the caller: that second clip
  // cost O(polygon vertices) per piece, quadratic in all (a 10^6-vertex polygon took 263 s).
  Geometry shape;
};

// `polygonal` must be a valid Polygon or MultiPolygon.
std::vector<PolygonPiece> subdivide_polygon(const Geometry& polygonal, std::size_t max_vertices = 64);

}  // namespace geo
