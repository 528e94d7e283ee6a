// Tiles served by a running layoutd on the real dataset, read back by two decoders that share no
// code with ours: GDAL's MVT driver (ogrinfo) and Mapbox's @mapbox/vector-tile (node, tests/node).
// Both must see the layers, feature counts, ids and attributes our strict decoder sees, and
// Mapbox's must find every polygon's first ring exterior (positive area).
#include "geo/tiles/tile_math.hpp"
#include "support/fixture_store.hpp"
#include "support/mvt_decode.hpp"
#include "support/process.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <optional>
#include <regex>

namespace {

namespace fs = std::filesystem;
using test_support::TempDir;

std::string path_of(const geo::TileId& t) {
  return std::to_string(t.z) + "/" + std::to_string(t.x) + "/" + std::to_string(t.y);
}

class ServedTiles : public ::testing::Test {
 protected:
  void SetUp() override { server_.emplace(LAYOUTD_BIN, LAYOUTD_TEST_STORE, dir_ / "layoutd.log"); }

  test_support::HttpResult get(const std::string& target) {
    return test_support::http_get("127.0.0.1", server_->port, target);
  }

  test_support::CommandResult run(const std::vector<std::string>& argv) {
    return test_support::run_command(argv, dir_.path(), std::chrono::seconds(90));
  }

  // The tile fetched over HTTP and saved to a file.
  fs::path fetch(const geo::TileId& tile, std::string& bytes) {
    const auto response = get("/tiles/" + path_of(tile) + ".mvt");
    EXPECT_EQ(response.status, 200) << path_of(tile) << ": " << response.body;
    EXPECT_EQ(response.content_type, "application/vnd.mapbox-vector-tile");
    bytes = response.body;
    const fs::path file = dir_ / ("tile_" + std::to_string(tile.z) + "_" + std::to_string(tile.x) + "_" +
                                  std::to_string(tile.y) + ".mvt");
    std::ofstream(file, std::ios::binary) << bytes;
    return file;
  }

