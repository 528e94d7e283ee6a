// Clipping on the integer grid (geo/tiles/pixel_clip.hpp) against GEOS's overlay: the cases a
// rectangle clip has to get right, and thousands of random polygons and rectangles on a small grid
// (vertices on the rectangle's edges, touching parts, holes across the boundary), where the area
// must match GEOS's up to the rounding of the crossings, and tile_geometry's answer must always be
// valid for GEOS.
#include "geo/tiles/pixel_clip.hpp"
#include "geo/tiles/pixel_polygon.hpp"
#include "geo/operations.hpp"
#include "geo/tiles/tile_geometry.hpp"
#include "support/pixel_shapes.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <optional>
#include <random>

namespace {

using geo::mvt::GeomType;
using geo::mvt::TilePoint;

geo::Geometry box(double x0, double y0, double x1, double y1) {
  return geo::make_polygon(std::vector<geo::XY>{{x0, y0}, {x1, y0}, {x1, y1}, {x0, y1}});
}

geo::Envelope envelope(const geo::PixelBox& b) {
  return {static_cast<double>(b.min_x), static_cast<double>(b.min_y), static_cast<double>(b.max_x),
          static_cast<double>(b.max_y)};
}

// The exact clip, by GEOS's overlay (GEOSClipByRect, in GEOS 3.11, loses most of a polygon with an
// edge along the rectangle's boundary).
geo::Geometry exact_clip(const geo::Geometry& shape, const geo::PixelBox& rect) {
  const geo::Envelope e = envelope(rect);
  return geo::intersection(shape, box(e.min_x, e.min_y, e.max_x, e.max_y));
}

// How far the area of the exact clip can move when its crossings with the rectangle's edges are
// rounded (each by at most half a unit along the edge): moving a vertex by d changes the area by
// |d × (next − prev)| / 2, so a quarter of the distance between its neighbours, plus the products
// of two moves.
double rounding_bound(const geo::Geometry& exact, const geo::PixelBox& rect) {
  double bound = 1e-9;
  const auto on_boundary = [&](const geo::XY& v) {
    return v.x == rect.min_x || v.x == rect.max_x || v.y == rect.min_y || v.y == rect.max_y;
  };
  geo::for_each_part(exact, [&](std::span<const geo::XY> ring, bool) {
    const std::size_t n = ring.size() - 1;  // closed
    for (std::size_t i = 0; i < n; ++i) {
      if (!on_boundary(ring[i])) continue;
      const geo::XY& prev = ring[(i + n - 1) % n];
      const geo::XY& next = ring[(i + 1) % n];
      bound += 0.25 * std::hypot(next.x - prev.x, next.y - prev.y) + 0.125;
    }
  });
  return bound;
}

// A random valid polygon on the grid, and what the exact test says of it.
struct Drawn {
  geo::Geometry shape;
  geo::mvt::TileGeometry grid;
  bool strict = false;
  bool touching = false;
};
std::optional<Drawn> draw(std::mt19937& random, int size) {
  Drawn out{test_support::random_grid_polygon(random, size), {}, false, false};
  if (out.shape.is_null()) return std::nullopt;
  out.grid = test_support::grid_polygon(out.shape);
  out.strict = geo::is_strictly_valid(out.grid, &out.touching);
  return out;
}

geo::PixelShape shape_of(const geo::Geometry& polygonal) {
  return geo::PixelShape(test_support::grid_polygon(polygonal));
}

TEST(PixelClip, ARectangleInsideAPolygonIsTheRectangleWithTheHolesInside) {
  // An L-shaped hole crossing the rectangle's east edge, and a small hole wholly inside.
  const geo::Geometry with_holes =
      geo::difference(geo::difference(box(0, 0, 100, 100), box(20, 20, 30, 30)), box(45, 40, 60, 45));
  const geo::PixelBox rect{10, 10, 50, 50};
  const auto clipped = geo::clip_to_rect(shape_of(with_holes), rect, {0, 0});
  ASSERT_TRUE(clipped);
  EXPECT_TRUE(clipped->exact);
  const geo::Geometry got = geo::to_geometry(clipped->geometry);
  EXPECT_TRUE(got.is_valid()) << got.validity_reason();
  EXPECT_EQ(geo::area(got), 40 * 40 - 10 * 10 - 5 * 5);
  EXPECT_EQ(clipped->geometry.part_ends.size(), 2U) << "the rectangle closed around the notch, and one hole";
}

TEST(PixelClip, APolygonOnlyTouchingTheRectangleFromOutsideLeavesNothing) {
  const geo::Geometry diamond = geo::make_polygon(std::vector<geo::XY>{{20, 0}, {30, 10}, {20, 20}, {10, 10}});
  // The diamond's west vertex (10, 10) lies on the rectangle's east edge.
  const auto clipped = geo::clip_to_rect(shape_of(diamond), {0, 0, 10, 20}, {0, 0});
  ASSERT_TRUE(clipped);
  EXPECT_TRUE(clipped->geometry.empty());
}

TEST(PixelClip, PiecesOfOnePolygonAreClosedAlongTheBoundaryInTheRightOrder) {
  // A comb: three teeth reaching down across the rectangle's south edge at y = 10.
  const geo::Geometry comb = geo::make_polygon(std::vector<geo::XY>{
      {0, 0}, {10, 0}, {10, 30}, {20, 30}, {20, 0}, {30, 0}, {30, 30}, {40, 30}, {40, 0}, {50, 0}, {50, 40}, {0, 40}});
  const geo::PixelBox rect{-5, 10, 55, 35};
  const auto clipped = geo::clip_to_rect(shape_of(comb), rect, {0, 0});
  ASSERT_TRUE(clipped);
  const geo::Geometry got = geo::to_geometry(clipped->geometry);
  EXPECT_TRUE(got.is_valid()) << got.validity_reason();
  EXPECT_EQ(geo::area(got), geo::area(exact_clip(comb, rect)));
  EXPECT_EQ(clipped->geometry.part_ends.size(), 1U);
}

TEST(PixelClip, LinesAreCutIntoPartsAndPointsFiltered) {
  geo::mvt::TileGeometry line;
  line.type = GeomType::LineString;
  line.points = {{-10, 5}, {30, 5}, {30, 8}, {-10, 8}, {-10, 20}, {5, 20}};
  line.part_ends = {6};
  const auto clipped = geo::clip_to_rect(geo::PixelShape(line), {0, 0, 20, 20}, {0, 0});
  ASSERT_TRUE(clipped);
  // In at x = 0, out at x = 20, in again, out at x = 0; then along the north edge to (5, 20).
  EXPECT_EQ(clipped->geometry.part_ends.size(), 3U);
  EXPECT_EQ(clipped->geometry.points.front(), (TilePoint{0, 5}));
  EXPECT_EQ(clipped->geometry.points.back(), (TilePoint{5, 20}));

  geo::mvt::TileGeometry points;
  points.type = GeomType::Point;
  points.points = {{0, 0}, {25, 5}, {20, 20}};
  points.part_ends = {3};
  const auto kept = geo::clip_to_rect(geo::PixelShape(points), {0, 0, 20, 20}, {10, 10});
  ASSERT_TRUE(kept);
  EXPECT_EQ(kept->geometry.points, (std::vector<TilePoint>{{-10, -10}, {10, 10}}));
}

TEST(PixelClip, RandomPolygonsMatchGeosUpToRounding) {
  std::mt19937 random(7);
  std::uniform_int_distribution<std::int32_t> edge(-3, 23);
  int clipped_count = 0, exact = 0, declined = 0, checked_valid = 0;
  for (int i = 0; i < 4000; ++i) {
    const auto drawn = draw(random, 20);
    if (!drawn) continue;
    const auto& [shape, grid, strict, touching] = *drawn;
    std::int32_t x0 = edge(random), x1 = edge(random), y0 = edge(random), y1 = edge(random);
    if (x0 == x1 || y0 == y1) continue;
    const geo::PixelBox rect{std::min(x0, x1), std::min(y0, y1), std::max(x0, x1), std::max(y0, y1)};
    const auto clipped = geo::clip_to_rect(geo::PixelShape(grid), rect, {0, 0});
    if (!clipped) {
      ++declined;
      continue;
    }
    ++clipped_count;
    const geo::Geometry exact_result = exact_clip(shape, rect);
    const double expected = geo::area(exact_result);
    const geo::Geometry got = geo::to_geometry(clipped->geometry);
    const std::string where = "shape " + std::to_string(i) + " rect " + std::to_string(rect.min_x) + "," +
                              std::to_string(rect.min_y) + " " + std::to_string(rect.max_x) + "," +
                              std::to_string(rect.max_y);
    if (clipped->exact) {
      ++exact;
      EXPECT_DOUBLE_EQ(geo::area(got), expected) << where;
      if (strict && !touching) {
        EXPECT_TRUE(got.is_valid()) << where << ": " << got.validity_reason();
      }
    } else {
      EXPECT_NEAR(geo::area(got), expected, rounding_bound(exact_result, rect)) << where;
    }
    if (!clipped->geometry.empty() && geo::is_strictly_valid(clipped->geometry)) {
      ++checked_valid;
      EXPECT_TRUE(got.is_valid()) << where;
    }
  }
  EXPECT_GT(clipped_count, 3000);
  EXPECT_GT(exact, 1000);
  EXPECT_LT(declined, clipped_count / 20) << "too many clips left to the exact path";
  EXPECT_GT(checked_valid, clipped_count / 2);
}

// tile_geometry end to end on small tiles (extent 16, buffer 2) of random shapes: whatever path
// it takes, polygons come out valid for GEOS and exteriors first and positive, with the area of
// the exact clip up to the rounding of about a unit along the clipped outline.
TEST(PixelClip, TileGeometryIsAlwaysValid) {
  std::mt19937 random(11);
  const geo::TileOptions options{16, 2, 1.0, 4.0};
  int tiles = 0;
  for (int i = 0; i < 1500; ++i) {
    const auto drawn = draw(random, 40);
    if (!drawn) continue;
    const auto& [shape, grid, strict, touching] = *drawn;
    const geo::ZoomGeometry zoom{geo::PixelShape(grid), false, !strict, touching || !strict};
    for (std::uint32_t y = 0; y < 3; ++y) {
      for (std::uint32_t x = 0; x < 3; ++x) {
        const geo::mvt::TileGeometry tile = geo::tile_geometry(zoom, x, y, options);
        if (tile.empty()) continue;
        ++tiles;
        const geo::Geometry got = geo::to_geometry(tile);
        ASSERT_TRUE(got.is_valid()) << "shape " << i << " tile " << x << "," << y << ": " << got.validity_reason();
        EXPECT_GT(geo::mvt::ring_area2({tile.points.data(), tile.part_ends.front()}), 0);
        const double ox = 16.0 * x, oy = 16.0 * y;
        const geo::Geometry expected = geo::intersection(shape, box(ox - 2, oy - 2, ox + 18, oy + 18));
        EXPECT_NEAR(geo::area(got), geo::area(expected), 0.75 * geo::length(expected) + 1.0)
            << "shape " << i << " tile " << x << "," << y;
      }
    }
  }
  EXPECT_GT(tiles, 3000);
}

}  // namespace
