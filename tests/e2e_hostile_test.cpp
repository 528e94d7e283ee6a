// The hostile-input catalogue: requests as an attacker or a careless client sends them, byte for
// byte, to a running layoutd (the sample store, small limits). Each case says what must come back
// — a status, or the connection closed — and after each the server must still answer /healthz.
// A case that once crashed, stalled or smuggled is named after the defect (issue 22).
#include "support/fixture_store.hpp"
#include "support/process.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <cmath>
#include <fstream>
#include <regex>
#include <thread>
#include <string>
#include <vector>

namespace {

using namespace std::chrono_literals;
using test_support::TempDir;

std::string request(const std::string& method, const std::string& target, const std::string& headers,
                    const std::string& body = "", const std::string& version = "HTTP/1.1") {
  return method + " " + target + " " + version + "\r\n" + headers + "\r\n" + body;
}

std::string post_json(const std::string& target, const std::string& body) {
  return request("POST", target,
                 "Host: t\r\nContent-Type: application/json\r\nContent-Length: " + std::to_string(body.size()) +
                     "\r\nConnection: close\r\n",
                 body);
}

std::string get(const std::string& target, const std::string& extra = "") {
  return request("GET", target, "Host: t\r\nConnection: close\r\n" + extra);
}

std::string repeat(const std::string& text, std::size_t n) {
  std::string out;
  out.reserve(text.size() * n);
  for (std::size_t i = 0; i < n; ++i) out += text;
  return out;
}

// The statuses of every response in `received`, in order.
std::vector<int> statuses(const std::string& received) {
  std::vector<int> out;
  static const std::regex status_line("HTTP/1\\.[01] (\\d{3}) ");
  for (auto it = std::sregex_iterator(received.begin(), received.end(), status_line); it != std::sregex_iterator();
       ++it) {
    out.push_back(std::stoi((*it)[1]));
  }
  return out;
}

struct Case {
  const char* name;
  std::vector<std::string> pieces;
  std::vector<int> expected;  // the statuses, in order; empty: no response at all
  bool must_close = true;     // the server closes the connection after them
  const char* error = "";     // the first response's "error" member, when given
};

// A polygon of `n` vertices (a circle), as the overlap body.
std::string circle_parcel(int n) {
  std::string coordinates;
  for (int i = 0; i <= n; ++i) {
    const double a = 2 * 3.141592653589793 * (i % n) / n;
    if (i > 0) coordinates += ',';
    coordinates += '[';
    coordinates += std::to_string(125.4 + 0.01 * std::cos(a));
    coordinates += ',';
    coordinates += std::to_string(43.7 + 0.01 * std::sin(a));
    coordinates += ']';
  }
  return R"({"type":"Polygon","coordinates":[[)" + coordinates + "]]}";
}

std::vector<Case> catalogue() {
  const std::string smuggled = get("/healthz");
  std::vector<Case> cases = {
      // Baseline: an honest request on the same path.
      {"HonestGet", {get("/healthz")}, {200}},
      {"HonestOverlap", {post_json("/api/v1/overlap", circle_parcel(16))}, {200}},
      // Defect 1: nesting deep enough to overflow a recursive walker's stack.
      // (well-formed, so that nothing stops before the walk: the old server died of SIGSEGV on both).
      {"NestedArraysToOverlap",
       {post_json("/api/v1/overlap", repeat("[", 60000) + repeat("]", 60000))},
       {400},
       true,
       "json_too_deep"},
      {"NestedObjectsToOverlap",
       {post_json("/api/v1/overlap", repeat("{\"a\":", 100000) + "1" + repeat("}", 100000))},
       {400},
       true,
       "json_too_deep"},
      {"UnclosedNestingToOverlap", {post_json("/api/v1/overlap", repeat("[", 60000))}, {400}, true, "json_too_deep"},
      {"NestedPropertiesInABatch",
       {post_json("/api/v1/locate", R"({"type":"FeatureCollection","features":[{"type":"Feature","properties":)" +
                                        repeat("{\"a\":", 100000))},
       {400},
       true,
       "json_too_deep"},
      // Defect 3: client errors that were answered 500.
      {"OverflowingNumberInAParcel",
       {post_json("/api/v1/overlap",
                  R"({"type":"Polygon","coordinates":[[[1e999,43],[125,43],[125,44],[1e999,43]]]})")},
       {400},
       true,
       "invalid_json"},
      {"OverflowingNumberInABatch",
       {post_json(
           "/api/v1/locate",
           R"({"type":"FeatureCollection","features":[{"type":"Feature","geometry":{"type":"Point","coordinates":[1e999,43]}}]})")},
       {400},
       true,
       "invalid_json"},
      {"NumericTypeInAParcel",
       {post_json("/api/v1/overlap", R"({"type":5,"coordinates":[]})")},
       {400},
       true,
       "invalid_geojson"},
      {"ArrayTypeInABatch",
       {post_json("/api/v1/locate", R"({"type":[],"features":[]})")},
       {400},
       true,
       "invalid_batch"},
      {"NumericTypeOfABatchPoint",
       {post_json(
           "/api/v1/locate",
           R"({"type":"FeatureCollection","features":[{"type":"Feature","geometry":{"type":5,"coordinates":[125,43]}}]})")},
       {400},
       true,
       "invalid_batch"},
      // Defect 4: parcels whose overlap would hold a worker for minutes.
      {"ParcelOverTheVertexLimit",
       {post_json("/api/v1/overlap", circle_parcel(3000))},
       {413},
       true,
       "parcel_too_large"},
      // Defect 6: the same tile layer named again and again.
      {"RepeatedTileLayers", {get("/tiles/0/0/0.mvt?layers=groups,groups,groups")}, {400}, true, "duplicate_layer"},
      {"RepeatedTileJsonLayers", {get("/tiles.json?layers=groups,groups")}, {400}, true, "duplicate_layer"},
      // Defect 7: framing a second request inside the first one's body (smuggling).
      {"TransferEncodingXchunked",
       {request("POST", "/api/v1/overlap", "Host: t\r\nTransfer-Encoding: xchunked\r\n") + smuggled},
       {400},
       true,
       "bad_framing"},
      {"TransferEncodingGzipAlone",
       {request("POST", "/api/v1/overlap", "Host: t\r\nTransfer-Encoding: gzip\r\n") + smuggled},
       {400},
       true,
       "bad_framing"},
      {"TransferEncodingIdentity",
       {request("POST", "/api/v1/overlap", "Host: t\r\nTransfer-Encoding: identity\r\n") + smuggled},
       {400},
       true,
       "bad_framing"},
      {"TransferEncodingChunkedThenIdentity",
       {request("POST", "/api/v1/overlap", "Host: t\r\nTransfer-Encoding: chunked, identity\r\n") + smuggled},
       {400},
       true,
       "bad_framing"},
      {"TransferEncodingGzipThenChunked",
       {request("POST", "/api/v1/overlap", "Host: t\r\nTransfer-Encoding: gzip, chunked\r\n", "0\r\n\r\n") + smuggled},
       {501},
       true,
       "unsupported_transfer_coding"},
      {"Http11WithoutHost", {request("GET", "/healthz", "Connection: close\r\n")}, {400}, true, "bad_host"},
      {"Http11WithTwoHosts",
       {request("GET", "/healthz", "Host: a\r\nHost: b\r\nConnection: close\r\n")},
       {400},
       true,
       "bad_host"},
      {"Http10WithoutHostIsFine", {request("GET", "/healthz", "", "", "HTTP/1.0")}, {200}},
      {"AbsoluteFormTarget", {request("GET", "http://t/healthz", "Host: t\r\nConnection: close\r\n")}, {200}},
      {"AbsoluteFormTargetWithQuery",
       {request("GET", "http://t:8080/api/v1/locate?lon=125.45&lat=43.7", "Host: t\r\nConnection: close\r\n")},
       {200}},
      {"TenMegabyteUrl", {get("/healthz?x=" + std::string(10U << 20U, 'a'))}, {414}, true, "uri_too_long"},
      {"HugeHeader",
       {get("/healthz", "X-Big: " + std::string(32U << 10U, 'a') + "\r\n")},
       {431},
       true,
       "header_too_large"},
      // Defect 2: a chunked request whose trailer field is over Beast's field size: the parser throws
      // from inside the read; the connection is dropped, the server lives on.
      {"HugeChunkTrailer",
       {request("POST", "/api/v1/overlap",
                "Host: t\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n",
                "2\r\n{}\r\n0\r\nX-Trailer: " + std::string(100U << 10U, 'a') + "\r\n\r\n")},
       {},
       true},
  };
  return cases;
}

class Hostile : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new TempDir();
    test_support::write_sample_store(*dir_ / "layout.gpkg");
    server_ = new test_support::RunningLayoutd(LAYOUTD_BIN, *dir_ / "layout.gpkg", *dir_ / "layoutd.log",
                                               {"--max-parcel-vertices", "2000", "--read-timeout", "2"});
  }
  static void TearDownTestSuite() {
    delete server_;
    delete dir_;
  }
  static bool healthy() {
    const auto exchange = test_support::raw_exchange(server_->port, {get("/healthz")});
    return statuses(exchange.received) == std::vector<int>{200};
  }
  static TempDir* dir_;
  static test_support::RunningLayoutd* server_;
};
TempDir* Hostile::dir_ = nullptr;
test_support::RunningLayoutd* Hostile::server_ = nullptr;

