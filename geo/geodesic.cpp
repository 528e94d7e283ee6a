#include "geo/geodesic.hpp"

#include <algorithm>
#include <cmath>
#include <vector>

namespace geo {

namespace {
constexpr double kSemiMajor = 6378137.0;
constexpr double kFlattening = 1.0 / 298.257223563;
constexpr double kE2 = kFlattening * (2 - kFlattening);
constexpr double kRadPerDeg = 3.14159265358979323846 / 180.0;
}  // namespace

LocalMetric exact_metric(double lat_deg) noexcept {
  const double phi = lat_deg * kRadPerDeg;
  const double s = std::sin(phi);
  const double w = 1 - kE2 * s * s;
  const double n = kSemiMajor / std::sqrt(w);
  const double m = kSemiMajor * (1 - kE2) / (w * std::sqrt(w));
  return {n * std::cos(phi) * kRadPerDeg, m * kRadPerDeg};
}

namespace {

// sx and sy tabulated every 0.01° of latitude: both are smooth in latitude, so linear
// interpolation is exact to ~1e-9 relative, and the query engine's hot path needs no trigonometry.
constexpr double kTableStepDeg = 0.01;
constexpr int kTableSize = static_cast<int>(180.0 / kTableStepDeg) + 2;

const std::vector<LocalMetric>& metric_table() {
  static const std::vector<LocalMetric> table = [] {
    std::vector<LocalMetric> t(kTableSize);
    for (int i = 0; i < kTableSize; ++i) t[static_cast<std::size_t>(i)] = exact_metric(std::min(90.0, -90.0 + i * kTableStepDeg));
    return t;
  }();
  return table;
}

}  // namespace

LocalMetric LocalMetric::at(double lat_deg) noexcept {
  const double position = (std::clamp(lat_deg, -90.0, 90.0) + 90.0) / kTableStepDeg;
  const int i = std::min(static_cast<int>(position), kTableSize - 2);
  const double f = position - i;
  const auto& table = metric_table();
  const LocalMetric& lo = table[static_cast<std::size_t>(i)];
  const LocalMetric& hi = table[static_cast<std::size_t>(i) + 1];
  return {lo.sx + f * (hi.sx - lo.sx), lo.sy + f * (hi.sy - lo.sy)};
}

namespace {

struct Ecef {
  double x, y, z;
};

Ecef to_ecef(LonLat p) {
  const double sin_lat = std::sin(p.lat * kRadPerDeg);
  const double cos_lat = std::cos(p.lat * kRadPerDeg);
  const double n = kSemiMajor / std::sqrt(1 - kE2 * sin_lat * sin_lat);
  return {n * cos_lat * std::cos(p.lon * kRadPerDeg), n * cos_lat * std::sin(p.lon * kRadPerDeg),
          n * (1 - kE2) * sin_lat};
}

}  // namespace

double Geodesic::distance_m_fast(LonLat a, LonLat b) const {
  const LocalMetric metric = LocalMetric::at(0.5 * (a.lat + b.lat));
  const double dx = (b.lon - a.lon) * metric.sx;
  const double dy = (b.lat - a.lat) * metric.sy;
  const double plane2 = dx * dx + dy * dy;
  if (plane2 < kPlaneLimitM * kPlaneLimitM) return std::sqrt(plane2);
  if (plane2 > kChordLimitM * kChordLimitM) return distance_m(a, b);
  // Radius of curvature of the normal section along the azimuth (Euler), chord to arc. The radii
  // come back out of the metric: sy = M·π/180, and sx = N·cos φ·π/180.
  const double phi = 0.5 * (a.lat + b.lat) * kRadPerDeg;
  const double m = metric.sy / kRadPerDeg;
  const double n = metric.sx / (kRadPerDeg * std::cos(phi));
  const double cos2_azimuth = dy * dy / plane2;
  const double radius = 1.0 / (cos2_azimuth / m + (1 - cos2_azimuth) / n);
  const Ecef pa = to_ecef(a);
  const Ecef pb = to_ecef(b);
  const double chord = std::sqrt((pb.x - pa.x) * (pb.x - pa.x) + (pb.y - pa.y) * (pb.y - pa.y) + (pb.z - pa.z) * (pb.z - pa.z));
  return 2 * radius * std::asin(chord / (2 * radius));
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
