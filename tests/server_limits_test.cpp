// The request limits (server/http/request_limits.hpp) and the framing rules of the HTTP layer
// (server/http/framing.hpp, split_target), without sockets. The same cases over a real socket are
// in e2e_hostile_test.cpp.
#include "server/config.hpp"
#include "server/handle_request.hpp"
#include "server/http/framing.hpp"
#include "server/http/url.hpp"
#include "server/http/work_pool.hpp"
#include "support/sample_app.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <atomic>
#include <mutex>
#include <stop_token>
#include <thread>

namespace {

using nlohmann::json;
using server::http::status;
using server::http::verb;

server::Response post(const server::App& app, const std::string& target, std::string body,
                      const std::string& type = "application/json") {
  server::Request r(verb::post, target, 11);
  r.set(server::http::field::content_type, type);
  r.body() = std::move(body);
  r.prepare_payload();
  return server::handle_request(app, r);
}

std::string error_of(const server::Response& response) {
  return json::parse(response.body()).value("error", "");
}

TEST(Limits, JsonNestingIsRefusedAtTheConfiguredDepth) {
  server::ServerConfig config;
  config.limits.max_json_depth = 10;
  const auto app = test_support::sample_app(1, config);
  const std::string ten = std::string(10, '[') + std::string(10, ']');
  const std::string eleven = std::string(11, '[') + std::string(11, ']');
  // Ten levels parse (and are then no GeoJSON); eleven do not.
  EXPECT_EQ(error_of(post(app, "/api/v1/overlap", ten)), "invalid_geojson");
  const auto deep = post(app, "/api/v1/overlap", eleven);
  EXPECT_EQ(deep.result(), status::bad_request);
  EXPECT_EQ(error_of(deep), "json_too_deep");
  EXPECT_EQ(error_of(post(app, "/api/v1/overlap", std::string(200000, '['))), "json_too_deep");
}

TEST(Limits, ParcelVerticesAndPartsAreBounded) {
  server::ServerConfig config;
  config.limits.max_parcel_vertices = 10;
  config.limits.max_parcel_parts = 2;
  const auto app = test_support::sample_app(1, config);
  const std::string square = "[[[125.4,43.6],[125.5,43.6],[125.5,43.7],[125.4,43.7],[125.4,43.6]]]";
  EXPECT_EQ(post(app, "/api/v1/overlap", R"({"type":"Polygon","coordinates":)" + square + "}").result(), status::ok);
  const auto three = post(app, "/api/v1/overlap",
                          R"({"type":"MultiPolygon","coordinates":[)" + square + "," + square + "," + square + "]}");
  EXPECT_EQ(three.result(), status::payload_too_large);
  EXPECT_EQ(error_of(three), "parcel_too_large");
  const auto eleven = post(app, "/api/v1/overlap",
                           R"({"type":"Polygon","coordinates":[[[125.4,43.6],[125.45,43.6],[125.5,43.6],)"
                           R"([125.5,43.65],[125.5,43.7],[125.45,43.7],[125.4,43.7],[125.4,43.65],)"
                           R"([125.41,43.65],[125.4,43.64],[125.4,43.6]]]})");
  EXPECT_EQ(eleven.result(), status::payload_too_large);
  // Each trip is counted for the operator.
  server::Request metrics(verb::get, "/metrics", 11);
  const auto text = server::handle_request(app, metrics).body();
  EXPECT_NE(text.find("layoutd_limit_exceeded_total{limit=\"parcel_parts\"} 1"), std::string::npos) << text;
  EXPECT_NE(text.find("layoutd_limit_exceeded_total{limit=\"parcel_vertices\"} 1"), std::string::npos) << text;
  EXPECT_NE(text.find("layoutd_limit_exceeded_total{limit=\"json_depth\"} 0"), std::string::npos) << text;
}

TEST(Limits, BatchSitesAreBounded) {
  server::ServerConfig config;
  config.limits.max_batch_sites = 2;
  const auto app = test_support::sample_app(1, config);
  EXPECT_EQ(post(app, "/api/v1/locate", "lon,lat\n125.4,43.7\n125.5,43.7\n", "text/csv").result(), status::ok);
  const auto three = post(app, "/api/v1/locate", "lon,lat\n125.4,43.7\n125.5,43.7\n125.6,43.7\n", "text/csv");
  EXPECT_EQ(three.result(), status::payload_too_large);
  EXPECT_EQ(error_of(three), "too_many_sites");
}

TEST(Limits, NumbersBeyondDoubleAndMistypedTypesAreClientErrors) {
  const auto app = test_support::sample_app();
  EXPECT_EQ(error_of(post(app, "/api/v1/overlap",
                          R"({"type":"Polygon","coordinates":[[[1e999,43],[125,43],[125,44],[1e999,43]]]})")),
            "invalid_json");
  EXPECT_EQ(error_of(post(app, "/api/v1/overlap", R"({"type":5})")), "invalid_geojson");
  EXPECT_EQ(error_of(post(app, "/api/v1/overlap", R"({"type":[]})")), "invalid_geojson");
  EXPECT_EQ(error_of(post(app, "/api/v1/locate", R"({"type":5,"features":[]})")), "invalid_batch");
  EXPECT_EQ(error_of(post(app, "/api/v1/locate",
                          R"({"type":"FeatureCollection","features":[{"geometry":{"type":[],"coordinates":[1,2]}}]})")),
            "invalid_batch");
}

TEST(Limits, ALayerNamedTwiceIsRefused) {
  const auto app = test_support::sample_app();
  for (const char* target : {"/tiles/0/0/0.mvt?layers=groups,groups", "/tiles.json?layers=groups,water_veins,groups",
                             "/api/v1/locate?lon=125.4&lat=43.7&layers=groups,groups"}) {
    server::Request r(verb::get, target, 11);
    const auto response = server::handle_request(app, r);
    EXPECT_EQ(response.result(), status::bad_request) << target;
    EXPECT_EQ(error_of(response), "duplicate_layer") << target;
  }
}

TEST(Limits, CommandLineSetsThem) {
  std::vector<std::string> args{"layoutd", "--max-json-depth",   "20", "--max-parcel-vertices",
                                "500",     "--max-parcel-parts", "7",  "--max-batch-sites",
                                "9",       "--max-connections",  "33"};
  std::vector<char*> argv;
  for (auto& a : args) argv.push_back(a.data());
  const auto config = server::parse_command_line(argv);
  ASSERT_TRUE(config);
  EXPECT_EQ(config->limits.max_json_depth, 20U);
  EXPECT_EQ(config->limits.max_parcel_vertices, 500U);
  EXPECT_EQ(config->limits.max_parcel_parts, 7U);
  EXPECT_EQ(config->limits.max_batch_sites, 9U);
  EXPECT_EQ(config->http.max_connections, 33U);
  std::vector<std::string> heavy{"layoutd",      "--request-deadline", "7", "--heavy-workers", "3",
                                 "--heavy-queue", "5",                  "--max-answer-mb",   "2"};
  std::vector<char*> heavy_argv;
  for (auto& a : heavy) heavy_argv.push_back(a.data());
  const auto heavy_config = server::parse_command_line(heavy_argv);
  ASSERT_TRUE(heavy_config);
  EXPECT_EQ(heavy_config->http.request_deadline, std::chrono::seconds(7));
  EXPECT_EQ(heavy_config->http.heavy_workers, 3U);
  EXPECT_EQ(heavy_config->http.heavy_queue, 5U);
  EXPECT_EQ(heavy_config->limits.max_answer_bytes, std::size_t{2} << 20U);
  std::vector<std::string> bad{"layoutd", "--max-json-depth", "3"};
  std::vector<char*> bad_argv;
  for (auto& a : bad) bad_argv.push_back(a.data());
  EXPECT_THROW((void)server::parse_command_line(bad_argv), server::ConfigError);
}

// Overlap and batch locate are the heavy routes; the rest stay on the I/O threads.
TEST(Heavy, OverlapAndBatchAreHeavyRoutes) {
  const auto app = test_support::sample_app();
  EXPECT_TRUE(server::is_heavy(app, server::Request(verb::post, "/api/v1/overlap", 11)));
  EXPECT_TRUE(server::is_heavy(app, server::Request(verb::post, "/api/v1/locate", 11)));
  EXPECT_FALSE(server::is_heavy(app, server::Request(verb::get, "/api/v1/locate?lon=1&lat=2", 11)));
  EXPECT_FALSE(server::is_heavy(app, server::Request(verb::get, "/tiles/0/0/0.mvt", 11)));
  EXPECT_FALSE(server::is_heavy(app, server::Request(verb::get, "/no/such/path", 11)));
  const auto busy = server::overloaded_response(app, server::Request(verb::post, "/api/v1/overlap", 11), "1-1");
  EXPECT_EQ(busy.result(), status::service_unavailable);
  EXPECT_EQ(error_of(busy), "overloaded");
  EXPECT_FALSE(busy[server::http::field::retry_after].empty());
}

// A request past its deadline stops in the engine and answers 503; one whose client left answers
// 499 (logged, never sent). Both before any piece of the overlap is computed.
TEST(Heavy, AnExhaustedBudgetStopsOverlapAndBatch) {
  const auto app = test_support::sample_app();
  server::Request overlap(verb::post, "/api/v1/overlap", 11);
  overlap.set(server::http::field::content_type, "application/json");
  overlap.body() = R"({"type":"Polygon","coordinates":[[[125.3,43.8],[125.5,43.8],[125.5,43.9],[125.3,43.8]]]})";
  overlap.prepare_payload();
  server::Request batch(verb::post, "/api/v1/locate", 11);
  batch.set(server::http::field::content_type, "text/csv");
  batch.body() = "lon,lat\n125.4,43.8\n";
  batch.prepare_payload();

  server::RequestControl late;
  late.deadline = std::chrono::steady_clock::now() - std::chrono::seconds(1);
  for (const auto* request : {&overlap, &batch}) {
    const auto response = server::handle_request(app, *request, late);
    EXPECT_EQ(response.result(), status::service_unavailable) << response.body();
    EXPECT_EQ(error_of(response), "deadline_exceeded");
  }
  std::stop_source hung_up;
  hung_up.request_stop();
  server::RequestControl gone;
  gone.stop = hung_up.get_token();
  EXPECT_EQ(server::handle_request(app, overlap, gone).result_int(), 499U);
  // With time left, the same requests are answered.
  server::RequestControl in_time;
  in_time.deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
  EXPECT_EQ(server::handle_request(app, overlap, in_time).result(), status::ok);
  EXPECT_EQ(server::handle_request(app, batch, in_time).result(), status::ok);
  const auto metrics = server::handle_request(app, server::Request(verb::get, "/metrics", 11)).body();
  EXPECT_NE(metrics.find("layoutd_limit_exceeded_total{limit=\"deadline\"} 2"), std::string::npos) << metrics;
}

// The pool runs what it accepts and refuses past its queue, without blocking the submitter.
TEST(Heavy, TheWorkPoolRefusesPastItsQueue) {
  std::mutex gate;
  std::unique_lock hold(gate);  // the one worker blocks on this until released
  std::atomic<int> done = 0;
  {
    server::WorkPool pool(1, 2);
    const auto job = [&] {
      const std::lock_guard wait(gate);
      ++done;
    };
    ASSERT_TRUE(pool.try_submit(job));  // taken by the worker, which blocks
    while (pool.waiting() != 0) std::this_thread::yield();
    EXPECT_TRUE(pool.try_submit(job));
    EXPECT_TRUE(pool.try_submit(job));
    EXPECT_FALSE(pool.try_submit(job));  // two wait already
    hold.unlock();
    while (done.load() < 3) std::this_thread::yield();
  }
  EXPECT_EQ(done.load(), 3);
}

server::http::request_header<> header(const std::vector<std::pair<std::string, std::string>>& fields,
                                      unsigned version = 11) {
  server::http::request_header<> h;
  h.version(version);
  for (const auto& [name, value] : fields) h.insert(name, value);
  return h;
}

TEST(Framing, TransferCodingsMustEndInChunkedAndBeOnlyChunked) {
  EXPECT_FALSE(server::framing_error(header({{"Host", "a"}, {"Transfer-Encoding", "chunked"}})));
  EXPECT_FALSE(server::framing_error(header({{"Host", "a"}, {"Transfer-Encoding", " Chunked "}})));
  for (const char* te : {"xchunked", "gzip", "identity", "chunked, identity", "chunked,", ""}) {
    const auto error = server::framing_error(header({{"Host", "a"}, {"Transfer-Encoding", te}}));
    ASSERT_TRUE(error) << te;
    EXPECT_EQ(error->status, status::bad_request) << te;
  }
  // Two fields make one list (RFC 9110 section 5.3): "gzip" then "chunked".
  for (const auto& fields : std::vector<std::vector<std::pair<std::string, std::string>>>{
           {{"Host", "a"}, {"Transfer-Encoding", "gzip, chunked"}},
           {{"Host", "a"}, {"Transfer-Encoding", "gzip"}, {"Transfer-Encoding", "chunked"}}}) {
    const auto error = server::framing_error(header(fields));
    ASSERT_TRUE(error);
    EXPECT_EQ(error->status, status::not_implemented);
  }
}

TEST(Framing, Http11NeedsExactlyOneHost) {
  EXPECT_FALSE(server::framing_error(header({{"Host", "a"}})));
  EXPECT_TRUE(server::framing_error(header({})));
  EXPECT_TRUE(server::framing_error(header({{"Host", "a"}, {"Host", "b"}})));
  EXPECT_FALSE(server::framing_error(header({}, 10)));  // HTTP/1.0 has no Host requirement
}

TEST(Framing, AbsoluteFormTargetsAreReadAsTheirPath) {
  const auto a = server::split_target("http://example.com/ogc/collections?f=json");
  EXPECT_EQ(a.path, "/ogc/collections");
  EXPECT_EQ(a.query, "f=json");
  EXPECT_EQ(server::split_target("HTTPS://example.com:8443/healthz").path, "/healthz");
  EXPECT_EQ(server::split_target("http://example.com").path, "/");
  const auto q = server::split_target("http://example.com?x=1");
  EXPECT_EQ(q.path, "/");
  EXPECT_EQ(q.query, "x=1");
  EXPECT_EQ(server::split_target("/http://not-absolute").path, "/http://not-absolute");
}

}  // namespace
