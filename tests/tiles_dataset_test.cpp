// Vector tiles of the real dataset, rendered in-process and read back with the strict decoder:
// z0 holds every feature; every polygon of the z0-z12 pyramid is valid and correctly wound; decoded
// areas match the source clipped to the tile; golden dumps of three tiles (UPDATE_GOLDEN=1 rewrites).
#include "geo/operations.hpp"
#include "geo/tiles/tile_geometry.hpp"
#include "geo/tiles/tile_math.hpp"
#include "layers/serving/served_snapshot.hpp"
#include "layers/store/store_reader.hpp"
#include "support/mvt_decode.hpp"

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace {

const layers::ServedSnapshot& snapshot() {
  static const layers::SnapshotPtr instance = layers::load_snapshot(LAYOUTD_TEST_STORE, 1);
  return *instance;
}

std::string name_of(const geo::TileId& t) {
  return std::to_string(t.z) + "_" + std::to_string(t.x) + "_" + std::to_string(t.y);
}

// Checks every feature of a decoded tile: polygons valid with exteriors first and positive,
// coordinates inside the buffer. Returns the number of features seen.
std::size_t check_tile(const geo::TileId& tile, const std::string& bytes) {
  const auto decoded = test_support::decode_mvt(bytes);
  std::size_t features = 0;
  for (const auto& layer : decoded.layers) {
    EXPECT_EQ(layer.version, 2U);
    for (const auto& f : layer.features) {
      ++features;
      for (const auto& p : f.geometry.points) {
        EXPECT_TRUE(p.x >= -64 && p.x <= 4160 && p.y >= -64 && p.y <= 4160)
            << name_of(tile) << " " << layer.name << " fid " << f.id << " vertex " << p.x << "," << p.y;
      }
      if (f.geometry.type != geo::mvt::GeomType::Polygon) continue;
      const std::span<const geo::mvt::TilePoint> first(f.geometry.points.data(), f.geometry.part_ends.at(0));
      EXPECT_GT(geo::mvt::ring_area2(first), 0) << name_of(tile) << " " << layer.name << " fid " << f.id;
      const geo::Geometry g = geo::to_geometry(f.geometry);
      EXPECT_TRUE(g.is_valid()) << name_of(tile) << " " << layer.name << " fid " << f.id << ": " << g.validity_reason();
    }
  }
  return features;
}

TEST(DatasetTiles, ZoomZeroHoldsEveryFeatureOfEveryLayer) {
  const std::string bytes = snapshot().tiles().render({0, 0, 0});
  const auto decoded = test_support::decode_mvt(bytes);
  for (const auto& layer : snapshot().layers()) {
    const auto* tile_layer = decoded.find(layer.id());
    ASSERT_NE(tile_layer, nullptr) << layer.id();
    EXPECT_EQ(tile_layer->features.size(), layer.features().size()) << layer.id();
  }
  EXPECT_LT(bytes.size(), 500U * 1024U);
}

// Every tile z0-z12 over the planning area (the benchmarks' pyramid, 3 439 tiles), each polygon
// checked by GEOS: whatever path a tile took, fast or exact.
TEST(DatasetTiles, EveryPolygonOfThePyramidIsValidAndWound) {
  const geo::Envelope area = snapshot().find("planning_area")->bounds();
  std::size_t tiles = 0, features = 0;
  for (int z = 0; z <= 12; ++z) {
    const auto range = geo::tiles_covering(area, z);
    for (auto y = range.min_y; y <= range.max_y; ++y) {
      for (auto x = range.min_x; x <= range.max_x; ++x) {
        const geo::TileId tile{z, x, y};
        const std::string bytes = snapshot().tiles().render(tile);
        EXPECT_LT(bytes.size(), 500U * 1024U) << name_of(tile);
        features += check_tile(tile, bytes);
        ++tiles;
      }
    }
  }
  EXPECT_GT(tiles, 3000U);
  EXPECT_GT(features, 20000U);
}

// Decoded polygon area inside the tile proper vs the unsimplified source clipped to the same
// square, both in tile units: simplification and snapping move edges by about a unit, so the
// difference is bounded by ~ perimeter × 1 unit.
TEST(DatasetTiles, DecodedAreasMatchTheSourceClippedToTheTile) {
  const auto* groups = snapshot().find("groups");
  const int position = snapshot().layer_position("groups");
  for (const geo::TileId tile : {geo::tile_containing(125.3245, 43.8868, 6), geo::tile_containing(125.66, 43.52, 10)}) {
    const std::vector<std::uint32_t> only{static_cast<std::uint32_t>(position)};
    const auto decoded = test_support::decode_mvt(snapshot().tiles().render(tile, only));
    const auto* layer = decoded.find("groups");
    ASSERT_NE(layer, nullptr);
    const double scale = 4096.0 * geo::tiles_per_side(tile.z);
    for (const auto& feature : groups->features()) {
      const geo::Geometry pixels = geo::transform_xy(geo::lonlat_to_world(feature.geometry), [&](double& x, double& y) {
        x = x * scale - tile.x * 4096.0;
        y = y * scale - tile.y * 4096.0;
        return true;
      });
      const geo::Envelope square{0, 0, 4096, 4096};
      const double expected = geo::area(geo::clip_by_rect(pixels, square));
      const auto* tile_feature = layer->find(static_cast<std::uint64_t>(feature.fid));
      if (expected < 1.0) continue;  // not in this tile (a buffer sliver at most)
      ASSERT_NE(tile_feature, nullptr) << feature.id << " in " << name_of(tile);
      const geo::Geometry got = geo::clip_by_rect(geo::to_geometry(tile_feature->geometry), square);
      const double tolerance = 2.0 * geo::length(geo::clip_by_rect(pixels, square)) + 16.0;
      EXPECT_NEAR(geo::area(got), expected, tolerance) << feature.id << " in " << name_of(tile);
    }
  }
}

TEST(DatasetTiles, GoldenDumps) {
  const bool update = std::getenv("UPDATE_GOLDEN") != nullptr;
  for (const geo::TileId tile :
       {geo::TileId{0, 0, 0}, geo::tile_containing(125.3245, 43.8868, 6), geo::tile_containing(125.66, 43.52, 10)}) {
    const std::string dump = test_support::dump_mvt(snapshot().tiles().render(tile));
    const std::filesystem::path path =
        std::filesystem::path(LAYOUTD_EXPECTED_DIR) / ("tile_" + name_of(tile) + ".mvt.txt");
    if (update) {
      std::ofstream(path) << dump;
      continue;
    }
    std::ifstream in(path);
    ASSERT_TRUE(in) << "no golden file " << path << " (run with UPDATE_GOLDEN=1)";
    std::stringstream expected;
    expected << in.rdbuf();
    if (dump == expected.str()) continue;
    // Report the first differing line, not two whole dumps.
    std::istringstream got_lines(dump), want_lines(expected.str());
    std::string got, want;
    int line = 0;
    while (true) {
      ++line;
      const bool more_got = static_cast<bool>(std::getline(got_lines, got));
      const bool more_want = static_cast<bool>(std::getline(want_lines, want));
      if (got != want || more_got != more_want) break;
    }
    ADD_FAILURE() << "tile " << name_of(tile) << " differs from " << path << " at line " << line << "\n  got:  " << got
                  << "\n  want: " << want
                  << "\nif the change is intended, rerun with UPDATE_GOLDEN=1 and review the diff";
  }
}

}  // namespace
