#pragma once
// Measures of lon/lat (EPSG:4326) geometries in real units: areas in an equal-area projection,
// never in squared degrees.
#include "geo/geometry.hpp"

namespace geo {

// Area in km² of a lon/lat geometry, computed in crs::kEqualArea.
[[nodiscard]] double area_km2(const Geometry& lonlat);

}  // namespace geo
