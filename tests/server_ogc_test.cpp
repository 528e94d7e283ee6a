// OGC API – Features under /ogc, through handle_request on the sample layers: the documents, paging,
// bbox selection, single items, and every client error as {"error","detail"} with its status.
#include "server/handle_request.hpp"
#include "server/http/router.hpp"
#include "support/sample_app.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <regex>
#include <string>
#include <vector>

namespace {

using nlohmann::json;
using server::http::status;

constexpr const char* kBase = "http://layout.test";

server::Request get(const std::string& target) {
  server::Request request(server::http::verb::get, target, 11);
  request.set(server::http::field::host, "layout.test");
  return request;
}

struct Answer {
  status code;
  std::string content_type;
  json body;
};

Answer ask(const server::App& app, const server::Request& request) {
  const auto response = server::handle_request(app, request);
  return {response.result(), std::string(response[server::http::field::content_type]), json::parse(response.body())};
}

Answer ask(const server::App& app, const std::string& target) {
  return ask(app, get(target));
}

// The link with this rel, or null.
json link(const json& document, const std::string& rel) {
  for (const auto& l : document["links"]) {
    if (l["rel"] == rel) return l;
  }
  return nullptr;
}

// The request target of one of our own absolute links.
std::string target_of(const json& link_object) {
  const std::string href = link_object["href"];
  EXPECT_EQ(href.rfind(kBase, 0), 0U) << href;
  return href.substr(std::string(kBase).size());
}

std::vector<std::int64_t> feature_ids(const json& collection) {
  std::vector<std::int64_t> out;
  for (const auto& f : collection["features"]) out.push_back(f["id"]);
  return out;
}

// A client error: the status, and a JSON body of exactly {"error","detail"}.
void expect_error(const server::App& app, const std::string& target, status code, const std::string& error) {
  const Answer answer = ask(app, target);
  EXPECT_EQ(answer.code, code) << target << " → " << answer.body.dump();
  EXPECT_EQ(answer.body.size(), 2U) << answer.body.dump();
  EXPECT_EQ(answer.body["error"], error) << target << " → " << answer.body.dump();
  EXPECT_TRUE(answer.body["detail"].is_string() && !answer.body["detail"].get<std::string>().empty());
}

TEST(Ogc, LandingPageLinksConformanceAndData) {
  const auto app = test_support::sample_app();
  for (const std::string target : {"/ogc", "/ogc/"}) {
    const Answer answer = ask(app, target);
    ASSERT_EQ(answer.code, status::ok) << target;
    EXPECT_EQ(answer.content_type, "application/json; charset=utf-8");
    EXPECT_FALSE(answer.body["title"].get<std::string>().empty());
    EXPECT_FALSE(answer.body["description"].get<std::string>().empty());
    for (const auto& l : answer.body["links"]) {
      for (const char* member : {"href", "rel", "type", "title"}) EXPECT_TRUE(l[member].is_string()) << l.dump();
    }
    EXPECT_EQ(link(answer.body, "self")["href"], "http://layout.test/ogc");
    EXPECT_EQ(link(answer.body, "conformance")["href"], "http://layout.test/ogc/conformance");
    EXPECT_EQ(link(answer.body, "data")["href"], "http://layout.test/ogc/collections");
    EXPECT_EQ(link(answer.body, "data")["type"], "application/json");
  }
}

TEST(Ogc, ConformanceClaimsCoreAndGeoJsonOnly) {
  const auto app = test_support::sample_app();
  const Answer answer = ask(app, "/ogc/conformance");
  ASSERT_EQ(answer.code, status::ok);
  EXPECT_EQ(answer.body["conformsTo"], json::array({"http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core",
                                                    "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/geojson"}));
}

TEST(Ogc, CollectionsAreTheSnapshotLayers) {
  const auto app = test_support::sample_app();
  const auto snapshot = app.snapshot.load();
  const Answer answer = ask(app, "/ogc/collections");
  ASSERT_EQ(answer.code, status::ok);
  EXPECT_EQ(link(answer.body, "self")["href"], "http://layout.test/ogc/collections");
  const json& collections = answer.body["collections"];
  ASSERT_EQ(collections.size(), snapshot->layers().size());
  for (std::size_t i = 0; i < collections.size(); ++i) {
    const auto& layer = snapshot->layers()[i];
    const json& c = collections[i];
    EXPECT_EQ(c["id"], layer.id());
    EXPECT_EQ(c["itemType"], "feature");
    EXPECT_EQ(c["crs"], json::array({"http://www.opengis.net/def/crs/OGC/1.3/CRS84"}));
    EXPECT_EQ(c["extent"]["spatial"]["crs"], "http://www.opengis.net/def/crs/OGC/1.3/CRS84");
    const auto bounds = layer.bounds();
    EXPECT_EQ(c["extent"]["spatial"]["bbox"],
              json::array({json::array({bounds.min_x, bounds.min_y, bounds.max_x, bounds.max_y})}));
    EXPECT_EQ(link(c, "self")["href"], "http://layout.test/ogc/collections/" + layer.id());
    EXPECT_EQ(link(c, "items")["href"], "http://layout.test/ogc/collections/" + layer.id() + "/items");
    EXPECT_EQ(link(c, "items")["type"], "application/geo+json");
    // The same document at the collection's own URL.
    EXPECT_EQ(ask(app, "/ogc/collections/" + layer.id()).body, c);
  }
  // Chinese first, and sent as UTF-8, not \u escapes.
  EXPECT_EQ(collections[0]["title"], "三组团 Three groups");
  EXPECT_NE(server::handle_request(app, get("/ogc/collections")).body().find("三组团"), std::string::npos);
}

TEST(Ogc, UnknownCollectionIs404Everywhere) {
  const auto app = test_support::sample_app();
  expect_error(app, "/ogc/collections/nope", status::not_found, "unknown_collection");
  expect_error(app, "/ogc/collections/nope/items", status::not_found, "unknown_collection");
  expect_error(app, "/ogc/collections/nope/items/1", status::not_found, "unknown_collection");
}

TEST(Ogc, ItemsAreGeoJsonInLayerOrderWithCounts) {
  const auto app = test_support::sample_app();
  const Answer answer = ask(app, "/ogc/collections/groups/items");
  ASSERT_EQ(answer.code, status::ok);
  EXPECT_EQ(answer.content_type, "application/geo+json; charset=utf-8");
  EXPECT_EQ(answer.body["type"], "FeatureCollection");
  EXPECT_EQ(answer.body["numberMatched"], 2);
  EXPECT_EQ(answer.body["numberReturned"], 2);
  EXPECT_TRUE(
      std::regex_match(answer.body["timeStamp"].get<std::string>(), std::regex(R"(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ)")))
      << answer.body["timeStamp"];
  EXPECT_EQ(feature_ids(answer.body), (std::vector<std::int64_t>{1, 2}));
  const json& west = answer.body["features"][0];
  EXPECT_EQ(west["type"], "Feature");
  EXPECT_EQ(west["properties"]["id"], "west");
  EXPECT_EQ(west["properties"]["name_zh"], "西组团");
  EXPECT_EQ(west["geometry"]["type"], "MultiPolygon");
  EXPECT_EQ(link(answer.body, "self")["href"], "http://layout.test/ogc/collections/groups/items");
  EXPECT_EQ(link(answer.body, "collection")["href"], "http://layout.test/ogc/collections/groups");
  // Everything on one page: no next, no prev.
  EXPECT_TRUE(link(answer.body, "next").is_null());
  EXPECT_TRUE(link(answer.body, "prev").is_null());
}

TEST(Ogc, PagingFollowsNextLinksToTheEnd) {
  const auto app = test_support::sample_app();
  const Answer first = ask(app, "/ogc/collections/groups/items?limit=1");
  ASSERT_EQ(first.code, status::ok);
  EXPECT_EQ(first.body["numberMatched"], 2);
  EXPECT_EQ(first.body["numberReturned"], 1);
  EXPECT_EQ(feature_ids(first.body), std::vector<std::int64_t>{1});
  const json next = link(first.body, "next");
  ASSERT_FALSE(next.is_null());
  EXPECT_EQ(next["href"], "http://layout.test/ogc/collections/groups/items?limit=1&offset=1");
  EXPECT_EQ(next["type"], "application/geo+json");
  EXPECT_TRUE(link(first.body, "prev").is_null());

  const Answer second = ask(app, target_of(next));
  ASSERT_EQ(second.code, status::ok);
  EXPECT_EQ(second.body["numberMatched"], 2);
  EXPECT_EQ(second.body["numberReturned"], 1);
  EXPECT_EQ(feature_ids(second.body), std::vector<std::int64_t>{2});
  EXPECT_TRUE(link(second.body, "next").is_null()) << "nothing remains after the last feature";
  EXPECT_EQ(link(second.body, "prev")["href"], "http://layout.test/ogc/collections/groups/items?limit=1");

  // Past the end: an empty page, still counted.
  const Answer beyond = ask(app, "/ogc/collections/groups/items?offset=5");
  ASSERT_EQ(beyond.code, status::ok);
  EXPECT_EQ(beyond.body["numberMatched"], 2);
  EXPECT_EQ(beyond.body["numberReturned"], 0);
  EXPECT_EQ(beyond.body["features"], json::array());
  EXPECT_TRUE(link(beyond.body, "next").is_null());
}

TEST(Ogc, NextLinkKeepsTheOtherParameters) {
  const auto app = test_support::sample_app();
  const Answer answer = ask(app, "/ogc/collections/groups/items?bbox=124,43,127,45&f=json&key=a%26b&limit=1");
  ASSERT_EQ(answer.code, status::ok);
  EXPECT_EQ(link(answer.body, "self")["href"],
            "http://layout.test/ogc/collections/groups/items?bbox=124,43,127,45&f=json&key=a%26b&limit=1");
  EXPECT_EQ(link(answer.body, "next")["href"],
            "http://layout.test/ogc/collections/groups/items?bbox=124,43,127,45&f=json&key=a%26b&limit=1&offset=1");
}

TEST(Ogc, LimitAboveTheMaximumIsLoweredToIt) {
  // The spec: a limit above the server's maximum is not an error; the maximum applies. GDAL asks
  // for whatever PAGE_SIZE it was given, and pages on by next links either way.
  const auto app = test_support::sample_app();
  const Answer answer = ask(app, "/ogc/collections/groups/items?limit=1000000");
  ASSERT_EQ(answer.code, status::ok);
  EXPECT_EQ(answer.body["numberReturned"], 2);
  const Answer page = ask(app, "/ogc/collections/groups/items?limit=1000000&offset=1");
  EXPECT_EQ(link(page.body, "prev")["href"], "http://layout.test/ogc/collections/groups/items?limit=10000");
  // Beyond 64 bits is just as large.
  const Answer vast = ask(app, "/ogc/collections/groups/items?limit=99999999999999999999999&offset=1");
  EXPECT_EQ(link(vast.body, "prev")["href"], "http://layout.test/ogc/collections/groups/items?limit=10000");
  EXPECT_EQ(ask(app, "/ogc/collections/groups/items?offset=99999999999999999999999").body["numberReturned"], 0);
}

TEST(Ogc, BadPagingParametersAre400) {
  const auto app = test_support::sample_app();
  expect_error(app, "/ogc/collections/groups/items?limit=0", status::bad_request, "bad_parameter");
  expect_error(app, "/ogc/collections/groups/items?limit=-3", status::bad_request, "bad_parameter");
  expect_error(app, "/ogc/collections/groups/items?limit=ten", status::bad_request, "bad_parameter");
  expect_error(app, "/ogc/collections/groups/items?offset=-1", status::bad_request, "bad_parameter");
  expect_error(app, "/ogc/collections/groups/items?offset=1.5", status::bad_request, "bad_parameter");
  expect_error(app, "/ogc/collections/groups/items?offset=", status::bad_request, "bad_parameter");
  expect_error(app, "/ogc/collections/groups/items?offset=+1", status::bad_request, "bad_parameter");
}

TEST(Ogc, BboxSelectsFeaturesThatIntersectIt) {
  const auto app = test_support::sample_app();
  const auto ids = [&](const std::string& target) {
    const Answer answer = ask(app, target);
    EXPECT_EQ(answer.code, status::ok) << target << " → " << answer.body.dump();
    EXPECT_EQ(answer.body["numberMatched"], answer.body["features"].size());
    return feature_ids(answer.body);
  };
  using Ids = std::vector<std::int64_t>;
  // west covers 125.0–125.5 E, east 125.4–126.0 E, both 43.5–44.0 N.
  EXPECT_EQ(ids("/ogc/collections/groups/items?bbox=125.55,43.6,125.9,43.9"), Ids{2}) << "west lies outside";
  EXPECT_EQ(ids("/ogc/collections/groups/items?bbox=126.0,43.6,126.5,43.9"), Ids{2}) << "touching east's edge";
  EXPECT_EQ(ids("/ogc/collections/groups/items?bbox=124,43.6,125.0,43.9"), Ids{1}) << "touching west's edge";
  EXPECT_EQ(ids("/ogc/collections/groups/items?bbox=125.45,43.7,125.45,43.7"), (Ids{1, 2})) << "a point in both";
  EXPECT_EQ(ids("/ogc/collections/groups/items?bbox=100,20,101,21"), Ids{});
  // 6 numbers: the 3D form, heights ignored.
  EXPECT_EQ(ids("/ogc/collections/groups/items?bbox=125.55,43.6,-10,125.9,43.9,10"), Ids{2});
  // The river's envelope (125.30–125.40 E, 43.40–44.30 N) meets this box, its line does not: the
  // geometry decides, not the envelope.
  EXPECT_EQ(ids("/ogc/collections/water_veins/items?bbox=125.36,43.40,125.40,43.60"), Ids{});
  EXPECT_EQ(ids("/ogc/collections/water_veins/items?bbox=125.30,43.40,125.40,43.60"), Ids{7});
}

TEST(Ogc, BadBboxIs400) {
  const auto app = test_support::sample_app();
  for (const std::string bbox :
       {"125,43,126", "125,43,126,44,1", "a,b,c,d", "125,43,126,", "125,,43,126,44", "", "126,43,125,44",
        "125,44,126,43", "200,0,210,1", "125,43,nan,44", "125,43,inf,44", "125,43,0,126,44,-1"}) {
    expect_error(app, "/ogc/collections/groups/items?bbox=" + bbox, status::bad_request, "bad_parameter");
  }
}

// Issue 22, item 13: an unknown bbox-crs was ignored and the bbox read as CRS84.
TEST(Ogc, BboxInAnotherCrsIsRefusedNotMisread) {
  const auto app = test_support::sample_app();
  expect_error(app, "/ogc/collections/groups/items?bbox=4500000,600000,4600000,700000&bbox-crs=EPSG:4529",
               status::bad_request, "unsupported_crs");
  expect_error(app,
               "/ogc/collections/groups/items?bbox=43,125,44,126&bbox-crs="
               "http%3A%2F%2Fwww.opengis.net%2Fdef%2Fcrs%2FEPSG%2F0%2F4326",
               status::bad_request, "unsupported_crs");
  EXPECT_EQ(ask(app, "/ogc/collections/groups/items?bbox=125,43,126,44&bbox-crs="
                     "http%3A%2F%2Fwww.opengis.net%2Fdef%2Fcrs%2FOGC%2F1.3%2FCRS84")
                .code,
            status::ok);
}

TEST(Ogc, ItemByFid) {
  const auto app = test_support::sample_app();
  const Answer answer = ask(app, "/ogc/collections/groups/items/2");
  ASSERT_EQ(answer.code, status::ok);
  EXPECT_EQ(answer.content_type, "application/geo+json; charset=utf-8");
  EXPECT_EQ(answer.body["type"], "Feature");
  EXPECT_EQ(answer.body["id"], 2);
  EXPECT_EQ(answer.body["properties"]["id"], "east");
  EXPECT_EQ(link(answer.body, "self")["href"], "http://layout.test/ogc/collections/groups/items/2");
  EXPECT_EQ(link(answer.body, "collection")["href"], "http://layout.test/ogc/collections/groups");

  expect_error(app, "/ogc/collections/groups/items/99", status::not_found, "unknown_feature");
  expect_error(app, "/ogc/collections/groups/items/7", status::not_found, "unknown_feature");  // another layer's
  expect_error(app, "/ogc/collections/groups/items/east", status::bad_request, "bad_feature_id");
  expect_error(app, "/ogc/collections/groups/items/2x", status::bad_request, "bad_feature_id");
  expect_error(app, "/ogc/collections/groups/items/99999999999999999999", status::bad_request, "bad_feature_id");
}

TEST(Ogc, UnknownParametersAreIgnored) {
  const auto app = test_support::sample_app();
  EXPECT_EQ(
      ask(app, "/ogc/collections/groups/items?f=json&datetime=2024-01-01T00:00:00Z&foo=bar").body["numberMatched"], 2);
  EXPECT_EQ(ask(app, "/ogc/collections?f=json").code, status::ok);
}

TEST(Ogc, LinksUseTheForwardedSchemeAndHost) {
  const auto app = test_support::sample_app();
  auto request = get("/ogc");
  request.set("X-Forwarded-Proto", "https");
  request.set("X-Forwarded-Host", "maps.example.cn, edge.internal:8443");
  EXPECT_EQ(link(ask(app, request).body, "self")["href"], "https://maps.example.cn/ogc");

  // Only the proto forwarded: the Host header still names the host.
  auto proto_only = get("/ogc/collections/groups/items?limit=1");
  proto_only.set("X-Forwarded-Proto", "HTTPS");
  EXPECT_EQ(link(ask(app, proto_only).body, "next")["href"],
            "https://layout.test/ogc/collections/groups/items?limit=1&offset=1");

  // A proto that is neither http nor https is not believed; a port in Host is kept.
  auto odd = get("/ogc");
  odd.set("X-Forwarded-Proto", "gopher");
  odd.set(server::http::field::host, "127.0.0.1:8080");
  EXPECT_EQ(link(ask(app, odd).body, "self")["href"], "http://127.0.0.1:8080/ogc");
}

TEST(Ogc, NoUsableHostIs400) {
  const auto app = test_support::sample_app();
  server::Request no_host(server::http::verb::get, "/ogc", 11);
  const Answer missing = ask(app, no_host);
  EXPECT_EQ(missing.code, status::bad_request);
  EXPECT_EQ(missing.body["error"], "missing_host");

  auto bad = get("/ogc/collections");
  bad.set("X-Forwarded-Host", "evil.example/phish?");
  const Answer rejected = ask(app, bad);
  EXPECT_EQ(rejected.code, status::bad_request);
  EXPECT_EQ(rejected.body["error"], "bad_host");

  // Conformance has no links, so it needs no host.
  const server::Request conformance(server::http::verb::get, "/ogc/conformance", 11);
  EXPECT_EQ(ask(app, conformance).code, status::ok);
}

TEST(Ogc, RoutesAreNamedForMetrics) {
  const auto app = test_support::sample_app();
  const auto& names = app.router.names();
  for (const char* name :
       {"ogc_landing", "ogc_conformance", "ogc_collections", "ogc_collection", "ogc_items", "ogc_item"}) {
    EXPECT_NE(std::find(names.begin(), names.end(), name), names.end()) << name;
  }
}

}  // namespace
