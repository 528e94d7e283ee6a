#include "geo/planar.hpp"

#include "geo/geometry.hpp"
#include "geo/operations.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <random>
#include <vector>

namespace {

using geo::PointLocation;
using geo::XY;

TEST(Planar, LocateInRingsSquareWithHole) {
  const std::vector<XY> vertices{{0, 0}, {10, 0}, {10, 10}, {0, 10}, {0, 0},   // shell
                                 {4, 4}, {6, 4},  {6, 6},   {4, 6},  {4, 4}};  // hole
  const std::vector<std::uint32_t> ends{5, 10};
  EXPECT_EQ(geo::locate_in_rings({1, 1}, vertices, ends), PointLocation::Inside);
  EXPECT_EQ(geo::locate_in_rings({5, 5}, vertices, ends), PointLocation::Outside);  // in the hole
  EXPECT_EQ(geo::locate_in_rings({11, 5}, vertices, ends), PointLocation::Outside);
  EXPECT_EQ(geo::locate_in_rings({10, 5}, vertices, ends), PointLocation::Boundary);
  EXPECT_EQ(geo::locate_in_rings({4, 5}, vertices, ends), PointLocation::Boundary);  // hole edge
  EXPECT_EQ(geo::locate_in_rings({0, 0}, vertices, ends), PointLocation::Boundary);  // vertex
  // A ray through a vertex counts once.
  EXPECT_EQ(geo::locate_in_rings({-1, 10}, vertices, ends), PointLocation::Outside);
  EXPECT_EQ(geo::locate_in_rings({2, 4}, vertices, ends), PointLocation::Inside);
}

TEST(Planar, LocateInRingsAgreesWithGeosOnEveryLatticePoint) {
  // Star-shaped polygons on an integer lattice, tested at every lattice and half-lattice point of
  // their box: vertices, points on edges (horizontal, vertical and slanted ones included) and
  // points beside them, against GEOS (covers the polygon; covers its outline = on the boundary).
  std::mt19937 rng(17);
  std::uniform_int_distribution<int> vertex_count(5, 24);
  std::uniform_real_distribution<double> radius(3.0, 20.0);
  int polygons = 0;
  for (int trial = 0; trial < 60; ++trial) {
    const int n = vertex_count(rng);
    std::vector<XY> ring;
    for (int i = 0; i < n; ++i) {
      const double angle = 2 * 3.14159265358979 * i / n;
      const double r = radius(rng);
      ring.push_back({std::round(24 + r * std::cos(angle)), std::round(24 + r * std::sin(angle))});
    }
    ring.push_back(ring.front());
    const geo::Geometry polygon = geo::make_polygon(ring);
    if (!polygon.is_valid()) continue;  // rounding can fold a spike over
    ++polygons;
    const geo::Geometry outline = geo::make_line(ring);
    const std::vector<std::uint32_t> ends{static_cast<std::uint32_t>(ring.size())};
    for (double x = 0; x <= 48; x += 0.5) {
      for (double y = 0; y <= 48; y += 0.5) {
        const geo::Geometry point = geo::make_point(x, y);
        const PointLocation expected = geo::covers(outline, point)   ? PointLocation::Boundary
                                       : geo::covers(polygon, point) ? PointLocation::Inside
                                                                     : PointLocation::Outside;
        ASSERT_EQ(geo::locate_in_rings({x, y}, ring, ends), expected) << "trial " << trial << " at " << x << "," << y;
      }
    }
  }
  EXPECT_GT(polygons, 30);
}

TEST(Planar, SegmentDistanceUsesTheScaledPlane) {
  double t = 0;
  // Point above the middle of a horizontal segment; y scaled by 2.
  EXPECT_DOUBLE_EQ(geo::segment_distance_squared({1, 1}, {0, 0}, {2, 0}, 1.0, 2.0, t), 4.0);
  EXPECT_DOUBLE_EQ(t, 0.5);
  // Beyond the end: distance to the endpoint, t clamped.
  EXPECT_DOUBLE_EQ(geo::segment_distance_squared({5, 0}, {0, 0}, {2, 0}, 3.0, 1.0, t), 81.0);
  EXPECT_DOUBLE_EQ(t, 1.0);
}

TEST(Planar, SegmentBoxDistanceCases) {
  const geo::Envelope box{0, 0, 1, 1};
  EXPECT_EQ(geo::segment_box_distance_squared({-1, 0.5}, {2, 0.5}, box, 1, 1), 0.0);     // crosses
  EXPECT_EQ(geo::segment_box_distance_squared({0.2, 0.2}, {0.3, 0.3}, box, 1, 1), 0.0);  // inside
  EXPECT_EQ(geo::segment_box_distance_squared({1, 1}, {2, 3}, box, 1, 1), 0.0);          // touches a corner
  EXPECT_DOUBLE_EQ(geo::segment_box_distance_squared({3, -5}, {3, 5}, box, 1, 1), 4.0);  // beside
  // Diagonal passing the corner (1,1) at distance sqrt(0.5): x + y = 3.
  EXPECT_NEAR(geo::segment_box_distance_squared({3, 0}, {0, 3}, box, 1, 1), 0.5, 1e-12);
}

// Against a brute-force minimum over points of the box, for random segments and scales.
TEST(Planar, SegmentBoxDistanceMatchesSampling) {
  std::mt19937 random(7);
  std::uniform_real_distribution<double> coord(-3.0, 4.0);
  std::uniform_real_distribution<double> scale(0.5, 2.0);
  const geo::Envelope box{0, 0, 1, 1};
  for (int trial = 0; trial < 300; ++trial) {
    const XY a{coord(random), coord(random)};
    const XY b{coord(random), coord(random)};
    const double sx = scale(random);
    const double sy = scale(random);
    const double fast = geo::segment_box_distance_squared(a, b, box, sx, sy);
    double sampled = 1e300;
    constexpr int kSteps = 60;
    for (int i = 0; i <= kSteps; ++i) {
      for (int j = 0; j <= kSteps; ++j) {
        double t = 0;
        sampled =
            std::min(sampled, geo::segment_distance_squared({double(i) / kSteps, double(j) / kSteps}, a, b, sx, sy, t));
      }
    }
    // `fast` is exact; sampling can only over-estimate, by at most the grid spacing.
    ASSERT_LE(fast, sampled + 1e-12) << trial;
    ASSERT_GE(std::sqrt(fast) + std::hypot(sx, sy) / kSteps, std::sqrt(sampled)) << trial;
  }
}

}  // namespace
