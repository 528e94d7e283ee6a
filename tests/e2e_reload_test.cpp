// Hot reload of a running layoutd on the real dataset: wrk on locates and tiles while the store is
// replaced and reloaded ten times (POST /admin/reload?wait=1), and the file watch picking up a
// renamed copy, an in-place edit, and refusing a store that fails validation or cannot be read.
//
// The stores are the dataset simplified to ~500 m (ogr2ogr -simplify, made valid again): every
// layer and attribute, but a reload costs ~1 s instead of ~8 s, so ten fit in the test's time.
// What a reload of the full dataset costs is measured by bench/run_reload.sh.
#include "support/fixture_store.hpp"
#include "support/process.hpp"
#include "support/store_edit.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <csignal>
#include <fstream>
#include <regex>
#include <thread>

namespace {

using nlohmann::json;
using namespace std::chrono_literals;
using test_support::RunningLayoutd;
using test_support::TempDir;

constexpr const char* kToken = "e2e-reload-token-0123456789abcdef";
// 双阳区 lies in 长吉组团 (feature changji) and 长辽组团.
const std::string kShuangyang = "/api/v1/locate?lon=125.6646&lat=43.5253";
constexpr const char* kOriginalName = "长吉组团";
constexpr const char* kRenamed = "长吉组团（调整）";

class StoreReload : public ::testing::Test {
 protected:
  // Store A (the dataset, simplified) and B (A with changji renamed), built once.
  static void SetUpTestSuite() {
    dir_ = new TempDir();
    const auto result =
        test_support::run_command({OGR2OGR_BIN, "-f", "GPKG", (*dir_ / "a.gpkg").string(), LAYOUTD_TEST_STORE,
                                   "-simplify", "0.005", "-makevalid", "-nlt", "PROMOTE_TO_MULTI", "-preserve_fid"},
                                  dir_->path());
    ASSERT_EQ(result.exit_code, 0) << result.err;
    std::filesystem::copy_file(*dir_ / "a.gpkg", *dir_ / "b.gpkg");
    test_support::set_feature_text(*dir_ / "b.gpkg", "groups", "changji", "name_zh", kRenamed);
    std::ofstream(*dir_ / "token") << kToken << "\n";
  }
  static void TearDownTestSuite() { delete dir_; }

  // Publishes `source` as `live` the way a new store should be: a copy renamed over it.
  static void publish(const std::string& source, const std::filesystem::path& live) {
    const auto staged = live.string() + ".new";
    std::filesystem::copy_file(*dir_ / source, staged, std::filesystem::copy_options::overwrite_existing);
    std::filesystem::rename(staged, live);
  }

  static json get_json(unsigned short port, const std::string& target) {
    const auto result = test_support::http_get("127.0.0.1", port, target);
    EXPECT_EQ(result.status, 200) << target << ": " << result.body;
    return json::parse(result.body);
  }

  // GET /admin/reload with the token: the reload record with each failure's whole reason.
  static json reload_record(unsigned short port) {
    const auto result = test_support::http_request("127.0.0.1", port, {"GET", "/admin/reload", "", "", ""},
                                                   {{"Authorization", std::string("Bearer ") + kToken}});
    EXPECT_EQ(result.status, 200) << result.body;
    return json::parse(result.body);
  }

  // The groups matched at 双阳区.
  static std::vector<std::string> groups_at_shuangyang(unsigned short port) {
    std::vector<std::string> names;
    const auto body = get_json(port, kShuangyang);
    for (const auto& match : body["matches"]) {
      if (match["layer"] == "groups") names.push_back(match["name_zh"]);
    }
    if (names.empty()) std::cout << "no group at 双阳区 in " << body.dump() << "\n";
    return names;
  }
  // The first of them (changji's name), "" when there is none.
  static std::string changji_name(unsigned short port) {
    const auto names = groups_at_shuangyang(port);
    return names.empty() ? std::string() : names.front();
  }

