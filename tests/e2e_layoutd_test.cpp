// layoutd as a process: start, log its config, answer /healthz, stop cleanly on SIGTERM.
#include "support/fixture_store.hpp"
#include "support/process.hpp"

#include <gtest/gtest.h>
#include <boost/asio/ip/tcp.hpp>
#include <nlohmann/json.hpp>

#include <csignal>

namespace {

using namespace std::chrono_literals;
using test_support::ChildProcess;
using test_support::TempDir;

// layoutd on a free port with its log in `dir`.
struct RunningServer : test_support::RunningLayoutd {
  RunningServer(const std::filesystem::path& store, const TempDir& dir)
      : RunningLayoutd(LAYOUTD_BIN, store, dir / "layoutd.log") {}
};

TEST(Layoutd, HealthzThenCleanStopOnSigterm) {
  TempDir dir;
  const auto store = dir / "layout.gpkg";
  test_support::write_sample_store(store);
  RunningServer server(store, dir);

  const auto log = server.process.log();
  EXPECT_NE(log.find("layoutd starting: store=" + store.string()), std::string::npos) << log;
  EXPECT_NE(log.find("threads=2"), std::string::npos) << log;

  const auto health = test_support::http_get("127.0.0.1", server.port, "/healthz");
  EXPECT_EQ(health.status, 200);
  EXPECT_EQ(health.content_type, "application/json; charset=utf-8");
  const auto body = nlohmann::json::parse(health.body);
  EXPECT_EQ(body["status"], "ok");
  EXPECT_EQ(body["layers"], 2);
  EXPECT_EQ(body["features"], 3);

  const auto missing = test_support::http_get("127.0.0.1", server.port, "/no/such/route");
  EXPECT_EQ(missing.status, 404);
  EXPECT_EQ(nlohmann::json::parse(missing.body)["error"], "not_found");

  server.process.signal(SIGTERM);
  const auto code = server.process.wait(5s);
  ASSERT_TRUE(code.has_value()) << "layoutd still running 5 s after SIGTERM";
  EXPECT_EQ(*code, 0);
  EXPECT_NE(server.process.log().find("layoutd stopped"), std::string::npos);
  EXPECT_NE(server.process.log().find("access id=1-1 method=GET target=/healthz status=200"), std::string::npos)
      << server.process.log();
}

TEST(Layoutd, IdleKeepAliveConnectionDoesNotDelayShutdown) {
  TempDir dir;
  const auto store = dir / "layout.gpkg";
  test_support::write_sample_store(store);
  RunningServer server(store, dir);
  // An open connection that never sends a request: the server must close it and exit promptly,
  // well before the 60 s idle timeout or the 10 s grace period.
  boost::asio::io_context context;
  boost::asio::ip::tcp::socket idle(context);
  idle.connect({boost::asio::ip::make_address("127.0.0.1"), server.port});
  ASSERT_EQ(test_support::http_get("127.0.0.1", server.port, "/healthz").status, 200);

  const auto start = std::chrono::steady_clock::now();
  server.process.signal(SIGTERM);
  const auto code = server.process.wait(5s);
  ASSERT_TRUE(code.has_value());
  EXPECT_EQ(*code, 0);
  EXPECT_LT(std::chrono::steady_clock::now() - start, 2s);
}

TEST(Layoutd, RefusesToStartOnUnreadableStore) {
  TempDir dir;
  const auto missing = dir / "missing.gpkg";
  ChildProcess process({LAYOUTD_BIN, "--store", missing.string(), "--listen", "127.0.0.1:0"}, dir / "layoutd.log");
  const auto code = process.wait(10s);
  ASSERT_TRUE(code.has_value());
  EXPECT_EQ(*code, 1);
  const auto log = process.log();
  EXPECT_NE(log.find("cannot start: cannot read store '" + missing.string() + "': no such file"), std::string::npos)
      << log;
  EXPECT_EQ(log.find("listening"), std::string::npos);
}

TEST(Layoutd, BadFlagsExitTwo) {
  TempDir dir;
  ChildProcess bad_listen({LAYOUTD_BIN, "--listen", "nonsense"}, dir / "a.log");
  EXPECT_EQ(bad_listen.wait(10s), 2);
  EXPECT_NE(bad_listen.log().find("--listen must be HOST:PORT"), std::string::npos) << bad_listen.log();
  ChildProcess unknown({LAYOUTD_BIN, "--frobnicate"}, dir / "b.log");
  EXPECT_EQ(unknown.wait(10s), 2);
}

}  // namespace