TEST_F(Hostile, EveryCaseGetsItsAnswerAndTheServerStaysHealthy) {
  int checked = 0;
  for (const Case& c : catalogue()) {
    SCOPED_TRACE(c.name);
    const auto exchange = test_support::raw_exchange(server_->port, c.pieces);
    EXPECT_EQ(statuses(exchange.received), c.expected) << exchange.received.substr(0, 600);
    if (c.must_close) {
      EXPECT_TRUE(exchange.closed) << "the connection was left open";
    }
    if (*c.error != '\0' && !c.expected.empty()) {
      const auto body_at = exchange.received.find("\r\n\r\n");
      ASSERT_NE(body_at, std::string::npos);
      const auto body = nlohmann::json::parse(exchange.received.substr(body_at + 4), nullptr, false);
      ASSERT_TRUE(body.is_object()) << exchange.received.substr(0, 600);
      EXPECT_EQ(body.value("error", ""), c.error);
      EXPECT_FALSE(body.value("detail", "").empty());
    }
    ASSERT_TRUE(healthy()) << "layoutd stopped answering after " << c.name << "; log:\n" << server_->process.log();
    ++checked;
  }
  EXPECT_EQ(checked, static_cast<int>(catalogue().size()));
  // The limits that tripped are counted for the operator.
  const auto metrics = test_support::http_get("127.0.0.1", server_->port, "/metrics").body;
  EXPECT_NE(metrics.find("layoutd_limit_exceeded_total{limit=\"json_depth\"} 4"), std::string::npos) << metrics;
  EXPECT_NE(metrics.find("layoutd_limit_exceeded_total{limit=\"parcel_vertices\"} 1"), std::string::npos) << metrics;
}

