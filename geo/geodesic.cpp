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
  const double chord =
      std::sqrt((pb.x - pa.x) * (pb.x - pa.x) + (pb.y - pa.y) * (pb.y - pa.y) + (pb.z - pa.z) * (pb.z - pa.z));
  return 2 * radius * std::asin(chord / (2 * radius));
}

namespace {

// sin and cos of a small angle (|x| ≤ 0.25 rad) by their Taylor series in Horner form, with the
// coefficients as constants (no division): the first omitted terms are below 1e-19 there.
double small_sin(double x) {
  const double x2 = x * x;
  return x * (1 + x2 * (-1.0 / 6 +
                        x2 * (1.0 / 120 + x2 * (-1.0 / 5040 + x2 * (1.0 / 362880 + x2 * (-1.0 / 39916800 +
                                                                                         x2 * (1.0 / 6227020800)))))));
}
double small_cos(double x) {
  const double x2 = x * x;
  return 1 +
         x2 * (-1.0 / 2 +
               x2 * (1.0 / 24 + x2 * (-1.0 / 720 +
                                      x2 * (1.0 / 40320 + x2 * (-1.0 / 3628800 +
                                                                x2 * (1.0 / 479001600 + x2 * (-1.0 / 87178291200)))))));
}
// asin(x) / x by its series in x², for 0 ≤ x ≤ 0.07 (chords under 800 km): the first omitted
// term is < 1e-16.
double small_asin_over_x(double x2) {
  return 1 + x2 * (1.0 / 6 + x2 * (3.0 / 40 + x2 * (5.0 / 112 + x2 * (35.0 / 1152 + x2 * (63.0 / 2816)))));
}
constexpr double kSmallAngle = 0.25;

}  // namespace

DistanceFrom::DistanceFrom(const Geodesic& geodesic, LonLat origin) noexcept
    : geodesic_(&geodesic),
      origin_(origin),
      sin_lat_(std::sin(origin.lat * kRadPerDeg)),
      cos_lat_(std::cos(origin.lat * kRadPerDeg)) {
  const double n = kSemiMajor / std::sqrt(1 - kE2 * sin_lat_ * sin_lat_);
  rho_ = n * cos_lat_;
  z_ = n * (1 - kE2) * sin_lat_;
}

double DistanceFrom::to(LonLat target) const {
  const LocalMetric metric = LocalMetric::at(0.5 * (origin_.lat + target.lat));
  const double dx = (target.lon - origin_.lon) * metric.sx;
  const double dy = (target.lat - origin_.lat) * metric.sy;
  const double plane2 = dx * dx + dy * dy;
  if (plane2 < Geodesic::kPlaneLimitM * Geodesic::kPlaneLimitM) return std::sqrt(plane2);
  const double half_lat = 0.5 * (target.lat - origin_.lat) * kRadPerDeg;
  const double half_lon = 0.5 * (target.lon - origin_.lon) * kRadPerDeg;
  if (plane2 > Geodesic::kChordLimitM * Geodesic::kChordLimitM || std::fabs(half_lat) > kSmallAngle ||
      std::fabs(half_lon) > kSmallAngle) {
    return geodesic_->distance_m_fast(origin_, target);
  }
  // The mid latitude's and the target's sines and cosines, by angle addition from the origin's.
  const double s_half = small_sin(half_lat);
  const double c_half = small_cos(half_lat);
  const double sin_mid = sin_lat_ * c_half + cos_lat_ * s_half;
  const double s_full = 2 * s_half * c_half;
  const double c_full = 1 - 2 * s_half * s_half;
  const double sin_lat = sin_lat_ * c_full + cos_lat_ * s_full;
  const double cos_lat = cos_lat_ * c_full - sin_lat_ * s_full;
  // The chord in ECEF from the two parallels' radii ρ and heights z:
  //   chord² = (ρ₁ − ρ₂)² + 4 ρ₁ ρ₂ sin²(Δλ/2) + (z₁ − z₂)², free of cancellation.
  const double n_target = kSemiMajor / std::sqrt(1 - kE2 * sin_lat * sin_lat);
  const double rho = n_target * cos_lat;
  const double z = n_target * (1 - kE2) * sin_lat;
  const double s_lon = small_sin(half_lon);
  const double chord2 = (rho - rho_) * (rho - rho_) + 4 * rho * rho_ * s_lon * s_lon + (z - z_) * (z - z_);
  // The normal section's radius of curvature at the mid latitude along the azimuth (Euler), as in
  // distance_m_fast: R = M N / (N cos²α + M sin²α), with cos²α = dy² / plane².
  const double w = 1 - kE2 * sin_mid * sin_mid;
  const double inv_sqrt_w = 1 / std::sqrt(w);
  const double n = kSemiMajor * inv_sqrt_w;
  const double m = kSemiMajor * (1 - kE2) * inv_sqrt_w * inv_sqrt_w * inv_sqrt_w;
  const double weighted = dy * dy * n + dx * dx * m;  // = plane² · M N / R
  // The arc 2R·asin(chord / 2R) = chord · asin(x) / x with x² = chord² / 4R².
  const double x2 = chord2 * weighted * weighted / (4 * m * m * n * n * plane2 * plane2);
  return std::sqrt(chord2) * small_asin_over_x(x2);
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
