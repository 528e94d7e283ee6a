#include "geo/crs.hpp"
#include "geo/error.hpp"
#include "geo/geodesic.hpp"
#include "geo/measure.hpp"
#include "geo/operations.hpp"
#include "geo/projection.hpp"
#include "geo/wkb.hpp"

#include <gtest/gtest.h>

#include <thread>
#include <vector>

namespace {

TEST(Projection, WebMercatorKnownValuesInLonLatOrder) {
  const geo::Transformer to_mercator(geo::crs::kWgs84, geo::crs::kWebMercator);
  const geo::XY edge = to_mercator.forward({180.0, 0.0});
  EXPECT_NEAR(edge.x, 20037508.342789244, 1e-6);
  EXPECT_NEAR(edge.y, 0.0, 1e-6);
  const geo::XY changchun = to_mercator.forward({125.3245, 43.8868});
  const geo::XY back = to_mercator.inverse(changchun);
  EXPECT_NEAR(back.x, 125.3245, 1e-9);
  EXPECT_NEAR(back.y, 43.8868, 1e-9);
  EXPECT_NEAR(to_mercator.forward({0.0, 45.0}).y, 5621521.486192066, 1e-6);
}

TEST(Projection, Cgcs2000AndWgs84AgreeWithinOneMetre) {
  const geo::Transformer from_cgcs(geo::crs::kCgcs2000, geo::crs::kWgs84);
  const geo::Geodesic geodesic;
  for (const geo::LonLat site : {geo::LonLat{125.3245, 43.8868}, geo::LonLat{126.5496, 43.8378},
                                 geo::LonLat{124.3504, 43.1664}, geo::LonLat{125.1437, 42.8879}}) {
    const geo::XY wgs = from_cgcs.forward({site.lon, site.lat});
    EXPECT_LT(geodesic.distance_m(site, {wgs.x, wgs.y}), 1.0) << site.lon << "," << site.lat;
    const geo::XY round_trip = from_cgcs.inverse(wgs);
    EXPECT_NEAR(round_trip.x, site.lon, 1e-9);
    EXPECT_NEAR(round_trip.y, site.lat, 1e-9);
  }
}

TEST(Projection, GaussKrugerZone42RoundTrip) {
  // CGCS2000 3-degree Gauss–Krüger, CM 126°E, the projection GIS staff around 长春/吉林 use.
  const geo::Transformer to_gk(geo::crs::kCgcs2000, "EPSG:4551");
  const geo::XY p = to_gk.forward({126.0, 44.0});
  EXPECT_NEAR(p.x, 500000.0, 1e-3);  // on the central meridian: the false easting
  // Scale 1 on the central meridian: northing = meridian arc to 44°N on the CGCS2000 ellipsoid,
  // 4 873 822.37 m by numerical integration of the meridian radius of curvature.
  EXPECT_NEAR(p.y, 4873822.37, 0.01);
  const geo::XY back = to_gk.inverse(p);
  EXPECT_NEAR(back.x, 126.0, 1e-9);
  EXPECT_NEAR(back.y, 44.0, 1e-9);
}

TEST(Projection, EqualAreaMatchesEllipsoidalArea) {
  // A 1°×1° cell over 长春, densified so both methods measure the same shape: the projected
  // polygon's planar area must equal the geodesic polygon area on the ellipsoid.
  std::vector<geo::XY> ring;
  std::vector<geo::LonLat> ring_ll;
  auto add = [&](double lon, double lat) {
    ring.push_back({lon, lat});
    ring_ll.push_back({lon, lat});
  };
  const int steps = 200;
  for (int i = 0; i < steps; ++i) add(125.0 + i / double(steps), 43.0);
  for (int i = 0; i < steps; ++i) add(126.0, 43.0 + i / double(steps));
  for (int i = 0; i < steps; ++i) add(126.0 - i / double(steps), 44.0);
  for (int i = 0; i < steps; ++i) add(125.0, 44.0 - i / double(steps));
  const auto cell = geo::make_polygon(ring);
  const double projected_km2 = geo::area_km2(cell);
  const double geodesic_km2 = geo::Geodesic().ring_area_m2(ring_ll) / 1e6;
  EXPECT_NEAR(projected_km2 / geodesic_km2, 1.0, 1e-5) << projected_km2 << " vs " << geodesic_km2;
  // The analytic area of the WGS84 graticule cell bounded by 43°/44°N and 125°/126°E:
  // Δλ·a²(1−e²)·[F(φ2) − F(φ1)], F(φ) = sinφ/(2(1−e²sin²φ)) + ln((1+e sinφ)/(1−e sinφ))/(4e).
  EXPECT_NEAR(projected_km2, 8985.4831, 0.01);
}

TEST(Projection, UnknownCrsIsAProjectionError) {
  EXPECT_THROW(geo::Transformer("EPSG:999999", geo::crs::kWgs84), geo::ProjectionError);
  EXPECT_THROW(geo::Transformer("not a crs", geo::crs::kWgs84), geo::ProjectionError);
}

TEST(Projection, GeometryTransformAndPerThreadTransformers) {
  const auto line = geo::from_wkt("LINESTRING (125 43, 126 44)");
  std::vector<double> lengths(4);
  std::vector<std::thread> threads;
  for (std::size_t t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      const geo::Transformer& tr = geo::thread_transformer(geo::crs::kWgs84, geo::crs::kWebMercator);
      for (int i = 0; i < 200; ++i) lengths[t] = geo::length(tr.forward(line));
    });
  }
  for (auto& t : threads) t.join();
  for (std::size_t t = 1; t < 4; ++t) EXPECT_DOUBLE_EQ(lengths[t], lengths[0]);
  EXPECT_GT(lengths[0], 100000.0);
}

}  // namespace
