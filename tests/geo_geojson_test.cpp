#include "geo/error.hpp"
#include "geo/geojson.hpp"
#include "geo/operations.hpp"
#include "geo/wkb.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

namespace {

using nlohmann::json;

TEST(GeoJson, ReadsEveryGeometryType) {
  const json collection = json::parse(R"({"type":"GeometryCollection","geometries":[
    {"type":"Point","coordinates":[125.3,43.9]},
    {"type":"LineString","coordinates":[[125,43],[126,44]]},
    {"type":"Polygon","coordinates":[[[0,0],[1,0],[1,1],[0,0]]]},
    {"type":"MultiPoint","coordinates":[[1,2],[3,4]]},
    {"type":"MultiLineString","coordinates":[[[0,0],[1,1]],[[2,2],[3,3]]]},
    {"type":"MultiPolygon","coordinates":[[[[0,0],[1,0],[1,1],[0,0]]],[[[5,5],[6,5],[6,6],[5,5]]]]}
  ]})");
  const auto g = geo::from_geojson(collection);
  EXPECT_EQ(g.num_geometries(), 6);
  EXPECT_EQ(geo::to_wkt(g.geometry_n(0)), "POINT (125.3 43.9)");
  EXPECT_EQ(g.geometry_n(5).type(), geo::GeometryType::MultiPolygon);
}

TEST(GeoJson, FeatureYieldsItsGeometryAndThirdOrdinateIsDropped) {
  const auto g = geo::from_geojson(json::parse(
      R"({"type":"Feature","properties":{"name":"x"},"geometry":{"type":"Point","coordinates":[125.3,43.9,210.0]}})"));
  EXPECT_EQ(geo::to_wkt(g), "POINT (125.3 43.9)");
}

TEST(GeoJson, RoundTripThroughWriter) {
  const auto g =
      geo::from_wkt("MULTIPOLYGON (((0 0, 4 0, 4 4, 0 4, 0 0), (1 1, 2 1, 2 2, 1 2, 1 1)), ((5 5, 6 5, 6 6, 5 5)))");
  const auto back = geo::from_geojson(geo::to_geojson(g));
  EXPECT_TRUE(geo::equals_exact(g, back, 0)) << geo::to_wkt(back);
}

TEST(GeoJson, WriterRoundsToRequestedDecimals) {
  const auto g = geo::make_point(125.123456789, 43.987654321);
  EXPECT_EQ(geo::to_geojson(g, 5).dump(), R"({"coordinates":[125.12346,43.98765],"type":"Point"})");
}

void expect_error(const std::string& text, const std::string& fragment) {
  try {
    (void)geo::from_geojson(json::parse(text));
    FAIL() << "accepted: " << text;
  } catch (const geo::GeometryError& e) {
    EXPECT_NE(std::string(e.what()).find(fragment), std::string::npos) << e.what();
  }
}

TEST(GeoJson, MalformedInputNamesTheProblem) {
  expect_error(R"({"coordinates":[1,2]})", "missing \"type\"");
  expect_error(R"({"type":"Point"})", "missing \"coordinates\"");
  expect_error(R"({"type":"Point","coordinates":[1]})", "at least 2 numbers");
  expect_error(R"({"type":"Point","coordinates":["a","b"]})", "must be numbers");
  expect_error(R"({"type":"Polygon","coordinates":[[[0,0],[1,0],[0,0]]]})", "at least 4 positions");
  expect_error(R"({"type":"Polygon","coordinates":[[[0,0],[1,0],[1,1],[0,1]]]})", "not closed");
  expect_error(R"({"type":"Circle","coordinates":[0,0]})", "unsupported type");
  expect_error(R"({"type":"Feature","geometry":null})", "null geometry");
  expect_error(R"({"type":"LineString","coordinates":[[0,0]]})", "at least 2 positions");
  expect_error(R"([1,2])", "expected a JSON object");
}

}  // namespace
