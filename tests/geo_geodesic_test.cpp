#include "geo/geodesic.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <random>

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

TEST(Geodesic, TabulatedMetricMatchesTheFormula) {
  for (double lat = -89.995; lat < 90; lat += 0.0317) {
    const geo::LocalMetric table = geo::LocalMetric::at(lat);
    const geo::LocalMetric exact = geo::exact_metric(lat);
    EXPECT_NEAR(table.sy / exact.sy, 1.0, 1e-8) << lat;
    EXPECT_NEAR(table.sx, exact.sx, 1e-8 * 111320.0) << lat;
  }
}

TEST(Geodesic, FastDistanceWithinOneCentimetreOfKarney) {
  // Over the region the service covers (38–47°N, 119–132°E), every distance band of the fast
  // method: plane, chord-to-arc, and Karney itself beyond 800 km.
  const geo::Geodesic geodesic;
  std::mt19937 rng(17);
  std::uniform_real_distribution<double> u(0, 1);
  for (const double distance : {100.0, 5e3, 9.9e3, 10.1e3, 50e3, 200e3, 600e3, 790e3, 1.2e6}) {
    double worst = 0;
    double worst_from = 0;
    for (int i = 0; i < 2000; ++i) {
      const geo::LonLat start{119 + 13 * u(rng), 38 + 9 * u(rng)};
      const geo::LonLat end = geodesic.direct(start, 360 * u(rng), distance);
      worst = std::max(worst, std::fabs(geodesic.distance_m_fast(start, end) - distance));
      // The same from a fixed origin, both ways round.
      worst_from = std::max(worst_from, std::fabs(geo::DistanceFrom(geodesic, start).to(end) - distance));
      worst_from = std::max(worst_from, std::fabs(geo::DistanceFrom(geodesic, end).to(start) - distance));
    }
    EXPECT_LT(worst, 0.01) << "at " << distance << " m";
    EXPECT_LT(worst_from, 0.01) << "from a fixed origin, at " << distance << " m";
  }
}

}  // namespace
