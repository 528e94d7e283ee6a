#pragma once
// Geodesics on the WGS84 ellipsoid (Karney's algorithms, as shipped in PROJ's geodesic.h).
// The object is immutable after construction, so one instance may be shared by all threads.
#include "geo/coord.hpp"

#include <geodesic.h>

#include <span>

namespace geo {

struct GeodesicInverse {
  double distance_m = 0;
  double azimuth1_deg = 0;  // at the first point, clockwise from north
  double azimuth2_deg = 0;  // at the second point
};

class Geodesic {
 public:
  Geodesic();  // WGS84

  [[nodiscard]] GeodesicInverse inverse(LonLat a, LonLat b) const;
  [[nodiscard]] double distance_m(LonLat a, LonLat b) const { return inverse(a, b).distance_m; }
  // The point reached from `start` after `distance_m` along `azimuth_deg`.
  [[nodiscard]] LonLat direct(LonLat start, double azimuth_deg, double distance_m) const;
  // Area of a simple ring on the ellipsoid in m² (absolute value; closing vertex optional). An
  // independent check on areas computed in a projected equal-area CRS.
  [[nodiscard]] double ring_area_m2(std::span<const LonLat> ring) const;

 private:
  geod_geodesic geodesic_{};
};

}  // namespace geo
