#pragma once
// Geodesics on the WGS84 ellipsoid (Karney's algorithms, as shipped in PROJ's geodesic.h).
// The object is immutable after construction, so one instance may be shared by all threads.
#include "geo/coord.hpp"

#include <geodesic.h>

#include <algorithm>
#include <span>
#include <vector>

namespace geo {

// Metres per degree of longitude (sx) and latitude (sy) at a latitude on the WGS84 ellipsoid, from
// the prime-vertical (N) and meridional (M) radii of curvature: the local plane the query engine
// measures in.
struct LocalMetric {
  double sx = 0;
  double sy = 0;
  // Interpolated from a table (0.01° steps, ~1e-9 relative): no trigonometry. Inline, because
  // the query engine asks for it per candidate segment.
  static LocalMetric at(double lat_deg) noexcept;
};

// The same, computed directly (for the table, and for tests of it).
LocalMetric exact_metric(double lat_deg) noexcept;

namespace detail {

// sx and sy tabulated every 0.01° of latitude: both are smooth in latitude, so linear
// interpolation is exact to ~1e-9 relative. Built on first use, immutable afterwards.
inline constexpr double kMetricTableStepDeg = 0.01;
inline constexpr int kMetricTableSize = static_cast<int>(180.0 / kMetricTableStepDeg) + 2;

inline const std::vector<LocalMetric>& metric_table() {
  static const std::vector<LocalMetric> table = [] {
    std::vector<LocalMetric> t(kMetricTableSize);
    for (int i = 0; i < kMetricTableSize; ++i)
      t[static_cast<std::size_t>(i)] = exact_metric(std::min(90.0, -90.0 + i * kMetricTableStepDeg));
    return t;
  }();
  return table;
}

}  // namespace detail

inline LocalMetric LocalMetric::at(double lat_deg) noexcept {
  const double position = (std::clamp(lat_deg, -90.0, 90.0) + 90.0) / detail::kMetricTableStepDeg;
  const int i = std::min(static_cast<int>(position), detail::kMetricTableSize - 2);
  const double f = position - i;
  const LocalMetric* table = detail::metric_table().data();
  const LocalMetric& lo = table[i];
  const LocalMetric& hi = table[i + 1];
  return {lo.sx + f * (hi.sx - lo.sx), lo.sy + f * (hi.sy - lo.sy)};
}

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

// distance_m_fast from one origin to many targets near it (the query engine measures a site's
// distance to the nearest point of several features): the origin's sines and cosines are taken
// once (longitude needs none: the chord depends only on the longitude difference), and a
// target's follow by angle addition with series in the small difference, so a distance below
// Geodesic::kChordLimitM makes no libm call. Same method and accuracy as
// distance_m_fast (tests/geo_geodesic_test.cpp checks both against Karney).
class DistanceFrom {
 public:
  DistanceFrom(const Geodesic& geodesic, LonLat origin) noexcept;
  [[nodiscard]] double to(LonLat target) const;

 private:
  const Geodesic* geodesic_;
  LonLat origin_;
  double sin_lat_;
  double cos_lat_;
  double rho_ = 0;  // the origin's distance from the polar axis, metres
  double z_ = 0;    // and from the equatorial plane
};

}  // namespace geo
