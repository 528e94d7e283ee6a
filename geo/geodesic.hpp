#pragma once
// Geodesics on the WGS84 ellipsoid (Karney's algorithms, as shipped in PROJ's geodesic.h).
// The object is immutable after construction, so one instance may be shared by all threads.
#include "geo/coord.hpp"

#include <geodesic.h>

#include <span>

namespace geo {

// Metres per degree of longitude (sx) and latitude (sy) at a latitude on the WGS84 ellipsoid, from
// the prime-vertical (N) and meridional (M) radii of curvature: the local plane the query engine
// measures in.
struct LocalMetric {
  double sx = 0;
  double sy = 0;
  // Interpolated from a table (0.01° steps, ~1e-9 relative): no trigonometry.
  static LocalMetric at(double lat_deg) noexcept;
};

// The same, computed directly (for the table, and for tests of it).
LocalMetric exact_metric(double lat_deg) noexcept;

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
  // The geodesic distance to within 2 cm, fast (tests/geo_geodesic_test.cpp measures it against
  // Karney over the region):
  //   < 10 km:    the ellipsoidal plane at the mid latitude (error < 2 mm);
  //   < 800 km:   the ECEF chord turned into an arc of the normal section's radius of curvature at
  //               the mid latitude along the azimuth (Euler): error < 1 cm, 7x faster than Karney;
  //   beyond:     Karney's inverse.
  [[nodiscard]] double distance_m_fast(LonLat a, LonLat b) const;
  static constexpr double kPlaneLimitM = 10000.0;
  static constexpr double kChordLimitM = 800000.0;
  // The point reached from `start` after `distance_m` along `azimuth_deg`.
  [[nodiscard]] LonLat direct(LonLat start, double azimuth_deg, double distance_m) const;
  // Area of a simple ring on the ellipsoid in m² (absolute value; closing vertex optional). An
  // independent check on areas computed in a projected equal-area CRS.
  [[nodiscard]] double ring_area_m2(std::span<const LonLat> ring) const;

 private:
  geod_geodesic geodesic_{};
};

}  // namespace geo
