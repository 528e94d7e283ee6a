#include "geo/gcj02.hpp"
#include "geo/geodesic.hpp"

#include <gtest/gtest.h>

#include <cmath>

namespace {

TEST(Gcj02, KnownOffsetAtChangchun) {
  // At 125.3245E 43.8868N (长春 centre) Chinese web maps draw a WGS84 point about 530 m east and
  // 280 m north of where it is.
  const geo::LonLat wgs{125.3245, 43.8868};
  const geo::LonLat gcj = geo::wgs84_to_gcj02(wgs);
  const geo::Geodesic geodesic;
  const double east_m = geodesic.distance_m(wgs, {gcj.lon, wgs.lat}) * (gcj.lon > wgs.lon ? 1 : -1);
  const double north_m = geodesic.distance_m(wgs, {wgs.lon, gcj.lat}) * (gcj.lat > wgs.lat ? 1 : -1);
  EXPECT_NEAR(east_m, 530.0, 25.0);
  EXPECT_NEAR(north_m, 280.0, 25.0);
}

TEST(Gcj02, InverseRecoversWgs84BelowTenMillionthsOfADegree) {
  double worst = 0;
  for (double lon = 122.0; lon <= 130.0; lon += 0.37) {
    for (double lat = 40.5; lat <= 46.5; lat += 0.29) {
      const geo::LonLat back = geo::gcj02_to_wgs84(geo::wgs84_to_gcj02({lon, lat}));
      worst = std::max({worst, std::fabs(back.lon - lon), std::fabs(back.lat - lat)});
    }
  }
  EXPECT_LT(worst, 1e-7);
}

TEST(Gcj02, OutsideChinaNothingMoves) {
  const geo::LonLat seoul_far{140.0, 37.5};  // east of the GCJ box
  const geo::LonLat out = geo::wgs84_to_gcj02(seoul_far);
  EXPECT_EQ(out.lon, seoul_far.lon);
  EXPECT_EQ(out.lat, seoul_far.lat);
  EXPECT_FALSE(geo::gcj02_applies(seoul_far));
  EXPECT_TRUE(geo::gcj02_applies({125.3, 43.9}));
}

}  // namespace
