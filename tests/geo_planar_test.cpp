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

// A ring set from closed rings, in the locate_in_rings layout.
struct Rings {
  std::vector<XY> vertices;
  std::vector<std::uint32_t> ends;
  Rings& add(std::vector<XY> ring) {
    ring.push_back(ring.front());
    vertices.insert(vertices.end(), ring.begin(), ring.end());
    ends.push_back(static_cast<std::uint32_t>(vertices.size()));
    return *this;
  }
};

geo::RingsRelation relate(const Rings& outer, const Rings& inner) {
  return geo::relate_rings(outer.vertices, outer.ends, inner.vertices, inner.ends);
}

Rings square(double x0, double y0, double side) {
  return Rings{}.add({{x0, y0}, {x0 + side, y0}, {x0 + side, y0 + side}, {x0, y0 + side}});
}

TEST(Planar, RelateRingsCases) {
  using geo::RingsRelation;
  const Rings big = square(0, 0, 10);
  EXPECT_EQ(relate(big, square(2, 2, 3)), RingsRelation::Contains);
  EXPECT_EQ(relate(big, square(20, 2, 3)), RingsRelation::Disjoint);
  EXPECT_EQ(relate(big, square(8, 2, 4)), RingsRelation::Unknown);    // crossing
  EXPECT_EQ(relate(big, square(10, 2, 3)), RingsRelation::Unknown);   // touching outside along an edge
  EXPECT_EQ(relate(big, square(7, 2, 3)), RingsRelation::Unknown);    // inside, sharing an edge
  EXPECT_EQ(relate(big, square(10, 10, 3)), RingsRelation::Unknown);  // corner to corner
  EXPECT_EQ(relate(square(2, 2, 3), big), RingsRelation::Unknown);    // the other way round
  // A shell with a hole: a parcel in the hole is clear of it; a hole inside the parcel is not.
  Rings holed = square(0, 0, 10);
  holed.add({{4, 4}, {6, 4}, {6, 6}, {4, 6}});
  EXPECT_EQ(relate(holed, square(4.5, 4.5, 1)), RingsRelation::Disjoint);
  EXPECT_EQ(relate(holed, square(1, 1, 2)), RingsRelation::Contains);
  EXPECT_EQ(relate(holed, square(3, 3, 4)), RingsRelation::Unknown);
  // A parcel with a hole around the other's hole: inside (the parcel's hole holds it).
  Rings parcel = square(3, 3, 4);
  parcel.add({{3.5, 3.5}, {6.5, 3.5}, {6.5, 6.5}, {3.5, 6.5}});
  EXPECT_EQ(relate(holed, parcel), RingsRelation::Contains);
  EXPECT_EQ(relate(Rings{}, big), RingsRelation::Unknown);
}

TEST(Planar, RelateRingsNeverContradictsGeos) {
  // Random star polygons against random small quadrilaterals: Contains must mean GEOS finds the
  // inner one inside (and not touching the boundary), Disjoint that GEOS finds no common point.
  std::mt19937 rng(31);
  std::uniform_real_distribution<double> unit(0, 1);
  int contains = 0;
  int disjoint = 0;
  for (int shape = 0; shape < 40; ++shape) {
    std::vector<XY> star;
    const int n = 5 + shape % 20;
    for (int i = 0; i < n; ++i) {
      const double angle = 2 * M_PI * i / n;
      const double r = 3 + 5 * unit(rng);
      star.push_back({10 + r * std::cos(angle), 10 + r * std::sin(angle)});
    }
    const Rings outer = Rings{}.add(star);
    star.push_back(star.front());
    const geo::Geometry outer_shape = geo::make_polygon(star);
    for (int q = 0; q < 200; ++q) {
      const XY c{20 * unit(rng), 20 * unit(rng)};
      const double s = 0.2 + 2 * unit(rng);
      std::vector<XY> quad{{c.x, c.y}, {c.x + s, c.y + 0.3 * s * unit(rng)}, {c.x + s, c.y + s}, {c.x, c.y + s}};
      const Rings inner = Rings{}.add(quad);
      quad.push_back(quad.front());
      const geo::Geometry inner_shape = geo::make_polygon(quad);
      switch (relate(outer, inner)) {
        case geo::RingsRelation::Contains:
          ++contains;
          EXPECT_TRUE(geo::covers(outer_shape, inner_shape)) << shape << " " << q;
          EXPECT_DOUBLE_EQ(geo::area(geo::intersection(outer_shape, inner_shape)), geo::area(inner_shape));
          break;
        case geo::RingsRelation::Disjoint:
          ++disjoint;
          EXPECT_FALSE(geo::intersects(outer_shape, inner_shape)) << shape << " " << q;
          break;
        case geo::RingsRelation::Unknown:
          // Undecided only where the star's outline meets the quadrilateral.
          EXPECT_TRUE(geo::intersects(geo::make_line(star), inner_shape)) << shape << " " << q;
          break;
      }
    }
  }
  EXPECT_GT(contains, 500);
  EXPECT_GT(disjoint, 500);
}

}  // namespace
