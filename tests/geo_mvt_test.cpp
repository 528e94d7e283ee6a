// The MVT encoder against the specification's own examples (section 4.3.5) and a strict decoder.
#include "geo/tiles/mvt_encoder.hpp"
#include "support/mvt_decode.hpp"
#include "vector_tile.pb.h"

#include <gtest/gtest.h>

namespace {

using geo::mvt::GeomType;
using geo::mvt::TileGeometry;
using geo::mvt::TilePoint;

TileGeometry geometry(GeomType type, std::vector<std::vector<TilePoint>> parts) {
  TileGeometry g;
  g.type = type;
  for (const auto& part : parts) {
    g.points.insert(g.points.end(), part.begin(), part.end());
    g.part_ends.push_back(static_cast<std::uint32_t>(g.points.size()));
  }
  return g;
}

TEST(MvtCommands, ZigzagMatchesTheSpecification) {
  EXPECT_EQ(geo::mvt::zigzag(0), 0U);
  EXPECT_EQ(geo::mvt::zigzag(-1), 1U);
  EXPECT_EQ(geo::mvt::zigzag(1), 2U);
  EXPECT_EQ(geo::mvt::zigzag(-2), 3U);
  EXPECT_EQ(geo::mvt::zigzag(2147483647), 4294967294U);
  EXPECT_EQ(geo::mvt::zigzag(-2147483648), 4294967295U);
}

TEST(MvtCommands, SpecificationExamples) {
  using V = std::vector<std::uint32_t>;
  // 4.3.5.1 point, 4.3.5.2 multipoint, 4.3.5.3 linestring, 4.3.5.4 multilinestring, 4.3.5.5 polygon.
  EXPECT_EQ(encode_commands(geometry(GeomType::Point, {{{25, 17}}})), (V{9, 50, 34}));
  EXPECT_EQ(encode_commands(geometry(GeomType::Point, {{{5, 7}, {3, 2}}})), (V{17, 10, 14, 3, 9}));
  EXPECT_EQ(encode_commands(geometry(GeomType::LineString, {{{2, 2}, {2, 10}, {10, 10}}})),
            (V{9, 4, 4, 18, 0, 16, 16, 0}));
  EXPECT_EQ(encode_commands(geometry(GeomType::LineString, {{{2, 2}, {2, 10}, {10, 10}}, {{1, 1}, {3, 5}}})),
            (V{9, 4, 4, 18, 0, 16, 16, 0, 9, 17, 17, 10, 4, 8}));
  EXPECT_EQ(encode_commands(geometry(GeomType::Polygon, {{{3, 6}, {8, 12}, {20, 34}}})),
            (V{9, 6, 12, 18, 10, 12, 24, 44, 15}));
  // 4.3.5.7: a multipolygon, the second polygon with a hole; the cursor carries across parts.
  EXPECT_EQ(encode_commands(geometry(GeomType::Polygon, {{{0, 0}, {10, 0}, {10, 10}, {0, 10}},
                                                         {{11, 11}, {20, 11}, {20, 20}, {11, 20}},
                                                         {{13, 13}, {13, 17}, {17, 17}, {17, 13}}})),
            (V{9, 0,  0,  26, 20, 0, 0, 20, 19, 0, 15, 9, 22, 2, 26, 18, 0,
               0, 18, 17, 0,  15, 9, 4, 13, 26, 0, 8,  8, 0,  0, 7,  15}));
}

TEST(MvtCommands, RingAreaIsPositiveForClockwiseOnScreen) {
  // y grows downwards in tile coordinates: (0,0) → (10,0) → (10,10) runs clockwise on screen.
  EXPECT_GT(geo::mvt::ring_area2(std::vector<TilePoint>{{0, 0}, {10, 0}, {10, 10}, {0, 10}}), 0);
  EXPECT_LT(geo::mvt::ring_area2(std::vector<TilePoint>{{0, 0}, {0, 10}, {10, 10}, {10, 0}}), 0);
  EXPECT_EQ(geo::mvt::ring_area2(std::vector<TilePoint>{{0, 0}, {10, 0}, {20, 0}}), 0);
}

TEST(MvtTileBuilder, SharesKeysAndValuesWithinALayerAndRoundTrips) {
  geo::mvt::TileBuilder builder;
  builder.layer("groups");
  const std::vector<geo::mvt::Property> a{{"name_zh", std::string("长吉组团")}, {"rank", std::int64_t{1}}};
  const std::vector<geo::mvt::Property> b{
      {"name_zh", std::string("长平组团")}, {"rank", std::int64_t{1}}, {"share", 0.5}, {"core", true}};
  ASSERT_TRUE(builder.add_feature(7, geometry(GeomType::Point, {{{1, 2}}}), a));
  ASSERT_TRUE(builder.add_feature(8, geometry(GeomType::Point, {{{3, 4}}}), b));
  EXPECT_FALSE(builder.add_feature(9, TileGeometry{}, a)) << "an empty geometry adds no feature";
  builder.layer("empty");  // receives nothing: must not appear
  builder.layer("lines", 512);
  ASSERT_TRUE(builder.add_feature(1, geometry(GeomType::LineString, {{{0, 0}, {5, 5}}}), {}));

  const std::string bytes = builder.serialize();
  const auto tile = test_support::decode_mvt(bytes);
  ASSERT_EQ(tile.layers.size(), 2U);
  const auto* groups = tile.find("groups");
  ASSERT_NE(groups, nullptr);
  EXPECT_EQ(groups->version, 2U);
  EXPECT_EQ(groups->extent, 4096U);
  ASSERT_EQ(groups->features.size(), 2U);
  EXPECT_EQ(groups->find(7)->properties.at("name_zh"), "s:长吉组团");
  EXPECT_EQ(groups->find(8)->properties.at("rank"), "i:1");
  EXPECT_EQ(groups->find(8)->properties.at("share"), "d:0.5");
  EXPECT_EQ(groups->find(8)->properties.at("core"), "b:true");
  EXPECT_EQ(tile.find("lines")->extent, 512U);
  EXPECT_EQ(tile.find("empty"), nullptr);

  // Shared tables: 4 distinct keys and 5 distinct values (rank=1 stored once).
  vector_tile::Tile raw;
  ASSERT_TRUE(raw.ParseFromString(bytes));
  EXPECT_EQ(raw.layers(0).keys_size(), 4);
  EXPECT_EQ(raw.layers(0).values_size(), 5);
  // The encoder writes the wire format itself: byte for byte what libprotobuf writes for the same
  // message (fields in number order, packed repeated fields), negative integers included.
  EXPECT_EQ(raw.SerializeAsString(), bytes);
  geo::mvt::TileBuilder negative;
  negative.layer("n");
  const std::vector<geo::mvt::Property> p{{"delta", std::int64_t{-3}}, {"ratio", -0.25}, {"flag", false}};
  ASSERT_TRUE(negative.add_feature(0, geometry(GeomType::Polygon, {{{0, 0}, {4, 0}, {0, 4}}}), p));
  const std::string negative_bytes = negative.serialize();
  ASSERT_TRUE(raw.ParseFromString(negative_bytes));
  EXPECT_EQ(raw.layers(0).values(0).int_value(), -3);
  EXPECT_EQ(raw.SerializeAsString(), negative_bytes);
}

TEST(MvtTileBuilder, AnEmptyTileIsEmptyBytes) {
  geo::mvt::TileBuilder builder;
  builder.layer("groups");
  EXPECT_EQ(builder.serialize(), "");
  EXPECT_THROW(geo::mvt::TileBuilder{}.add_feature(1, geometry(GeomType::Point, {{{0, 0}}}), {}), std::logic_error);
}

}  // namespace
