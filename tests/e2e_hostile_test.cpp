// The hostile-input catalogue: requests as an attacker or a careless client sends them, byte for
// byte, to a running layoutd (the sample store, small limits). Each case says what must come back
// — a status, or the connection closed — and after each the server must still answer /healthz.
// A case that once crashed, stalled or smuggled is named after the defect (issue 22).
#include "hostile/catalogue.hpp"
#include "support/fixture_store.hpp"
#include "support/process.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <cmath>
#include <iostream>
#include <map>
#include <fstream>
#include <regex>
#include <thread>
#include <string>
#include <vector>

namespace {

using namespace std::chrono_literals;
using test_support::TempDir;
using hostile::get;

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

class Hostile : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new TempDir();
    test_support::write_sample_store(*dir_ / "layout.gpkg");
    // A web root with a secret beside it: the traversal cases must not reach it.
    std::filesystem::create_directories(*dir_ / "web");
    std::ofstream(*dir_ / "web" / "index.html") << "<!doctype html><title>layoutd</title>";
    std::ofstream(*dir_ / "secret.txt") << "not for clients";
    server_ = new test_support::RunningLayoutd(
        LAYOUTD_BIN, *dir_ / "layout.gpkg", *dir_ / "layoutd.log",
        {"--max-parcel-vertices", "2000", "--read-timeout", "2", "--web-root", (*dir_ / "web").string()});
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
  ASSERT_TRUE(healthy());
  // A first pass warms what any server grows once (the heavy pool's arenas, the tile cache, the
  // metrics' series) so that the measured pass shows what cases leave behind, not start-up.
  for (const hostile::Case& c : hostile::catalogue()) (void)test_support::raw_exchange(server_->port, c.pieces);
  const double start_mib = server_->process.rss_mib();
  int checked = 0;
  std::map<std::string, int> outcomes;  // first status (or "closed"), for the summary line
  for (const hostile::Case& c : hostile::catalogue()) {
    SCOPED_TRACE(c.name);
    const auto exchange = test_support::raw_exchange(server_->port, c.pieces);
    EXPECT_EQ(statuses(exchange.received), c.expected) << exchange.received.substr(0, 600);
    EXPECT_EQ(exchange.received.find("not for clients"), std::string::npos);
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
    ++outcomes[c.expected.empty() ? std::string("no answer") : std::to_string(c.expected.front())];
  }
  std::string summary;
  for (const auto& [outcome, n] : outcomes) summary += " " + outcome + "×" + std::to_string(n);
  std::cout << "catalogue: " << checked << " cases;" << summary << "\n";
  EXPECT_EQ(checked, static_cast<int>(hostile::catalogue().size()));
  EXPECT_GE(checked, 150);
  // Nothing a case did stays behind in memory (the issue asks for 1.2x of the start).
  EXPECT_LT(server_->process.rss_mib(), start_mib * 1.2) << "start " << start_mib << " MiB";
  // The limits that tripped are counted for the operator (both passes).
  const auto metrics = test_support::http_get("127.0.0.1", server_->port, "/metrics").body;
  EXPECT_NE(metrics.find("layoutd_limit_exceeded_total{limit=\"json_depth\"} 8"), std::string::npos) << metrics;
  EXPECT_NE(metrics.find("layoutd_limit_exceeded_total{limit=\"parcel_vertices\"} 2"), std::string::npos) << metrics;
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
