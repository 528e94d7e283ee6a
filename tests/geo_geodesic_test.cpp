#include "geo/geodesic.hpp"

#include <gtest/gtest.h>

namespace {

TEST(Geodesic, KarneyReferenceDistance) {
  // JFK to LHR, the worked example of Karney's GeodSolve documentation (WGS84).
  const geo::Geodesic geodesic;
  const auto result = geodesic.inverse({-73.8, 40.6}, {-0.5, 51.6});
  EXPECT_NEAR(result.distance_m, 5551759.400318, 1e-6);
  EXPECT_NEAR(result.azimuth1_deg, 51.198882845579824, 1e-9);
  EXPECT_NEAR(result.azimuth2_deg, 107.821776735514248, 1e-9);
}

TEST(Geodesic, DirectInvertsInverse) {
  const geo::Geodesic geodesic;
  const geo::LonLat changchun{125.3245, 43.8868};
  const geo::LonLat jilin{126.5496, 43.8378};
  const auto inv = geodesic.inverse(changchun, jilin);
  EXPECT_NEAR(inv.distance_m, 98400, 600);  // 长春 to 吉林, about 98 km
  const geo::LonLat reached = geodesic.direct(changchun, inv.azimuth1_deg, inv.distance_m);
  EXPECT_NEAR(reached.lon, jilin.lon, 1e-9);
  EXPECT_NEAR(reached.lat, jilin.lat, 1e-9);
}

}  // namespace
