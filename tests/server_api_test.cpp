// The query API through handle_request (no sockets), on the small sample snapshot: two groups
// that overlap between 125.4° and 125.5°E, and one river.
#include "geo/gcj02.hpp"
#include "layoutd_api.pb.h"
#include "server/handle_request.hpp"
#include "support/sample_app.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

namespace {

using nlohmann::json;
using server::http::status;
using server::http::verb;

server::Request request(verb method, const std::string& target, std::string body = {},
                        std::string content_type = "application/json") {
  server::Request r(method, target, 11);
  r.keep_alive(true);
  if (!body.empty() || method == verb::post) {
    r.set(server::http::field::content_type, content_type);
    r.body() = std::move(body);
    r.prepare_payload();
  }
  return r;
}

json call(const server::App& app, const server::Request& r, status expected) {
  const auto response = server::handle_request(app, r);
  EXPECT_EQ(response.result(), expected) << r.target() << " -> " << response.body();
  return json::parse(response.body());
}

std::vector<std::string> ids_of(const json& list) {
  std::vector<std::string> out;
  for (const auto& m : list) out.push_back(m["id"]);
  return out;
}

TEST(Api, LayersCatalogue) {
  const auto app = test_support::sample_app(3);
  const auto body = call(app, request(verb::get, "/api/v1/layers"), status::ok);
  ASSERT_EQ(body["layers"].size(), 2U);
  EXPECT_EQ(body["layers"][0]["id"], "groups");
  EXPECT_EQ(body["layers"][0]["title_zh"], "三组团");
  EXPECT_EQ(body["layers"][0]["geometry_type"], "polygon");
  EXPECT_EQ(body["layers"][0]["count"], 2);
  EXPECT_EQ(body["layers"][0]["bbox"], json::parse("[125.0, 43.5, 126.0, 44.0]"));
  EXPECT_EQ(body["layers"][1]["geometry_type"], "line");
}

TEST(Api, LocateInTwoOverlappingGroupsAndNearTheRiver) {
  const auto app = test_support::sample_app(3);
  const auto response = server::handle_request(app, request(verb::get, "/api/v1/locate?lon=125.45&lat=43.7"));
  ASSERT_EQ(response.result(), status::ok);
  // Chinese stays UTF-8 on the wire, not \u escapes.
  EXPECT_NE(response.body().find("西组团"), std::string::npos);
  const auto body = json::parse(response.body());
  EXPECT_EQ(body["site"]["lon"], 125.45);
  EXPECT_EQ(body["site"]["input"]["crs"], "EPSG:4326");
  EXPECT_TRUE(body["admin"].is_null());  // the sample has no admin layer
  EXPECT_EQ(ids_of(body["matches"]), (std::vector<std::string>{"west", "east"}));
  EXPECT_EQ(body["matches"][0]["layer"], "groups");
  EXPECT_EQ(body["matches"][0]["name_zh"], "西组团");
  EXPECT_EQ(body["matches"][0]["plan_text"], "测试用要素");
  EXPECT_EQ(body["matches"][0]["distance_m"], 0.0);
  ASSERT_EQ(body["nearest"].size(), 1U);
  EXPECT_EQ(body["nearest"][0]["id"], "yitong");
  // ~0.13° of longitude east of the river at 43.7°N: ~10 km.
  EXPECT_GT(body["nearest"][0]["distance_m"].get<double>(), 9000);
  EXPECT_LT(body["nearest"][0]["distance_m"].get<double>(), 12000);
}

TEST(Api, LocateFiltersLayersAndAcceptsGcj02) {
  const auto app = test_support::sample_app(3);
  const auto only = call(app, request(verb::get, "/api/v1/locate?lon=125.45&lat=43.7&layers=water_veins"), status::ok);
  EXPECT_TRUE(only["matches"].empty());  // 10 km from a river with a 2 km band
  const geo::LonLat gcj = geo::wgs84_to_gcj02({125.2, 43.7});
  const auto body = call(app,
                         request(verb::get, "/api/v1/locate?lon=" + std::to_string(gcj.lon) +
                                                "&lat=" + std::to_string(gcj.lat) + "&crs=gcj02"),
                         status::ok);
  EXPECT_NEAR(body["site"]["lon"].get<double>(), 125.2, 1e-5);
  EXPECT_EQ(body["site"]["input"]["crs"], "GCJ02");
  EXPECT_EQ(ids_of(body["matches"]), (std::vector<std::string>{"west"}));
}

TEST(Api, NearestWithK) {
  const auto app = test_support::sample_app(3);
  const auto body = call(app, request(verb::get, "/api/v1/nearest?lon=125.9&lat=43.6&layer=groups&k=2"), status::ok);
  EXPECT_EQ(ids_of(body["nearest"]), (std::vector<std::string>{"east", "west"}));
  EXPECT_EQ(body["nearest"][0]["distance_m"], 0.0);
  EXPECT_GT(body["nearest"][1]["distance_m"].get<double>(), 30000);  // 0.4° of longitude
}

TEST(Api, OverlapOfAParcelAcrossBothGroups) {
  const auto app = test_support::sample_app(3);
  const std::string parcel =
      R"({"type":"Feature","properties":{},"geometry":{"type":"Polygon","coordinates":[[[125.3,43.6],[125.6,43.6],[125.6,43.7],[125.3,43.7],[125.3,43.6]]]}})";
  const auto body = call(app, request(verb::post, "/api/v1/overlap", parcel, "application/geo+json"), status::ok);
  const double parcel_km2 = body["parcel_km2"];
  EXPECT_NEAR(parcel_km2, 0.3 * 80.5 * 11.1, 30);  // ~0.3° x 0.1° at 43.65°N
  ASSERT_EQ(body["hits"].size(), 2U);
  EXPECT_EQ(body["hits"][0]["id"], "west");
  // West covers 125.3–125.5 (2/3 of the parcel), east 125.4–125.6 (2/3).
  EXPECT_NEAR(body["hits"][0]["share"].get<double>(), 2.0 / 3.0, 0.002);
  EXPECT_NEAR(body["hits"][1]["share"].get<double>(), 2.0 / 3.0, 0.002);
  EXPECT_NEAR(body["hits"][0]["area_km2"].get<double>(), parcel_km2 * 2.0 / 3.0, parcel_km2 * 0.002);
}

TEST(Api, ProtobufAnswersCarryTheSameContentAsJson) {
  const auto app = test_support::sample_app(3);
  auto r = request(verb::get, "/api/v1/locate?lon=125.45&lat=43.7");
  r.set(server::http::field::accept, "application/x-protobuf");
  const auto response = server::handle_request(app, r);
  ASSERT_EQ(response.result(), status::ok);
  EXPECT_EQ(response[server::http::field::content_type], "application/x-protobuf");
  layoutd::api::v1::LocateResponse message;
  ASSERT_TRUE(message.ParseFromString(response.body()));
  const auto as_json = call(app, request(verb::get, "/api/v1/locate?lon=125.45&lat=43.7"), status::ok);
  ASSERT_EQ(message.matches_size(), 2);
  EXPECT_EQ(message.matches(0).id(), "west");
  EXPECT_EQ(message.matches(1).name_zh(), "东组团");
  ASSERT_EQ(message.nearest_size(), 1);
  EXPECT_NEAR(message.nearest(0).distance_m(), as_json["nearest"][0]["distance_m"].get<double>(), 0.01);
  EXPECT_FALSE(message.has_admin());

  auto o = request(
      verb::post, "/api/v1/overlap",
      R"({"type":"Polygon","coordinates":[[[125.3,43.6],[125.6,43.6],[125.6,43.7],[125.3,43.7],[125.3,43.6]]]})");
  o.set(server::http::field::accept, "application/x-protobuf");
  layoutd::api::v1::OverlapResponse overlap;
  ASSERT_TRUE(overlap.ParseFromString(server::handle_request(app, o).body()));
  ASSERT_EQ(overlap.hits_size(), 2);
  EXPECT_EQ(overlap.hits(1).feature().id(), "east");
  EXPECT_NEAR(overlap.hits(1).share(), 2.0 / 3.0, 0.002);
}

// Every kind of bad input: the right 4xx, a JSON {"error","detail"}, never a 500.
TEST(Api, BadInputGetsAClearStatus) {
  const auto app = test_support::sample_app(3);
  struct Case {
    server::Request r;
    status expected;
    std::string error;
    std::string detail_has;
  };
  const std::string square = R"({"type":"Polygon","coordinates":[[[125,43],[126,43],[126,44],[125,44],[125,43]]]})";
  std::vector<Case> cases{
      {request(verb::get, "/api/v1/locate?lat=43.7"), status::bad_request, "bad_parameter", "lon: is required"},
      {request(verb::get, "/api/v1/locate?lon=abc&lat=43.7"), status::bad_request, "bad_parameter",
       "'abc' is not a number"},
      {request(verb::get, "/api/v1/locate?lon=125&lat=nan"), status::bad_request, "bad_parameter",
       "not a finite number"},
      {request(verb::get, "/api/v1/locate?lon=125%2&lat=1"), status::bad_request, "bad_request", "percent-escape"},
      {request(verb::get, "/api/v1/locate?lon=190&lat=43.7"), status::bad_request, "invalid_input", "longitude"},
      {request(verb::get, "/api/v1/locate?lon=125&lat=-91"), status::bad_request, "invalid_input", "latitude"},
      {request(verb::get, "/api/v1/locate?lon=125&lat=43&crs=EPSG:3857"), status::bad_request, "invalid_input",
       "unknown crs"},
      {request(verb::get, "/api/v1/locate?lon=125&lat=43&layers=groups,nope"), status::bad_request, "unknown_layer",
       "'nope'"},
      {request(verb::get, "/api/v1/nearest?lon=125&lat=43"), status::bad_request, "bad_parameter",
       "layer: is required"},
      {request(verb::get, "/api/v1/nearest?lon=125&lat=43&layer=groups&k=1000"), status::bad_request, "bad_parameter",
       "out of range"},
      {request(verb::get, "/api/v1/nearest?lon=125&lat=43&layer=groups&k=two"), status::bad_request, "bad_parameter",
       "not an integer"},
      {request(verb::post, "/api/v1/overlap", "{not json"), status::bad_request, "invalid_json", "not valid JSON"},
      {request(verb::post, "/api/v1/overlap", square, "text/plain"), status::unsupported_media_type,
       "unsupported_media_type", "text/plain"},
      {request(verb::post, "/api/v1/overlap", R"({"type":"Point","coordinates":[125,43]})"), status::bad_request,
       "invalid_input", "Polygon or MultiPolygon"},
      {request(verb::post, "/api/v1/overlap", R"({"type":"Polygon","coordinates":[[[125,43]]]})"), status::bad_request,
       "invalid_geojson", "ring"},
      {request(verb::post, "/api/v1/overlap",
               R"({"type":"Polygon","coordinates":[[[125,43],[126,44],[126,43],[125,44],[125,43]]]})"),
       status::bad_request, "invalid_input", "not a valid polygon"},
      {request(verb::get, "/api/v1/overlap"), status::method_not_allowed, "method_not_allowed", "use POST"},
      {request(verb::delete_, "/api/v1/locate"), status::method_not_allowed, "method_not_allowed", "use GET"},
      {request(verb::get, "/api/v2/locate"), status::not_found, "not_found", "/api/v2/locate"},
  };
  for (auto& c : cases) {
    const auto response = server::handle_request(app, c.r);
    EXPECT_EQ(response.result(), c.expected) << c.r.target() << " " << response.body();
    const auto body = json::parse(response.body());
    EXPECT_EQ(body["error"], c.error) << c.r.target();
    EXPECT_NE(body["detail"].get<std::string>().find(c.detail_has), std::string::npos)
        << c.r.target() << ": " << body["detail"];
  }
}

TEST(Api, CorsHeadersAndPreflightWhenConfigured) {
  const auto plain = test_support::sample_app(3);
  EXPECT_EQ(server::handle_request(plain, request(verb::get, "/healthz"))
                .count(server::http::field::access_control_allow_origin),
            0U);
  EXPECT_EQ(server::handle_request(plain, request(verb::options, "/api/v1/overlap")).result(),
            status::method_not_allowed);

  server::ServerConfig config;
  config.cors_origin = "https://maps.example.cn";
  const server::App app = test_support::sample_app(1, config);
  const auto response = server::handle_request(app, request(verb::get, "/healthz"));
  EXPECT_EQ(response[server::http::field::access_control_allow_origin], "https://maps.example.cn");
  const auto preflight = server::handle_request(app, request(verb::options, "/api/v1/locate"));
  EXPECT_EQ(preflight.result(), status::no_content);
  EXPECT_EQ(preflight[server::http::field::access_control_allow_methods], "GET, HEAD, POST");  // HEAD where GET is
  EXPECT_EQ(preflight[server::http::field::access_control_allow_origin], "https://maps.example.cn");
  // A path that exists under no method is still a 404, preflight or not.
  EXPECT_EQ(server::handle_request(app, request(verb::options, "/nowhere")).result(), status::not_found);
}

TEST(Api, MetricsCountRequestsByRouteAndStatus) {
  const auto app = test_support::sample_app(3);
  (void)server::handle_request(app, request(verb::get, "/api/v1/locate?lon=125.45&lat=43.7"));
  (void)server::handle_request(app, request(verb::get, "/api/v1/locate?lon=125.45&lat=43.7"));
  (void)server::handle_request(app, request(verb::get, "/api/v1/locate?lon=x&lat=43.7"));
  (void)server::handle_request(app, request(verb::get, "/nowhere"));
  const auto response = server::handle_request(app, request(verb::get, "/metrics"));
  ASSERT_EQ(response.result(), status::ok);
  const std::string& text = response.body();
  EXPECT_NE(text.find("layoutd_requests_total{route=\"locate\",status=\"200\"} 2\n"), std::string::npos) << text;
  EXPECT_NE(text.find("layoutd_requests_total{route=\"locate\",status=\"400\"} 1\n"), std::string::npos) << text;
  EXPECT_NE(text.find("layoutd_requests_total{route=\"unmatched\",status=\"404\"} 1\n"), std::string::npos) << text;
  EXPECT_NE(text.find("layoutd_request_duration_seconds_count{route=\"locate\"} 3\n"), std::string::npos) << text;
  EXPECT_NE(text.find("layoutd_request_duration_seconds_bucket{route=\"locate\",le=\"+Inf\"} 3\n"), std::string::npos);
  EXPECT_NE(text.find("layoutd_features{layer=\"groups\"} 2\n"), std::string::npos);
  EXPECT_NE(text.find("layoutd_snapshot_version 3\n"), std::string::npos);
}

}  // namespace