  static TempDir* dir_;
};
TempDir* StoreReload::dir_ = nullptr;

struct WrkSummary {
  std::uint64_t requests = 0;
  std::uint64_t non_2xx_3xx = 0;
  std::uint64_t socket_errors = 0;
  double seconds = 0;
  std::string text;
};

WrkSummary parse_wrk(const std::string& text) {
  WrkSummary summary;
  summary.text = text;
  std::smatch match;
  if (std::regex_search(text, match, std::regex(R"((\d+) requests in ([\d.]+)s)"))) {
    summary.requests = std::stoull(match[1]);
    summary.seconds = std::stod(match[2]);
  }
  if (std::regex_search(text, match, std::regex(R"(Non-2xx or 3xx responses: (\d+))"))) {
    summary.non_2xx_3xx = std::stoull(match[1]);
  }
  if (std::regex_search(text, match,
                        std::regex(R"(Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+))"))) {
    for (int i = 1; i <= 4; ++i) summary.socket_errors += std::stoull(match[i]);
  }
  return summary;
}

TEST_F(StoreReload, TenReloadsUnderWrkLoadGiveNoErrorsAndSwitchTheAnswers) {
  ASSERT_TRUE(std::filesystem::exists(WRK_BIN)) << "wrk is not installed (scripts/test installs the Debian package)";
  const auto live = *dir_ / "live-load.gpkg";
  publish("a.gpkg", live);
  RunningLayoutd server(
      LAYOUTD_BIN, live, *dir_ / "load.log",
      {"--admin-token-file", (*dir_ / "token").string(), "--watch-interval", "0", "--warm-zooms", "8"});
  ASSERT_EQ(groups_at_shuangyang(server.port), (std::vector<std::string>{kOriginalName, "长辽组团"}));

  // wrk runs until stopped: at least 20 s, and for as long as the ten reloads take on this machine.
  test_support::ChildProcess wrk({WRK_BIN, "-t1", "-c8", "-d300s", "--timeout", "10s", "-s", LAYOUTD_WRK_SCRIPT,
                                  "http://127.0.0.1:" + std::to_string(server.port)},
                                 *dir_ / "wrk.out");
  const auto start = std::chrono::steady_clock::now();
  const test_support::HttpHeaders admin{{"Authorization", std::string("Bearer ") + kToken}};
  for (int i = 1; i <= 10; ++i) {
    std::this_thread::sleep_until(start + i * 1800ms);
    const bool renamed = i % 2 == 1;
    publish(renamed ? "b.gpkg" : "a.gpkg", live);
    const auto reload =
        test_support::http_request("127.0.0.1", server.port, {"POST", "/admin/reload?wait=1", "", "", ""}, admin);
    ASSERT_EQ(reload.status, 200) << "reload " << i << ": " << reload.body;
    const auto outcome = json::parse(reload.body);
    EXPECT_EQ(outcome["snapshot_version"], i + 1);
    std::cout << "reload " << i << ": " << outcome["duration_ms"] << " ms (warming z0-8 " << outcome["warm_ms"]
              << " ms)\n";
    // The answer right after the reload is the new store's.
    EXPECT_EQ(groups_at_shuangyang(server.port),
              (std::vector<std::string>{renamed ? kRenamed : kOriginalName, "长辽组团"}))
        << "after reload " << i;
  }
  std::this_thread::sleep_until(start + 20s);
  const auto loaded_for = std::chrono::steady_clock::now() - start;
  wrk.signal(SIGINT);  // wrk prints its summary when interrupted
  ASSERT_TRUE(wrk.wait(30s)) << "wrk did not stop";
  const auto summary = parse_wrk(wrk.log());
  std::cout << summary.text;
  EXPECT_GT(summary.requests, 1000U) << summary.text;
  EXPECT_GE(summary.seconds, 19.0) << summary.text;
  EXPECT_EQ(summary.non_2xx_3xx, 0U) << summary.text;
  EXPECT_EQ(summary.socket_errors, 0U) << summary.text;
  std::cout << "10 reloads in " << std::chrono::duration_cast<std::chrono::milliseconds>(loaded_for).count()
            << " ms of load\n";

  const auto health = get_json(server.port, "/healthz");
  EXPECT_EQ(health["snapshot_version"], 11);
  EXPECT_EQ(health["reload"]["succeeded"], 10);
  EXPECT_EQ(health["reload"]["failed"], 0);
  EXPECT_EQ(groups_at_shuangyang(server.port), (std::vector<std::string>{kOriginalName, "长辽组团"}));
}

TEST_F(StoreReload, TheFileWatchServesNewStoresAndKeepsServingWhenOneIsBad) {
  const auto live = *dir_ / "live-watch.gpkg";
  publish("a.gpkg", live);
  RunningLayoutd server(LAYOUTD_BIN, live, *dir_ / "watch.log",
                        {"--admin-token-file", (*dir_ / "token").string(), "--watch-interval", "0.2", "--warm-zooms",
                         "-1"});
  // Waits until the server has finished `n` reloads in all, and returns /healthz.
  const auto after_reloads = [&](int n) {
    json health;
    const auto deadline = std::chrono::steady_clock::now() + 30s;
    do {
      std::this_thread::sleep_for(50ms);
      health = get_json(server.port, "/healthz");
    } while (health["reload"]["succeeded"].get<int>() + health["reload"]["failed"].get<int>() < n &&
             std::chrono::steady_clock::now() < deadline);
    EXPECT_EQ(health["reload"]["succeeded"].get<int>() + health["reload"]["failed"].get<int>(), n) << health;
    return health;
  };

  publish("b.gpkg", live);  // a renamed copy
  auto health = after_reloads(1);
  EXPECT_EQ(health["reload"]["last_success"]["trigger"], "file");
  EXPECT_EQ(changji_name(server.port), kRenamed);

  test_support::set_feature_text(live, "groups", "changji", "name_zh", "长吉组团（再调整）");  // edited in place
  after_reloads(2);
  EXPECT_EQ(changji_name(server.port), "长吉组团（再调整）");

  // A store that fails validation is not swapped in. /healthz and /metrics, open to anyone, say
  // so without the store's path or the feature; the operator reads those behind the token.
  std::filesystem::copy_file(live, *dir_ / "invalid.gpkg");
  test_support::set_feature_text(*dir_ / "invalid.gpkg", "groups", "changji", "name_zh", std::nullopt);
  publish("invalid.gpkg", live);
  health = after_reloads(3);
  EXPECT_EQ(health["reload"]["failed"], 1);
  EXPECT_EQ(health["reload"]["last_failure"]["error"], "the store fails validation (1 error)");
  EXPECT_EQ(health.dump().find(dir_->path().string()), std::string::npos) << health;
  EXPECT_EQ(health.dump().find("changji"), std::string::npos) << health;
  const std::string reason = reload_record(server.port)["last_failure"]["detail"];
  EXPECT_NE(reason.find("layer groups feature changji: missing required attribute 'name_zh'"), std::string::npos)
      << reason;
  EXPECT_NE(reason.find(live.string()), std::string::npos) << reason;
  EXPECT_EQ(health["snapshot_version"], 3);
  EXPECT_EQ(changji_name(server.port), "长吉组团（再调整）");
  const auto metrics = test_support::http_get("127.0.0.1", server.port, "/metrics").body;
  EXPECT_NE(metrics.find("layoutd_reloads_total{outcome=\"failed\"} 1\n"), std::string::npos) << metrics;
  EXPECT_NE(metrics.find("layoutd_last_reload_error{reason=\"the store fails validation (1 error)\"} 1\n"),
            std::string::npos)
      << metrics;
  EXPECT_EQ(metrics.find(dir_->path().string()), std::string::npos) << metrics;
  // The log keeps the whole reason.
  EXPECT_NE(server.process.log().find("reload 3 (file) failed, still serving snapshot 3: '" + live.string() +
                                      "': fails validation (1 error; first: layer groups feature changji"),
            std::string::npos)
      << server.process.log();

  // Nor is one that cannot be read at all.
  std::ofstream(*dir_ / "truncated.gpkg") << "SQLite format 3";
  publish("truncated.gpkg", live);
  health = after_reloads(4);
  EXPECT_EQ(health["reload"]["failed"], 2);
  EXPECT_EQ(health["reload"]["last_failure"]["error"], "the store could not be read or indexed");
  EXPECT_EQ(health.dump().find(dir_->path().string()), std::string::npos) << health;
  EXPECT_EQ(health["snapshot_version"], 3);
  EXPECT_EQ(changji_name(server.port), "长吉组团（再调整）");

  publish("a.gpkg", live);  // repaired
  health = after_reloads(5);
  EXPECT_EQ(health["snapshot_version"], 4);
  EXPECT_EQ(changji_name(server.port), kOriginalName);
  const auto recovered = test_support::http_get("127.0.0.1", server.port, "/metrics").body;
  EXPECT_NE(recovered.find("layoutd_reloads_total{outcome=\"ok\"} 3\n"), std::string::npos) << recovered;
}

}  // namespace
