#include "geo/geodesic.hpp"

#include <cmath>
#include <vector>

namespace geo {

namespace {
constexpr double kSemiMajor = 6378137.0;
constexpr double kFlattening = 1.0 / 298.257223563;
constexpr double kE2 = kFlattening * (2 - kFlattening);
constexpr double kRadPerDeg = 3.14159265358979323846 / 180.0;
}  // namespace

LocalMetric LocalMetric::at(double lat_deg) noexcept {
  const double phi = lat_deg * kRadPerDeg;
  const double s = std::sin(phi);
  const double w = 1 - kE2 * s * s;
  const double n = kSemiMajor / std::sqrt(w);
  const double m = kSemiMajor * (1 - kE2) / (w * std::sqrt(w));
  return {n * std::cos(phi) * kRadPerDeg, m * kRadPerDeg};
}

double Geodesic::distance_m_fast(LonLat a, LonLat b) const {
  const LocalMetric metric = LocalMetric::at(0.5 * (a.lat + b.lat));
  const double dx = (b.lon - a.lon) * metric.sx;
  const double dy = (b.lat - a.lat) * metric.sy;
  const double plane = std::sqrt(dx * dx + dy * dy);
  return plane < kShortLineLimitM ? plane : distance_m(a, b);
}

Geodesic::Geodesic() {
  // WGS84 semi-major axis and flattening.
  geod_init(&geodesic_, kSemiMajor, kFlattening);
}

GeodesicInverse Geodesic::inverse(LonLat a, LonLat b) const {
  GeodesicInverse out;
  geod_inverse(&geodesic_, a.lat, a.lon, b.lat, b.lon, &out.distance_m, &out.azimuth1_deg, &out.azimuth2_deg);
  return out;
}

LonLat Geodesic::direct(LonLat start, double azimuth_deg, double distance_m) const {
  LonLat out;
  double azimuth2 = 0;
  geod_direct(&geodesic_, start.lat, start.lon, azimuth_deg, distance_m, &out.lat, &out.lon, &azimuth2);
  return out;
}

double Geodesic::ring_area_m2(std::span<const LonLat> ring) const {
  std::vector<double> lats;
  std::vector<double> lons;
  lats.reserve(ring.size());
  lons.reserve(ring.size());
  for (const auto& p : ring) {
    lats.push_back(p.lat);
    lons.push_back(p.lon);
  }
  double area = 0;
  double perimeter = 0;
  geod_polygonarea(&geodesic_, lats.data(), lons.data(), static_cast<int>(ring.size()), &area, &perimeter);
  return std::fabs(area);
}

}  // namespace geo