  TempDir dir_;
  std::optional<test_support::RunningLayoutd> server_;
};

const std::vector<geo::TileId>& sample_tiles() {
  static const std::vector<geo::TileId> tiles{
      {0, 0, 0}, geo::tile_containing(125.3245, 43.8868, 6), geo::tile_containing(125.66, 43.52, 10)};
  return tiles;
}

TEST_F(ServedTiles, MapboxVectorTileDecoderAgrees) {
  const fs::path node_dir = LAYOUTD_NODE_TESTS_DIR;
  ASSERT_TRUE(fs::exists(node_dir / "node_modules" / "@mapbox" / "vector-tile" / "package.json"))
      << "run `npm ci` in " << node_dir << " (scripts/test does)";
  for (const auto& tile : sample_tiles()) {
    std::string bytes;
    const fs::path file = fetch(tile, bytes);
    const auto ours = test_support::decode_mvt(bytes);
    const auto node = run({"/usr/bin/env", "node", (node_dir / "read_mvt.mjs").string(), file.string()});
    ASSERT_EQ(node.exit_code, 0) << node.err;
    const auto theirs = nlohmann::json::parse(node.out);
    ASSERT_EQ(theirs.size(), ours.layers.size()) << path_of(tile);
    for (const auto& layer : ours.layers) {
      ASSERT_TRUE(theirs.contains(layer.name)) << layer.name;
      const auto& other = theirs[layer.name];
      EXPECT_EQ(other["version"], 2);
      EXPECT_EQ(other["extent"], 4096);
      ASSERT_EQ(other["features"].size(), layer.features.size()) << layer.name;
      for (std::size_t i = 0; i < layer.features.size(); ++i) {
        const auto& f = layer.features[i];
        const auto& g = other["features"][i];
        EXPECT_EQ(g["id"].get<std::uint64_t>(), f.id);
        EXPECT_EQ(g["type"].get<int>(), static_cast<int>(f.geometry.type));
        EXPECT_EQ(g["properties"]["id"], f.properties.at("id").substr(2)) << layer.name;
        if (f.properties.contains("name_zh")) {
          EXPECT_EQ(g["properties"]["name_zh"], f.properties.at("name_zh").substr(2));
        }
        ASSERT_EQ(g["parts"].size(), f.geometry.part_ends.size());
        if (f.geometry.type == geo::mvt::GeomType::Polygon) {
          EXPECT_GT(g["parts"][0]["area"].get<double>(), 0) << layer.name << " " << f.id << " in " << path_of(tile);
        }
      }
    }
  }
}

TEST_F(ServedTiles, GdalMvtDriverAgrees) {
  for (const auto& tile : sample_tiles()) {
    std::string bytes;
    const fs::path file = fetch(tile, bytes);
    const auto ours = test_support::decode_mvt(bytes);
    const auto info = run({OGRINFO_BIN, "-ro", "-so", "-al", "-oo", "X=" + std::to_string(tile.x), "-oo",
                           "Y=" + std::to_string(tile.y), "-oo", "Z=" + std::to_string(tile.z), file.string()});
    ASSERT_EQ(info.exit_code, 0) << info.err;
    // "Layer name: groups" ... "Feature Count: 3", in order.
    std::map<std::string, std::size_t> counts;
    const std::regex block(R"(Layer name: (\S+)[\s\S]*?Feature Count: (\d+))");
    for (std::sregex_iterator it(info.out.begin(), info.out.end(), block), end; it != end; ++it) {
      counts[(*it)[1]] = std::stoul((*it)[2]);
    }
    ASSERT_EQ(counts.size(), ours.layers.size()) << info.out;
    for (const auto& layer : ours.layers) {
      EXPECT_EQ(counts[layer.name], layer.features.size()) << layer.name << " in " << path_of(tile);
    }
  }
  // And attributes: the groups of the 双阳 tile, Chinese names intact.
  std::string bytes;
  const geo::TileId shuangyang = sample_tiles()[2];
  const fs::path file = fetch(shuangyang, bytes);
  const auto groups =
      run({OGRINFO_BIN, "-ro", "-oo", "X=" + std::to_string(shuangyang.x), "-oo", "Y=" + std::to_string(shuangyang.y),
           "-oo", "Z=" + std::to_string(shuangyang.z), file.string(), "groups"});
  ASSERT_EQ(groups.exit_code, 0) << groups.err;
  EXPECT_NE(groups.out.find("name_zh (String) = 长吉组团"), std::string::npos) << groups.out;
  EXPECT_NE(groups.out.find("name_zh (String) = 长辽组团"), std::string::npos) << groups.out;
}

TEST_F(ServedTiles, TileJsonAndErrorsOverHttp) {
  const auto doc = get("/tiles.json");
  ASSERT_EQ(doc.status, 200);
  const auto tilejson = nlohmann::json::parse(doc.body);
  // The test client's Host header is "127.0.0.1" (no port): the URL is built from it.
  EXPECT_EQ(tilejson["tiles"][0], "http://127.0.0.1/tiles/{z}/{x}/{y}.mvt");
  EXPECT_EQ(tilejson["vector_layers"].size(), 12U);
  // 长春市 (the centroid of the plan's centre) is where the map opens.
  EXPECT_NEAR(tilejson["center"][0].get<double>(), 125.58, 0.05);
  EXPECT_NEAR(tilejson["center"][1].get<double>(), 44.28, 0.05);
  EXPECT_EQ(get("/tiles/14/0/0.mvt").status, 204);  // far from the metropolitan area
  const auto bad = get("/tiles/15/0/0.mvt");
  EXPECT_EQ(bad.status, 400);
  EXPECT_EQ(nlohmann::json::parse(bad.body)["error"], "bad_tile");
  EXPECT_EQ(get("/healthz").status, 200) << "the server is still up";
}

// The static export: the archives hold exactly the tiles the server serves. The PMTiles archive
// is read by protomaps' decoder (node), the MBTiles one by GDAL's MBTiles vector driver.
TEST_F(ServedTiles, ExportedArchivesHoldTheServedTiles) {
  const fs::path node_dir = LAYOUTD_NODE_TESTS_DIR;
  ASSERT_TRUE(fs::exists(node_dir / "node_modules" / "pmtiles" / "package.json"))
      << "run `npm ci` in " << node_dir << " (scripts/test does)";
  const fs::path pmtiles = dir_ / "layout.pmtiles";
  const auto exported =
      run({LAYOUTCTL_BIN, "export-tiles", "--store", LAYOUTD_TEST_STORE, "--maxzoom", "6", pmtiles.string()});
  ASSERT_EQ(exported.exit_code, 0) << exported.err;
  EXPECT_NE(exported.err.find("z6:"), std::string::npos) << "progress per zoom when not on a terminal";
  const auto read = run({"/usr/bin/env", "node", (node_dir / "read_pmtiles.mjs").string(), pmtiles.string()});
  ASSERT_EQ(read.exit_code, 0) << read.err;
  const auto archive = nlohmann::json::parse(read.out);
  ASSERT_FALSE(archive["tiles"].empty());
  std::size_t compared = 0;
  for (const auto& entry : archive["tiles"]) {
    const std::string target = "/tiles/" + std::to_string(entry["z"].get<int>()) + "/" +
                               std::to_string(entry["x"].get<int>()) + "/" + std::to_string(entry["y"].get<int>()) +
                               ".mvt";
    const auto served = get(target);
    ASSERT_EQ(served.status, 200) << target;
    std::string hex;
    for (const unsigned char c : served.body) {
      static constexpr char kDigits[] = "0123456789abcdef";
      hex += kDigits[c >> 4];
      hex += kDigits[c & 15];
    }
    EXPECT_EQ(entry["hex"].get<std::string>(), hex) << target;
    ++compared;
  }
  EXPECT_GE(compared, 7U);  // at least one tile per zoom 0-6

  const fs::path mbtiles = dir_ / "layout.mbtiles";
  const auto second = run({LAYOUTCTL_BIN, "export-tiles", "--store", LAYOUTD_TEST_STORE, "--maxzoom", "4", "--layers",
                           "groups,water_veins", mbtiles.string()});
  ASSERT_EQ(second.exit_code, 0) << second.err;
  const auto info = run({OGRINFO_BIN, "-ro", "-so", mbtiles.string()});
  ASSERT_EQ(info.exit_code, 0) << info.err;
  EXPECT_NE(info.out.find("groups"), std::string::npos) << info.out;
  EXPECT_NE(info.out.find("water_veins"), std::string::npos) << info.out;
  EXPECT_EQ(info.out.find("admin"), std::string::npos) << "only the layers asked for";

  const auto bad = run({LAYOUTCTL_BIN, "export-tiles", "--store", LAYOUTD_TEST_STORE, "--maxzoom", "15",
                        (dir_ / "bad.pmtiles").string()});
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_NE(bad.err.find("--maxzoom"), std::string::npos) << bad.err;
  EXPECT_FALSE(fs::exists(dir_ / "bad.pmtiles"));
}

}  // namespace
