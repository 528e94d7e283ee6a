// /tiles/{z}/{x}/{y}.mvt and /tiles.json through handle_request on the sample layers: content
// decoded by the strict test decoder, 204/304/400/404, gzip, ETags, the layers filter, and the cache
// keyed by snapshot version.
#include "geo/tiles/tile_math.hpp"
#include "layers/tiles/gzip.hpp"
#include "server/handle_request.hpp"
#include "support/mvt_decode.hpp"
#include "support/sample_app.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <string>

namespace {

using nlohmann::json;
using server::http::field;
using server::http::status;

server::Request get(const std::string& target) {
  server::Request request(server::http::verb::get, target, 11);
  request.set(field::host, "layout.test");
  return request;
}

std::string tile_path(const geo::TileId& t, const std::string& query = "") {
  return "/tiles/" + std::to_string(t.z) + "/" + std::to_string(t.x) + "/" + std::to_string(t.y) + ".mvt" + query;
}

// The z10 tile holding the western group's centre (125.25°E, 43.75°N).
geo::TileId west_tile(int z = 10) {
  return geo::tile_containing(125.25, 43.75, z);
}

TEST(TileEndpoint, ServesTheLayersAsMvtWithAttributesAndStableIds) {
  const auto app = test_support::sample_app();
  const auto response = server::handle_request(app, get(tile_path({6, 54, 23})));
  ASSERT_EQ(response.result(), status::ok) << response.body();
  EXPECT_EQ(response[field::content_type], "application/vnd.mapbox-vector-tile");
  EXPECT_EQ(response[field::content_encoding], "");
  const auto tile = test_support::decode_mvt(response.body());
  const auto* groups = tile.find("groups");
  ASSERT_NE(groups, nullptr);
  EXPECT_EQ(groups->version, 2U);
  EXPECT_EQ(groups->extent, 4096U);
  ASSERT_EQ(groups->features.size(), 2U);
  const auto* west = groups->find(1);
  ASSERT_NE(west, nullptr) << "feature ids are the store's fids";
  EXPECT_EQ(west->properties.at("id"), "s:west");
  EXPECT_EQ(west->properties.at("name_zh"), "s:西组团");
  EXPECT_EQ(west->geometry.type, geo::mvt::GeomType::Polygon);
  const auto* rivers = tile.find("water_veins");
  ASSERT_NE(rivers, nullptr);
  EXPECT_EQ(rivers->find(7)->properties.at("band_m"), "d:2000");
  EXPECT_EQ(rivers->find(7)->properties.at("order"), "i:3");
  EXPECT_EQ(rivers->find(7)->properties.at("navigable"), "b:false");
}

TEST(TileEndpoint, LayersParameterSelectsAndUnknownLayerIs400) {
  const auto app = test_support::sample_app();
  const auto only = server::handle_request(app, get(tile_path({6, 54, 23}, "?layers=water_veins")));
  ASSERT_EQ(only.result(), status::ok);
  const auto tile = test_support::decode_mvt(only.body());
  ASSERT_EQ(tile.layers.size(), 1U);
  EXPECT_EQ(tile.layers[0].name, "water_veins");
  const auto bad = server::handle_request(app, get(tile_path({6, 54, 23}, "?layers=rivers")));
  EXPECT_EQ(bad.result(), status::bad_request);
  EXPECT_EQ(json::parse(bad.body())["error"], "unknown_layer");
}

TEST(TileEndpoint, EmptyTileIs204AndBadCoordinatesAre400) {
  const auto app = test_support::sample_app();
  const auto empty = server::handle_request(app, get("/tiles/6/0/0.mvt"));
  EXPECT_EQ(empty.result(), status::no_content);
  EXPECT_TRUE(empty.body().empty());
  EXPECT_FALSE(empty[field::etag].empty());
  for (const char* target : {"/tiles/15/0/0.mvt", "/tiles/3/8/0.mvt", "/tiles/3/0/8.mvt", "/tiles/-1/0/0.mvt",
                             "/tiles/a/0/0.mvt", "/tiles/3/0/1x.mvt", "/tiles/3/0/.mvt"}) {
    const auto response = server::handle_request(app, get(target));
    EXPECT_EQ(response.result(), status::bad_request) << target;
    const auto body = json::parse(response.body());
    EXPECT_EQ(body["error"], "bad_tile") << target;
    EXPECT_FALSE(body["detail"].get<std::string>().empty());
  }
  const auto png = server::handle_request(app, get("/tiles/3/0/0.png"));
  EXPECT_EQ(png.result(), status::not_found);
  EXPECT_EQ(json::parse(png.body())["error"], "unknown_format");
}

TEST(TileEndpoint, GzipWhenAcceptedWithItsOwnETag) {
  const auto app = test_support::sample_app();
  const auto plain = server::handle_request(app, get(tile_path(west_tile())));
  auto request = get(tile_path(west_tile()));
  request.set(field::accept_encoding, "br;q=1.0, gzip;q=0.8");
  const auto zipped = server::handle_request(app, request);
  ASSERT_EQ(zipped.result(), status::ok);
  EXPECT_EQ(zipped[field::content_encoding], "gzip");
  EXPECT_EQ(zipped[field::vary], "Accept-Encoding");
  EXPECT_EQ(layers::tiles::gzip_decompress(zipped.body()), plain.body());
  EXPECT_NE(zipped[field::etag], plain[field::etag]);
  request.set(field::accept_encoding, "gzip;q=0, identity");
  EXPECT_EQ(server::handle_request(app, request)[field::content_encoding], "");
}

TEST(TileEndpoint, IfNoneMatchGives304) {
  const auto app = test_support::sample_app();
  const auto first = server::handle_request(app, get(tile_path(west_tile())));
  const std::string etag(first[field::etag]);
  ASSERT_EQ(etag.front(), '"');
  EXPECT_NE(first[field::cache_control].find("max-age"), std::string::npos);
  auto again = get(tile_path(west_tile()));
  again.set(field::if_none_match, "\"other\", W/" + etag);
  const auto not_modified = server::handle_request(app, again);
  EXPECT_EQ(not_modified.result(), status::not_modified);
  EXPECT_TRUE(not_modified.body().empty());
  EXPECT_EQ(not_modified[field::etag], etag);
  again.set(field::if_none_match, "\"something-else\"");
  EXPECT_EQ(server::handle_request(app, again).result(), status::ok);
}

TEST(TileEndpoint, CacheIsKeyedBySnapshotVersion) {
  auto app = test_support::sample_app(1);
  const auto before = server::handle_request(app, get(tile_path(west_tile())));
  EXPECT_EQ(app.tiles.stats().misses, 1U);
  (void)server::handle_request(app, get(tile_path(west_tile())));
  EXPECT_EQ(app.tiles.stats().hits, 1U);
  // A reload to a snapshot without the water veins: the next answer must not come from the cache.
  auto only_groups = test_support::sample_layers();
  only_groups.pop_back();
  app.snapshot.store(std::make_shared<const layers::ServedSnapshot>(std::move(only_groups), "memory", 2));
  const auto after = server::handle_request(app, get(tile_path(west_tile())));
  EXPECT_EQ(app.tiles.stats().misses, 2U);
  EXPECT_NE(test_support::decode_mvt(before.body()).find("water_veins"), nullptr);
  EXPECT_EQ(test_support::decode_mvt(after.body()).find("water_veins"), nullptr);
}

TEST(TileEndpoint, CacheEvictsLeastRecentlyUsedWithinItsBudget) {
  const server::TileCache cache(1000);
  auto tile = [](std::size_t n) {
    auto t = std::make_shared<server::CachedTile>();
    t->mvt.assign(n, 'x');
    return t;
  };
  cache.insert({1, 1, 0, 0, ""}, tile(300));
  cache.insert({1, 1, 0, 1, ""}, tile(300));
  ASSERT_NE(cache.find({1, 1, 0, 0, ""}), nullptr);  // now the most recent
  cache.insert({1, 1, 1, 0, ""}, tile(300));         // over budget: evicts 0/1
  EXPECT_NE(cache.find({1, 1, 0, 0, ""}), nullptr);
  EXPECT_EQ(cache.find({1, 1, 0, 1, ""}), nullptr);
  EXPECT_LE(cache.stats().bytes, 1000U);
  EXPECT_EQ(cache.stats().evictions, 1U);
  cache.insert({1, 1, 5, 5, ""}, tile(5000));  // larger than the cache: not kept
  EXPECT_EQ(cache.find({1, 1, 5, 5, ""}), nullptr);
}

// After a reload the old snapshot's tiles can never be served again: they are dropped, not left to
// hold the cache until they age out.
TEST(TileEndpoint, CacheDropsTheTilesOfReplacedSnapshots) {
  const server::TileCache cache(100000);
  const auto tile = std::make_shared<server::CachedTile>(server::CachedTile{std::string(300, 'x'), "", "", ""});
  cache.insert({1, 1, 0, 0, ""}, tile);
  cache.insert({1, 1, 0, 1, "groups"}, tile);
  cache.insert({2, 1, 0, 0, ""}, tile);
  cache.insert({3, 1, 0, 0, ""}, tile);
  cache.drop_older_than(2);
  EXPECT_EQ(cache.find({1, 1, 0, 0, ""}), nullptr);
  EXPECT_EQ(cache.find({1, 1, 0, 1, "groups"}), nullptr);
  EXPECT_NE(cache.find({2, 1, 0, 0, ""}), nullptr);
  EXPECT_NE(cache.find({3, 1, 0, 0, ""}), nullptr);
  EXPECT_EQ(cache.stats().entries, 2U);
  EXPECT_EQ(cache.stats().bytes, 2 * tile->bytes());
}

TEST(TileJson, DescribesTheTilesWithThePublicHostAndLayerFields) {
  const auto app = test_support::sample_app();
  auto request = get("/tiles.json");
  request.set("X-Forwarded-Proto", "https");
  request.set("X-Forwarded-Host", "layout.example.cn");
  const auto response = server::handle_request(app, request);
  ASSERT_EQ(response.result(), status::ok);
  const auto doc = json::parse(response.body());
  EXPECT_EQ(doc["tilejson"], "3.0.0");
  EXPECT_EQ(doc["tiles"][0], "https://layout.example.cn/tiles/{z}/{x}/{y}.mvt");
  EXPECT_EQ(doc["minzoom"], 0);
  EXPECT_EQ(doc["maxzoom"], 14);
  EXPECT_EQ(doc["scheme"], "xyz");
  ASSERT_EQ(doc["bounds"].size(), 4U);
  EXPECT_NEAR(doc["bounds"][0].get<double>(), 125.0, 1e-9);
  EXPECT_NEAR(doc["bounds"][3].get<double>(), 44.3, 1e-9);
  ASSERT_EQ(doc["center"].size(), 3U);
  ASSERT_EQ(doc["vector_layers"].size(), 2U);
  const auto& rivers = doc["vector_layers"][1];
  EXPECT_EQ(rivers["id"], "water_veins");
  EXPECT_EQ(rivers["fields"]["band_m"], "Number");
  EXPECT_EQ(rivers["fields"]["navigable"], "Boolean");
  EXPECT_EQ(rivers["fields"]["name_zh"], "String");
  EXPECT_FALSE(rivers["fields"].contains("plan_text"));

  const auto filtered = json::parse(server::handle_request(app, get("/tiles.json?layers=groups")).body());
  EXPECT_EQ(filtered["tiles"][0], "http://layout.test/tiles/{z}/{x}/{y}.mvt?layers=groups");
  EXPECT_EQ(filtered["vector_layers"].size(), 1U);
}

}  // namespace
