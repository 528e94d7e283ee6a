#include "server/handle_request.hpp"
#include "support/sample_app.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

namespace {

server::Request get(const std::string& target, server::http::verb verb = server::http::verb::get) {
  server::Request request(verb, target, 11);
  request.keep_alive(true);
  return request;
}

TEST(HandleRequest, HealthzReportsTheSnapshot) {
  const auto app = test_support::sample_app(7);
  const auto response = server::handle_request(app, get("/healthz"));
  EXPECT_EQ(response.result(), server::http::status::ok);
  EXPECT_TRUE(response.keep_alive());
  const auto body = nlohmann::json::parse(response.body());
  EXPECT_EQ(body["status"], "ok");
  EXPECT_EQ(body["layers"], 2);
  EXPECT_EQ(body["features"], 3);
  EXPECT_EQ(body["snapshot_version"], 7);
  // A query string does not change the route.
  EXPECT_EQ(server::handle_request(app, get("/healthz?verbose=1")).result(), server::http::status::ok);
}

TEST(HandleRequest, UnknownRouteIs404WithJsonError) {
  const auto app = test_support::sample_app(7);
  const auto response = server::handle_request(app, get("/nope"));
  EXPECT_EQ(response.result(), server::http::status::not_found);
  const auto body = nlohmann::json::parse(response.body());
  EXPECT_EQ(body["error"], "not_found");
  EXPECT_EQ(body["detail"], "no route for /nope");
}

TEST(HandleRequest, WrongMethodIs405WithAllow) {
  const auto app = test_support::sample_app(7);
  const auto response = server::handle_request(app, get("/healthz", server::http::verb::post));
  EXPECT_EQ(response.result(), server::http::status::method_not_allowed);
  EXPECT_EQ(response[server::http::field::allow], "GET, HEAD");  // HEAD is answered wherever GET is
  EXPECT_EQ(nlohmann::json::parse(response.body())["error"], "method_not_allowed");
}

}  // namespace
