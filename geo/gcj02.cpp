#include "geo/gcj02.hpp"

#include <cmath>
#include <numbers>

namespace geo {
namespace {

constexpr double kPi = std::numbers::pi;
// Krasovsky 1940 ellipsoid, as the GCJ-02 formula uses it.
constexpr double kSemiMajor = 6378245.0;
constexpr double kEccentricitySquared = 0.00669342162296594323;

double shift_lat(double x, double y) {
  double r = -100.0 + 2.0 * x + 3.0 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * std::sqrt(std::fabs(x));
  r += (20.0 * std::sin(6.0 * x * kPi) + 20.0 * std::sin(2.0 * x * kPi)) * 2.0 / 3.0;
  r += (20.0 * std::sin(y * kPi) + 40.0 * std::sin(y / 3.0 * kPi)) * 2.0 / 3.0;
  r += (160.0 * std::sin(y / 12.0 * kPi) + 320.0 * std::sin(y * kPi / 30.0)) * 2.0 / 3.0;
  return r;
}

double shift_lon(double x, double y) {
  double r = 300.0 + x + 2.0 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * std::sqrt(std::fabs(x));
  r += (20.0 * std::sin(6.0 * x * kPi) + 20.0 * std::sin(2.0 * x * kPi)) * 2.0 / 3.0;
  r += (20.0 * std::sin(x * kPi) + 40.0 * std::sin(x / 3.0 * kPi)) * 2.0 / 3.0;
  r += (150.0 * std::sin(x / 12.0 * kPi) + 300.0 * std::sin(x / 30.0 * kPi)) * 2.0 / 3.0;
  return r;
}

}  // namespace

bool gcj02_applies(LonLat p) noexcept {
  return p.lon >= 72.004 && p.lon <= 137.8347 && p.lat >= 0.8293 && p.lat <= 55.8271;
}

LonLat wgs84_to_gcj02(LonLat p) noexcept {
  if (!gcj02_applies(p)) return p;
  double d_lat = shift_lat(p.lon - 105.0, p.lat - 35.0);
  double d_lon = shift_lon(p.lon - 105.0, p.lat - 35.0);
  const double rad_lat = p.lat / 180.0 * kPi;
  double magic = std::sin(rad_lat);
  magic = 1 - kEccentricitySquared * magic * magic;
  const double sqrt_magic = std::sqrt(magic);
  d_lat = (d_lat * 180.0) / ((kSemiMajor * (1 - kEccentricitySquared)) / (magic * sqrt_magic) * kPi);
  d_lon = (d_lon * 180.0) / (kSemiMajor / sqrt_magic * std::cos(rad_lat) * kPi);
  return {p.lon + d_lon, p.lat + d_lat};
}

LonLat gcj02_to_wgs84(LonLat gcj) noexcept {
  // Fixed-point iteration: the offset varies slowly (metres per kilometre), so each step gains
  // several digits; 3–4 steps reach 1e-9°. The cap only guards against pathological input.
  LonLat wgs = gcj;
  for (int i = 0; i < 30; ++i) {
    const LonLat forward = wgs84_to_gcj02(wgs);
    const double err_lon = forward.lon - gcj.lon;
    const double err_lat = forward.lat - gcj.lat;
    wgs.lon -= err_lon;
    wgs.lat -= err_lat;
    if (std::fabs(err_lon) < 1e-10 && std::fabs(err_lat) < 1e-10) break;
  }
  return wgs;
}

}  // namespace geo
