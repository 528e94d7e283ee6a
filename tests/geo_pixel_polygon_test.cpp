// The exact validity test on integer polygons (geo/tiles/pixel_polygon.hpp): each configuration it must
// accept or refuse, spike removal, and — on thousands of random polygons, valid and not — that
// whatever it accepts GEOS finds valid too (it may refuse more, never less).
#include "geo/tiles/pixel_polygon.hpp"
#include "geo/operations.hpp"
#include "geo/tiles/tile_geometry.hpp"
#include "support/pixel_shapes.hpp"

#include <gtest/gtest.h>

#include <random>

namespace {

using geo::mvt::GeomType;
using geo::mvt::TilePoint;
using Ring = std::vector<TilePoint>;

// Rings as written: exteriors must be positive and holes negative (ring_area2), as MVT lays them out.
geo::mvt::TileGeometry polygon(const std::vector<Ring>& rings) {
  geo::mvt::TileGeometry out;
  out.type = GeomType::Polygon;
  for (const Ring& ring : rings) {
    out.points.insert(out.points.end(), ring.begin(), ring.end());
    out.part_ends.push_back(static_cast<std::uint32_t>(out.points.size()));
  }
  return out;
}

// Positive (an exterior): counter-clockwise with y up.
Ring square(std::int32_t x0, std::int32_t y0, std::int32_t x1, std::int32_t y1) {
  return {{x0, y0}, {x1, y0}, {x1, y1}, {x0, y1}};
}
Ring hole(std::int32_t x0, std::int32_t y0, std::int32_t x1, std::int32_t y1) {
  return {{x0, y0}, {x0, y1}, {x1, y1}, {x1, y0}};
}

// The verdict, checked against GEOS whenever it is "valid".
bool strictly_valid(const geo::mvt::TileGeometry& g) {
  const bool valid = geo::is_strictly_valid(g);
  if (valid) {
    EXPECT_TRUE(geo::to_geometry(g).is_valid()) << geo::to_geometry(g).validity_reason();
  }
  return valid;
}

TEST(PixelPolygon, AcceptsSimpleRingsHolesAndPartsTouchingAtAPoint) {
  EXPECT_TRUE(strictly_valid(polygon({square(0, 0, 10, 10)})));
  EXPECT_TRUE(strictly_valid(polygon({square(0, 0, 10, 10), hole(2, 2, 5, 5), hole(6, 6, 8, 8)})));
  EXPECT_TRUE(strictly_valid(polygon({square(0, 0, 10, 10), square(20, 0, 30, 10)})));
  // Two parts sharing a corner; a part whose vertex lies on another's edge.
  EXPECT_TRUE(strictly_valid(polygon({square(0, 0, 10, 10), square(10, 10, 20, 20)})));
  EXPECT_TRUE(strictly_valid(polygon({square(0, 0, 10, 10), Ring{{10, 5}, {20, 0}, {20, 10}}})));
  // A hole touching its exterior at one point.
  EXPECT_TRUE(strictly_valid(polygon({square(0, 0, 10, 10), Ring{{0, 5}, {5, 8}, {5, 2}}})));
  // An island inside a lake of another part.
  EXPECT_TRUE(strictly_valid(polygon({square(0, 0, 30, 30), hole(5, 5, 25, 25), square(10, 10, 20, 20)})));
  // Collinear vertices are fine.
  EXPECT_TRUE(strictly_valid(polygon({Ring{{0, 0}, {5, 0}, {10, 0}, {10, 10}, {0, 10}}})));
}

TEST(PixelPolygon, RefusesCrossingsTouchesOfARingWithItselfSpikesAndBadNesting) {
  EXPECT_FALSE(strictly_valid(polygon({Ring{{0, 0}, {10, 10}, {10, 0}, {0, 10}}})));          // bow tie
  EXPECT_FALSE(strictly_valid(polygon({Ring{{0, 0}, {10, 0}, {10, 10}, {5, 0}, {0, 10}}})));  // touches itself
  EXPECT_FALSE(strictly_valid(polygon({Ring{{0, 0}, {10, 0}, {10, 10}, {10, 20}, {10, 10}, {0, 10}}})));  // spike
  EXPECT_FALSE(strictly_valid(polygon({Ring{{0, 0}, {10, 0}, {0, 0}, {0, 10}}})));       // repeated vertex
  EXPECT_FALSE(strictly_valid(polygon({square(0, 0, 10, 10), square(5, 5, 15, 15)})));   // overlapping parts
  EXPECT_FALSE(strictly_valid(polygon({square(0, 0, 10, 10), square(10, 0, 20, 10)})));  // sharing an edge
  EXPECT_FALSE(strictly_valid(polygon({square(0, 0, 10, 10), hole(20, 20, 25, 25)})));   // hole outside
  EXPECT_FALSE(strictly_valid(polygon({square(0, 0, 10, 10), hole(1, 1, 9, 9), hole(3, 3, 6, 6)})));  // nested holes
  EXPECT_FALSE(strictly_valid(polygon({square(0, 0, 20, 20), square(5, 5, 10, 10)})));  // part inside a part
  EXPECT_FALSE(strictly_valid(polygon({square(0, 0, 10, 10), square(0, 0, 10, 10)})));  // twice the same
  // A hole touching its exterior at two points cuts the interior in two.
  EXPECT_FALSE(strictly_valid(polygon({square(0, 0, 10, 10), Ring{{0, 5}, {5, 7}, {10, 5}, {5, 3}}})));
  // Two parts meeting at a vertex where one crosses into the other.
  EXPECT_FALSE(
      strictly_valid(polygon({Ring{{0, 0}, {10, 0}, {5, 5}, {10, 10}, {0, 10}}, Ring{{5, 5}, {15, 5}, {8, 8}}})));
  EXPECT_FALSE(strictly_valid(polygon({Ring{{0, 0}, {10, 0}, {10, 10}}, hole(1, 1, 2, 2)})));  // hole not inside
  EXPECT_FALSE(strictly_valid(polygon({hole(0, 0, 10, 10)})));                                 // a hole first
  EXPECT_FALSE(strictly_valid(polygon({Ring{{0, 0}, {10, 0}, {20, 0}}})));                     // no area
}

TEST(PixelPolygon, RemoveSpikesDropsRepeatsAndFoldsAroundTheClosingVertex) {
  Ring ring{{0, 0}, {0, 0}, {10, 0}, {10, 10}, {10, 20}, {10, 10}, {0, 10}, {0, 0}};
  geo::remove_spikes(ring);
  EXPECT_EQ(ring, (Ring{{0, 0}, {10, 0}, {10, 10}, {0, 10}}));
  Ring closing{{-5, 0}, {0, 0}, {10, 0}, {10, 10}, {0, 10}, {0, 0}};  // the spike straddles the start
  geo::remove_spikes(closing);
  EXPECT_EQ(closing, (Ring{{0, 0}, {10, 0}, {10, 10}, {0, 10}}));
  // A narrow spike: out to (100, 5) and back to (0, 6), one unit off the way out.
  Ring narrow{{0, 0}, {10, 0}, {10, 10}, {0, 10}, {0, 5}, {100, 5}, {0, 6}};
  Ring kept = narrow;
  geo::remove_spikes(kept);
  EXPECT_EQ(kept.size(), narrow.size());
  geo::remove_spikes(narrow, 1.0);  // and then (0, 5), a fold once the tip is gone
  EXPECT_EQ(narrow, (Ring{{0, 0}, {10, 0}, {10, 10}, {0, 10}, {0, 6}}));
  Ring flat{{0, 0}, {10, 0}, {20, 0}, {10, 0}};
  geo::remove_spikes(flat);
  EXPECT_TRUE(flat.empty());
}

// After split_pinches: valid for both tests, with the area it had.
void expect_split(geo::mvt::TileGeometry g, std::size_t rings) {
  const double area = geo::area(geo::to_geometry(g));
  ASSERT_FALSE(geo::is_strictly_valid(g));
  ASSERT_TRUE(geo::split_pinches(g));
  EXPECT_TRUE(strictly_valid(g));
  EXPECT_EQ(g.part_ends.size(), rings);
  EXPECT_DOUBLE_EQ(geo::area(geo::to_geometry(g)), area);
}

TEST(PixelPolygon, SplitPinchesTurnsATouchOfARingWithItselfIntoRingsTouchingEachOther) {
  // Two squares joined at a corner, drawn as one ring: two exteriors touching at (10, 10).
  expect_split(polygon({Ring{{0, 0}, {10, 0}, {10, 10}, {20, 10}, {20, 20}, {10, 20}, {10, 10}, {0, 10}}}), 2);
  // Round the outside, then round a hole that touches it at (0, 5): an exterior and a hole.
  expect_split(polygon({Ring{{0, 0}, {10, 0}, {10, 10}, {0, 10}, {0, 5}, {4, 7}, {4, 3}, {0, 5}}}), 2);
  // Touching its own edge at (5, 0), which is no vertex of that edge: two triangles.
  expect_split(polygon({Ring{{0, 0}, {10, 0}, {10, 10}, {5, 0}, {0, 10}}}), 2);
  // Running back over itself along y = 0 between x = 4 and 6 (as a clip's closing walk over a
  // piece lying on the tile's edge): the stretch is cut out, leaving two exteriors.
  expect_split(polygon({Ring{{0, 0}, {10, 0}, {10, 10}, {6, 10}, {6, 0}, {4, 0}, {4, 10}, {0, 10}}}), 2);
  // Nothing to split, or not by this: left as it was.
  geo::mvt::TileGeometry bow_tie = polygon({Ring{{0, 0}, {10, 10}, {10, 0}, {0, 10}}});
  EXPECT_FALSE(geo::split_pinches(bow_tie));
  EXPECT_EQ(bow_tie.points.size(), 4U);
  geo::mvt::TileGeometry fine = polygon({square(0, 0, 10, 10)});
  EXPECT_FALSE(geo::split_pinches(fine));
}

TEST(PixelPolygon, InsideRingIsExactNearEdges) {
  const Ring triangle{{0, 0}, {1000000, 1}, {0, 2}};
  EXPECT_TRUE(geo::inside_ring({999998, 1}, triangle));
  EXPECT_FALSE(geo::inside_ring({999999, 2}, triangle));
  EXPECT_FALSE(geo::inside_ring({-1, 1}, triangle));
}

// Random polygons on a small grid (many collinear and coincident vertices): whatever the exact
// test accepts must be valid for GEOS, valid random shapes are mostly accepted, and shapes made
// invalid by moving one vertex are caught when GEOS says so.
TEST(PixelPolygon, AgreesWithGeosOnRandomPolygons) {
  std::mt19937 random(20240611);
  int accepted = 0, valid_shapes = 0, perturbed_invalid = 0, perturbed_caught = 0;
  for (int i = 0; i < 3000; ++i) {
    const geo::Geometry shape = test_support::random_grid_polygon(random, 12);
    if (shape.is_null()) continue;
    geo::mvt::TileGeometry g = test_support::grid_polygon(shape);
    ++valid_shapes;
    if (strictly_valid(g)) ++accepted;
    // Move one vertex by a unit or two: often invalid, sometimes not.
    std::uniform_int_distribution<std::size_t> which(0, g.points.size() - 1);
    std::uniform_int_distribution<int> step(-2, 2);
    TilePoint& p = g.points[which(random)];
    p = {p.x + step(random), p.y + step(random)};
    const bool geos_valid = geo::to_geometry(g).is_valid();
    const bool ours = strictly_valid(g);
    if (!geos_valid) {
      ++perturbed_invalid;
      if (!ours) ++perturbed_caught;
    }
  }
  EXPECT_GT(valid_shapes, 2500);
  EXPECT_GT(accepted, valid_shapes * 8 / 10) << "refuses too many valid polygons";
  EXPECT_GT(perturbed_invalid, 300);
  EXPECT_EQ(perturbed_caught, perturbed_invalid);
}

}  // namespace