// Defect 8: a header trickled a byte at a time used to hold the connection for the idle timeout
// (60 s); from its first byte a request now has --read-timeout (2 s here) to arrive whole.
TEST_F(Hostile, ATrickledHeaderIsCutOffAtTheReadTimeout) {
  const std::string header = get("/healthz");
  std::vector<std::string> bytes;
  for (std::size_t i = 0; i + 4 < header.size() && i < 40; ++i) bytes.emplace_back(1, header[i]);
  const auto exchange = test_support::raw_exchange(server_->port, bytes, 3000ms, 250ms);
  EXPECT_TRUE(exchange.closed || exchange.send_failed);
  EXPECT_TRUE(statuses(exchange.received).empty()) << exchange.received;
  // 40 bytes 250 ms apart would take 10 s; the cut comes at about 2 s.
  if (exchange.closed) {
    EXPECT_LT(exchange.closed_after, 4000ms);
  }
  EXPECT_TRUE(healthy());
}

// Issue 22, defect 12: every reload left the replaced snapshot's pages with the process (glibc
// keeps freed memory in its arenas): RSS went 142 -> 221 -> 323 -> 351 -> 361 -> 376 MiB over
// five reloads of the dataset. Now the reloader hands them back once the old snapshot is freed.
TEST(Memory, ReloadsDoNotRatchetResidentMemory) {
  TempDir dir;
  const std::string token = "0123456789abcdef0123456789abcdef";
  std::ofstream(dir / "token") << token;
  test_support::RunningLayoutd server(LAYOUTD_BIN, LAYOUTD_TEST_STORE, dir / "layoutd.log",
                                      {"--admin-token-file", (dir / "token").string(), "--watch-interval", "0"});
  const double start = server.process.rss_mib();
  ASSERT_GT(start, 20.0);
  for (int i = 0; i < 5; ++i) {
    const auto reload = test_support::http_request("127.0.0.1", server.port, {"POST", "/admin/reload?wait=1", "", "", ""},
                                                   {{"Authorization", "Bearer " + token}});
    ASSERT_EQ(reload.status, 200) << reload.body;
  }
  // The reloader frees a replaced snapshot within a second of its last request.
  std::this_thread::sleep_for(2500ms);
  EXPECT_LT(server.process.rss_mib(), start * 1.5) << "start " << start << " MiB";
}

}  // namespace
