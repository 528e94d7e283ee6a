// POST /api/v1/locate (batch) and the pieces it stands on: CSV and Accept negotiation.
#include "server/api/csv.hpp"
#include "server/handle_request.hpp"
#include "server/http/negotiation.hpp"
#include "support/sample_app.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

namespace {

using nlohmann::json;
using server::http::status;
using server::http::verb;

server::Request post(const std::string& target, std::string body, const std::string& content_type,
                     const std::string& accept = "") {
  server::Request r(verb::post, target, 11);
  r.set(server::http::field::content_type, content_type);
  if (!accept.empty()) r.set(server::http::field::accept, accept);
  r.body() = std::move(body);
  r.prepare_payload();
  return r;
}

TEST(Csv, QuotesCommasLineBreaksAndBom) {
  const auto rows =
      server::parse_csv("\xEF\xBB\xBFname,lon,lat\r\n\"A, \"\"big\"\" site\",125.1,43.8\n\"two\nlines\",1,2\n\n");
  ASSERT_EQ(rows.size(), 3U);
  EXPECT_EQ(rows[0], (server::CsvRow{"name", "lon", "lat"}));
  EXPECT_EQ(rows[1][0], "A, \"big\" site");
  EXPECT_EQ(rows[2][0], "two\nlines");
  std::string out;
  server::append_csv_row(out, rows[1]);
  EXPECT_EQ(out, "\"A, \"\"big\"\" site\",125.1,43.8\r\n");
  EXPECT_EQ(server::parse_csv(out)[0], rows[1]);  // round trip
  EXPECT_THROW(server::parse_csv("a,\"open\n1,2\n"), std::invalid_argument);
  EXPECT_THROW(server::parse_csv("\"a\"b,c\n"), std::invalid_argument);
}

TEST(Negotiation, QValuesAndWildcards) {
  auto with_accept = [](const std::string& accept) {
    server::Request r(verb::get, "/", 11);
    if (!accept.empty()) r.set(server::http::field::accept, accept);
    return r;
  };
  const auto offers = {std::string_view("application/json"), std::string_view("text/csv")};
  EXPECT_EQ(server::negotiate(with_accept(""), offers), "application/json");
  EXPECT_EQ(server::negotiate(with_accept("text/csv"), offers), "text/csv");
  EXPECT_EQ(server::negotiate(with_accept("text/*"), offers), "text/csv");
  EXPECT_EQ(server::negotiate(with_accept("application/json;q=0.5, text/csv"), offers), "text/csv");
  EXPECT_EQ(server::negotiate(with_accept("*/*"), offers), "application/json");
  EXPECT_EQ(server::negotiate(with_accept("text/csv;q=0, */*;q=0.1"), offers), "application/json");
  EXPECT_THROW((void)server::negotiate(with_accept("image/png"), offers), server::HttpError);
}

TEST(BatchLocate, CsvInCsvOutKeepsColumnsAndOrder) {
  const auto app = test_support::sample_app();
  const std::string csv = "site,lon,lat,note\nA,125.45,43.7,\"both, groups\"\nB,125.2,43.6,west\nC,125.9,43.9,east\n";
  const auto response = server::handle_request(app, post("/api/v1/locate", csv, "text/csv", "text/csv"));
  ASSERT_EQ(response.result(), status::ok) << response.body();
  EXPECT_EQ(response[server::http::field::content_type], "text/csv; charset=utf-8");
  const auto rows = server::parse_csv(response.body());
  ASSERT_EQ(rows.size(), 4U);
  EXPECT_EQ(rows[0],
            (server::CsvRow{"site", "lon", "lat", "note", "wgs84_lon", "wgs84_lat", "province", "city", "county",
                            "groups", "water_veins", "nearest_water_veins", "nearest_water_veins_m"}));
  EXPECT_EQ(rows[1][0], "A");
  EXPECT_EQ(rows[1][3], "both, groups");
  EXPECT_EQ(rows[1][9], "西组团;东组团");
  EXPECT_EQ(rows[2][9], "西组团");
  EXPECT_EQ(rows[3][9], "东组团");
  EXPECT_EQ(rows[3][11], "伊通河");
  EXPECT_GT(std::stod(rows[3][12]), 40000.0);
}

TEST(BatchLocate, GeoJsonInGeoJsonOutMatchesSingleLocate) {
  const auto app = test_support::sample_app();
  const std::string fc = R"({"type":"FeatureCollection","features":[
    {"type":"Feature","properties":{"name":"A"},"geometry":{"type":"Point","coordinates":[125.45,43.7]}},
    {"type":"Feature","properties":{"name":"B"},"geometry":{"type":"Point","coordinates":[125.2,43.6]}}]})";
  const auto response = server::handle_request(app, post("/api/v1/locate", fc, "application/geo+json"));
  ASSERT_EQ(response.result(), status::ok) << response.body();
  EXPECT_EQ(response[server::http::field::content_type], "application/geo+json; charset=utf-8");
  const auto body = json::parse(response.body());
  ASSERT_EQ(body["features"].size(), 2U);
  EXPECT_EQ(body["features"][0]["properties"]["name"], "A");
  const auto& located = body["features"][0]["properties"]["locate"];
  EXPECT_EQ(located["matches"].size(), 2U);
  // The same answer as the GET form for the same site.
  server::Request get(verb::get, "/api/v1/locate?lon=125.45&lat=43.7", 11);
  auto single = json::parse(server::handle_request(app, get).body());
  EXPECT_EQ(located["matches"], single["matches"]);
  EXPECT_EQ(located["nearest"], single["nearest"]);
}

TEST(BatchLocate, BadBatchesAreRefusedWithTheRecordNamed) {
  const auto app = test_support::sample_app();
  struct Case {
    server::Request r;
    status expected;
    std::string detail_has;
  };
  std::vector<Case> cases{
      {post("/api/v1/locate", "x,y\n1,2\n", "text/csv"), status::bad_request, "no 'lon' column"},
      {post("/api/v1/locate", "lon,lat\n125,43\n125,abc\n", "text/csv"), status::bad_request,
       "CSV record 2: lat 'abc'"},
      {post("/api/v1/locate", "lon,lat\n125,43,9\n", "text/csv"), status::bad_request, "CSV record 1: 3 fields"},
      {post("/api/v1/locate", "lon,lat\n200,43\n", "text/csv"), status::bad_request, "CSV record 1: longitude"},
      {post("/api/v1/locate", "lon,lat\n\"125,43\n", "text/csv"), status::bad_request, "unterminated"},
      {post("/api/v1/locate", R"({"type":"Point","coordinates":[1,2]})", "application/json"), status::bad_request,
       "FeatureCollection"},
      {post("/api/v1/locate", R"({"type":"FeatureCollection","features":[{"type":"Feature","geometry":null}]})",
            "application/json"),
       status::bad_request, "feature 0: needs a Point"},
      {post("/api/v1/locate", "lon,lat\n1,2\n", "application/xml"), status::unsupported_media_type, "application/xml"},
      {post("/api/v1/locate", "lon,lat\n1,2\n", "text/csv", "image/png"), status::not_acceptable, "image/png"},
  };
  for (auto& c : cases) {
    const auto response = server::handle_request(app, c.r);
    EXPECT_EQ(response.result(), c.expected) << response.body();
    const auto body = json::parse(response.body());
    EXPECT_NE(body["detail"].get<std::string>().find(c.detail_has), std::string::npos) << body;
  }
}

}  // namespace
