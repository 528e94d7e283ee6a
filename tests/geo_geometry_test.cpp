#include "geo/error.hpp"
#include "geo/geometry.hpp"
#include "geo/operations.hpp"
#include "geo/prepared.hpp"
#include "geo/wkb.hpp"

#include <gtest/gtest.h>

#include <thread>
#include <vector>

namespace {

using geo::from_wkt;
using geo::to_wkt;

TEST(Geometry, WktRoundTripKeepsCoordinates) {
  const auto g = from_wkt("POLYGON ((125 43, 126 43, 126 44, 125 44, 125 43))");
  EXPECT_EQ(g.type(), geo::GeometryType::Polygon);
  EXPECT_EQ(to_wkt(g), "POLYGON ((125 43, 126 43, 126 44, 125 44, 125 43))");
  EXPECT_EQ(g.num_coordinates(), 5);
  const geo::Envelope env = g.envelope();
  EXPECT_EQ(env, (geo::Envelope{125, 43, 126, 44}));
}

TEST(Geometry, WkbRoundTripIsExact) {
  const auto g = from_wkt("MULTILINESTRING ((125.123456789 43.1, 125.2 43.2), (126 44, 126.5 44.5))");
  const auto back = geo::from_wkb(geo::to_wkb(g));
  EXPECT_TRUE(geo::equals_exact(g, back, 0.0)) << to_wkt(back);
}

TEST(Geometry, BadWktThrowsGeometryErrorWithGeosMessage) {
  try {
    (void)from_wkt("POLYGON ((125 43, 126 43");
    FAIL() << "no exception";
  } catch (const geo::GeometryError& e) {
    const std::string what = e.what();
    EXPECT_NE(what.find("read WKT"), std::string::npos) << what;
    EXPECT_GT(what.size(), std::string("read WKT: ").size()) << "GEOS's own message is missing: " << what;
  }
}

TEST(Geometry, ErrorsAreReportedPerThread) {
  // Each thread's context has its own message slot: a failure in one thread must not surface as
  // (or overwrite) the message of another.
  std::vector<std::string> messages(4);
  std::vector<std::thread> threads;
  for (int i = 0; i < 4; ++i) {
    threads.emplace_back([i, &messages] {
      for (int round = 0; round < 50; ++round) {
        try {
          (void)from_wkt("POINT (" + std::to_string(i) + " nonsense)");
        } catch (const geo::GeometryError& e) {
          messages[static_cast<std::size_t>(i)] = e.what();
        }
        const auto ok = from_wkt("POINT (1 2)");
        EXPECT_FALSE(ok.is_empty());
      }
    });
  }
  for (auto& t : threads) t.join();
  for (const auto& m : messages) EXPECT_NE(m.find("read WKT"), std::string::npos) << m;
}

TEST(Geometry, MoveTransfersOwnershipAndCloneIsDeep) {
  auto a = from_wkt("POINT (1 2)");
  auto b = std::move(a);
  EXPECT_TRUE(a.is_null());  // NOLINT(bugprone-use-after-move): checking the moved-from state
  EXPECT_FALSE(b.is_null());
  auto c = b.clone();
  EXPECT_NE(c.get(), b.get());
  EXPECT_TRUE(geo::equals_exact(b, c, 0));
  EXPECT_THROW((void)a.type(), geo::GeometryError);
}

TEST(Geometry, MakeValidRepairsBowtieKeepingArea) {
  // A figure-eight ring: two 1x1 triangles crossing at (1,1). Structure method keeps both lobes.
  const auto bowtie = from_wkt("POLYGON ((0 0, 2 2, 2 0, 0 2, 0 0))");
  EXPECT_FALSE(bowtie.is_valid());
  EXPECT_NE(bowtie.validity_reason().find("Self-intersection"), std::string::npos) << bowtie.validity_reason();
  const auto fixed = geo::make_valid(bowtie);
  EXPECT_TRUE(fixed.is_valid());
  EXPECT_EQ(fixed.type(), geo::GeometryType::MultiPolygon);
  EXPECT_NEAR(geo::area(fixed), 2.0, 1e-12);
}

TEST(Geometry, PolygonalPartDropsStrayLines) {
  const auto mixed = from_wkt("GEOMETRYCOLLECTION (POLYGON ((0 0, 1 0, 1 1, 0 0)), LINESTRING (5 5, 6 6))");
  const auto polygons = geo::polygonal_part(mixed);
  EXPECT_EQ(polygons.type(), geo::GeometryType::MultiPolygon);
  EXPECT_EQ(polygons.num_geometries(), 1);
}

TEST(Geometry, UnionIntersectionDifference) {
  const auto a = from_wkt("POLYGON ((0 0, 2 0, 2 2, 0 2, 0 0))");
  const auto b = from_wkt("POLYGON ((1 0, 3 0, 3 2, 1 2, 1 0))");
  std::vector<geo::Geometry> both;
  both.push_back(a.clone());
  both.push_back(b.clone());
  EXPECT_NEAR(geo::area(geo::union_all(both)), 6.0, 1e-12);
  EXPECT_NEAR(geo::area(geo::intersection(a, b)), 2.0, 1e-12);
  EXPECT_NEAR(geo::area(geo::difference(a, b)), 2.0, 1e-12);
}

TEST(Geometry, ConstructorsBuildWhatTheyAreGiven) {
  const std::vector<geo::XY> ring = {{0, 0}, {4, 0}, {4, 4}, {0, 4}};  // left open on purpose
  const std::vector<std::vector<geo::XY>> holes = {{{1, 1}, {2, 1}, {2, 2}, {1, 2}}};
  const auto polygon = geo::make_polygon(ring, holes);
  EXPECT_TRUE(polygon.is_valid());
  EXPECT_NEAR(geo::area(polygon), 15.0, 1e-12);
  const auto line = geo::make_line(ring);
  EXPECT_NEAR(geo::length(line), 12.0, 1e-12);
}

TEST(PreparedGeometry, CoversCountsBoundaryAsInside) {
  geo::PreparedGeometry square(from_wkt("POLYGON ((0 0, 2 0, 2 2, 0 2, 0 0))"));
  EXPECT_TRUE(square.covers(geo::make_point(1, 1)));
  EXPECT_TRUE(square.covers(geo::make_point(2, 1)));     // on the edge
  EXPECT_FALSE(square.contains(geo::make_point(2, 1)));  // contains excludes the boundary
  EXPECT_FALSE(square.covers(geo::make_point(3, 1)));
  EXPECT_NEAR(square.distance(geo::make_point(5, 1)), 3.0, 1e-12);
}

TEST(PreparedGeometry, WarmedInstanceAnswersConsistentlyFromManyThreads) {
  geo::PreparedGeometry circle(geo::buffer(geo::make_point(0, 0), 10.0, 32));
  circle.warm();
  std::vector<std::thread> threads;
  std::vector<int> inside(4, 0);
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 2000; ++i) {
        const double x = -12.0 + 24.0 * (i % 100) / 100.0;
        const double y = -12.0 + 24.0 * (i / 100) / 20.0;
        if (circle.covers(geo::make_point(x, y))) ++inside[static_cast<std::size_t>(t)];
      }
    });
  }
  for (auto& t : threads) t.join();
  for (int t = 1; t < 4; ++t) EXPECT_EQ(inside[static_cast<std::size_t>(t)], inside[0]);
  EXPECT_GT(inside[0], 0);
}

TEST(Geometry, TransformXYAppliesToEveryVertexAndCanAbort) {
  const auto g = from_wkt("LINESTRING (1 2, 3 4)");
  const auto moved = geo::transform_xy(g, [](double& x, double& y) {
    x += 10;
    y *= 2;
    return true;
  });
  EXPECT_EQ(to_wkt(moved), "LINESTRING (11 4, 13 8)");
  EXPECT_THROW((void)geo::transform_xy(g, [](double&, double&) { return false; }), geo::GeometryError);
}

}  // namespace
