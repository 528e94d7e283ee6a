#include "geo/geodesic.hpp"

#include <cmath>
#include <vector>

namespace geo {

Geodesic::Geodesic() {
  // WGS84 semi-major axis and flattening.
  geod_init(&geodesic_, 6378137.0, 1.0 / 298.257223563);
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
