#pragma once
// Douglas–Peucker simplification computed once for every tolerance (as geojson-vt does): each
// vertex gets the largest squared distance at which DP still keeps it, so the simplification for a
// zoom is one linear pass keeping the vertices whose importance exceeds tolerance².
#include "geo/coord.hpp"

#include <span>
#include <vector>

namespace geo {

// Importance of every vertex of a polyline or closed ring (first vertex repeated last): the first
// and last get +infinity. A vertex's value is clamped to its DP parent's, so keeping the vertices
// above t² gives exactly the Douglas–Peucker result at tolerance t (DP is not monotone: a child can
// lie farther from its chord than its parent did).
[[nodiscard]] std::vector<double> dp_importance(std::span<const XY> line);

}  // namespace geo
