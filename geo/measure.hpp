#pragma once
// Measures of lon/lat (EPSG:4326) geometries in real units: areas in an equal-area projection,
// never in squared degrees.
#include "geo/geometry.hpp"

namespace geo {

// Longest edge, in degrees, kept when projecting for areas.
inline constexpr double kAreaDensifyDeg = 0.005;

// Area in km² of a lon/lat geometry whose edges are straight in lon/lat, computed in
// crs::kEqualArea after densifying to kAreaDensifyDeg.
[[nodiscard]] double area_km2(const Geometry& lonlat);

}  // namespace geo
