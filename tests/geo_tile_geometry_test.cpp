// From lon/lat geometry to one tile's geometry: projection, per-zoom snapping, clipping with the
// buffer, winding, degenerate parts, tiny features, the edges of the world.
#include "geo/operations.hpp"
#include "geo/tiles/tile_geometry.hpp"
#include "geo/tiles/tile_math.hpp"

#include <gtest/gtest.h>

#include <cmath>

namespace {

using geo::mvt::GeomType;

geo::Geometry lonlat_polygon(std::vector<geo::XY> ring, std::vector<std::vector<geo::XY>> holes = {}) {
  return geo::make_polygon(ring, holes);
}

geo::Geometry box(double west, double south, double east, double north) {
  return lonlat_polygon({{west, south}, {east, south}, {east, north}, {west, north}});
}

geo::mvt::TileGeometry tile_of(const geo::Geometry& lonlat, const geo::TileId& tile, geo::TileOptions options = {}) {
  const auto prepared = geo::prepare_for_zoom(geo::WorldFeature(lonlat), tile.z, options);
  return geo::tile_geometry(prepared, tile.x, tile.y, options);
}

std::vector<std::span<const geo::mvt::TilePoint>> parts(const geo::mvt::TileGeometry& g) {
  std::vector<std::span<const geo::mvt::TilePoint>> out;
  std::uint32_t begin = 0;
  for (const auto end : g.part_ends) {
    out.emplace_back(g.points.data() + begin, end - begin);
    begin = end;
  }
  return out;
}

TEST(TileMath, TileOfChangchunAndBounds) {
  // 长春 (125.3245°E, 43.8868°N) lies in tile 10/868/372 (x = 868.48, y = 372.79 by the XYZ formula).
  const geo::TileId t = geo::tile_containing(125.3245, 43.8868, 10);
  EXPECT_EQ(t, (geo::TileId{10, 868, 372}));
  const geo::Envelope b = geo::tile_lonlat_bounds(t);
  EXPECT_LE(b.min_x, 125.3245);
  EXPECT_GE(b.max_x, 125.3245);
  EXPECT_LE(b.min_y, 43.8868);
  EXPECT_GE(b.max_y, 43.8868);
  EXPECT_NEAR(geo::tile_lonlat_bounds({0, 0, 0}).max_y, geo::kMaxMercatorLatitude, 1e-9);
  EXPECT_FALSE(geo::is_valid({3, 8, 0}));
  EXPECT_FALSE(geo::is_valid({-1, 0, 0}));
  EXPECT_TRUE(geo::is_valid({3, 7, 7}));
  const auto range = geo::tiles_covering({125.0, 43.5, 125.6, 44.2}, 10);
  EXPECT_LE(range.min_x, t.x);
  EXPECT_GE(range.max_x, t.x);
  EXPECT_GE(range.count(), 4U);
}

TEST(TileGeometry, PolygonInsideATileIsWoundClockwiseWhateverTheInputOrientation) {
  const geo::Geometry ccw = box(125.30, 43.85, 125.34, 43.89);
  const geo::Geometry cw = lonlat_polygon({{125.30, 43.85}, {125.30, 43.89}, {125.34, 43.89}, {125.34, 43.85}});
  const geo::TileId tile = geo::tile_containing(125.32, 43.87, 10);
  for (const auto* input : {&ccw, &cw}) {
    const auto g = tile_of(*input, tile);
    ASSERT_EQ(g.type, GeomType::Polygon);
    ASSERT_EQ(g.part_ends.size(), 1U);
    EXPECT_EQ(g.points.size(), 4U) << "closing vertex left to ClosePath";
    EXPECT_GT(geo::mvt::ring_area2(parts(g)[0]), 0);
    EXPECT_TRUE(geo::to_geometry(g).is_valid());
  }
}

TEST(TileGeometry, HolesAreCounterClockwiseAndFollowTheirExterior) {
  const geo::Geometry with_hole =
      lonlat_polygon({{125.20, 43.80}, {125.40, 43.80}, {125.40, 43.95}, {125.20, 43.95}},
                     {{{125.25, 43.85}, {125.35, 43.85}, {125.35, 43.90}, {125.25, 43.90}}});
  const auto g = tile_of(with_hole, {8, 217, 93});
  ASSERT_EQ(g.part_ends.size(), 2U);
  EXPECT_GT(geo::mvt::ring_area2(parts(g)[0]), 0);
  EXPECT_LT(geo::mvt::ring_area2(parts(g)[1]), 0);
  const geo::Geometry back = geo::to_geometry(g);
  EXPECT_TRUE(back.is_valid());
  EXPECT_EQ(back.num_geometries(), 1);
}

TEST(TileGeometry, AFeatureCrossingTheTileEdgeIsClippedToTheBufferAndKeepsItsArea) {
  // A box over four z10 tiles around the south-east corner of 868/376.
  const geo::Envelope t = geo::tile_lonlat_bounds({10, 868, 376});
  const geo::Geometry straddling = box(t.max_x - 0.2, t.min_y - 0.15, t.max_x + 0.2, t.min_y + 0.15);
  const geo::TileOptions options;
  const auto g = tile_of(straddling, {10, 868, 376}, options);
  ASSERT_EQ(g.part_ends.size(), 1U);
  const int low = -static_cast<int>(options.buffer);
  const int high = static_cast<int>(options.extent + options.buffer);
  for (const auto& p : g.points) {
    EXPECT_GE(p.x, low);
    EXPECT_LE(p.x, high);
    EXPECT_GE(p.y, low);
    EXPECT_LE(p.y, high);
  }
  // The source clipped to the buffered tile, computed independently in pixel coordinates.
  const auto prepared = geo::prepare_for_zoom(geo::WorldFeature(straddling), 10, options);
  const double x0 = 868.0 * options.extent, y0 = 376.0 * options.extent;
  const geo::Geometry expected =
      geo::clip_by_rect(geo::to_geometry(prepared.shape.geometry()),
                        {x0 - options.buffer, y0 - options.buffer, x0 + options.extent + options.buffer,
                         y0 + options.extent + options.buffer});
  EXPECT_NEAR(geo::area(geo::to_geometry(g)), geo::area(expected), 1e-6 * geo::area(expected));
  // Neighbouring tiles both get their part: the corner tile's diagonal neighbour too.
  EXPECT_FALSE(tile_of(straddling, {10, 869, 377}, options).empty());
  EXPECT_FALSE(tile_of(straddling, {10, 868, 377}, options).empty());
  EXPECT_TRUE(tile_of(straddling, {10, 870, 376}, options).empty());
}

TEST(TileGeometry, ALineThatLeavesAndReentersBecomesTwoParts) {
  const geo::Envelope t = geo::tile_lonlat_bounds({10, 868, 376});
  const double mid_y = (t.min_y + t.max_y) / 2;
  // In at the west edge, out beyond the east edge (and its buffer), back in, out again west.
  const geo::Geometry line = geo::make_line(std::vector<geo::XY>{
      {t.min_x - 0.1, mid_y}, {t.max_x + 0.2, mid_y}, {t.max_x + 0.2, mid_y + 0.05}, {t.min_x - 0.1, mid_y + 0.05}});
  const auto g = tile_of(line, {10, 868, 376});
  ASSERT_EQ(g.type, GeomType::LineString);
  EXPECT_EQ(g.part_ends.size(), 2U);
}

TEST(TileGeometry, MultiPolygonPartsEachBecomeAnExteriorRing) {
  std::vector<geo::Geometry> parts_in;
  parts_in.push_back(box(125.30, 43.85, 125.32, 43.87));
  parts_in.push_back(box(125.34, 43.85, 125.36, 43.87));
  const geo::Geometry multi = geo::make_collection(std::move(parts_in));
  const auto g = tile_of(multi, geo::tile_containing(125.33, 43.86, 9));
  ASSERT_EQ(g.part_ends.size(), 2U);
  for (const auto ring : parts(g)) EXPECT_GT(geo::mvt::ring_area2(ring), 0);
}

TEST(TileGeometry, AFeatureSmallerThanATileUnitIsKeptAsAPointOnPurpose) {
  // 30 m across: far below one tile unit at z2 (~ 2.4 km), a polygon at z14.
  const geo::Geometry tiny = box(125.3000, 43.8800, 125.3003, 43.8802);
  const geo::TileOptions options;
  const auto low = geo::prepare_for_zoom(geo::WorldFeature(tiny), 2, options);
  EXPECT_TRUE(low.collapsed);
  EXPECT_EQ(low.shape.geometry().type, GeomType::Point);
  const geo::TileId tile = geo::tile_containing(125.3, 43.88, 2);
  const auto g = geo::tile_geometry(low, tile.x, tile.y, options);
  EXPECT_EQ(g.type, GeomType::Point);
  EXPECT_EQ(g.points.size(), 1U);
  const auto high = geo::prepare_for_zoom(geo::WorldFeature(tiny), 14, options);
  EXPECT_FALSE(high.collapsed);
  EXPECT_EQ(high.shape.geometry().type, GeomType::Polygon);
}

TEST(TileGeometry, ZoomZeroHoldsEverythingAndTheWorldEdgesClipCleanly) {
  // A polygon touching the antimeridian and one at the northern edge of the Mercator square.
  const geo::Geometry east_edge = box(170.0, 10.0, 180.0, 20.0);
  const geo::Geometry north = box(-10.0, 80.0, 10.0, 89.0);  // clamped at 85.0511°
  for (const auto* g : {&east_edge, &north}) {
    const auto whole = tile_of(*g, {0, 0, 0});
    ASSERT_FALSE(whole.empty());
    EXPECT_TRUE(geo::to_geometry(whole).is_valid());
    for (const auto& p : whole.points) {
      EXPECT_GE(p.x, 0);
      EXPECT_LE(p.x, 4096);
      EXPECT_GE(p.y, 0);
    }
  }
  const auto corner = tile_of(east_edge, {3, 7, 3});
  EXPECT_FALSE(corner.empty());
  for (const auto& p : corner.points) EXPECT_LE(p.x, 4096 + 64);
  const auto top = tile_of(north, {2, 1, 0});
  ASSERT_FALSE(top.empty());
  for (const auto& p : top.points) EXPECT_GE(p.y, -64);
}

TEST(TileGeometry, PointsOutsideTheBufferAreDroppedAndInsideItKept) {
  const geo::Envelope t = geo::tile_lonlat_bounds({12, 3473, 1509});
  const double width = t.max_x - t.min_x;
  std::vector<geo::Geometry> points;
  points.push_back(geo::make_point(t.min_x + width / 2, (t.min_y + t.max_y) / 2));
  points.push_back(geo::make_point(t.max_x + width * 0.01, (t.min_y + t.max_y) / 2));  // 41 units out: in buffer
  points.push_back(geo::make_point(t.max_x + width * 0.5, (t.min_y + t.max_y) / 2));   // far out
  const auto g = tile_of(geo::make_collection(std::move(points)), {12, 3473, 1509});
  ASSERT_EQ(g.type, GeomType::Point);
  EXPECT_EQ(g.points.size(), 2U);
}

}  // namespace
