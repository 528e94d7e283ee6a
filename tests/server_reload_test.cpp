// Hot reload without sockets: the Reloader's thread, the queue's coalescing, POST and GET /admin/reload
// (their guard), what /healthz and /metrics say and do not, and the store watch. Built snapshots are the sample
// layers (fixture_store.hpp), in memory or in a GeoPackage.
#include "layers/serving/served_snapshot.hpp"
#include "layers/store/store_reader.hpp"
#include "server/admin/bearer_auth.hpp"
#include "server/handle_request.hpp"
#include "server/http/redact.hpp"
#include "server/admin/reloader.hpp"
#include "server/admin/store_watch.hpp"
#include "support/sample_app.hpp"
#include "support/store_edit.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <atomic>
#include <condition_variable>
#include <future>
#include <thread>

namespace {

using nlohmann::json;
using server::http::status;
using namespace std::chrono_literals;

constexpr const char* kToken = "reload-test-token-0123456789";

server::ServerConfig admin_config() {
  server::ServerConfig config;
  config.admin_token = kToken;
  return config;
}

server::Request request(server::http::verb verb, const std::string& target, const std::string& authorization = "") {
  server::Request out(verb, target, 11);
  if (!authorization.empty()) out.set(server::http::field::authorization, authorization);
  out.keep_alive(true);
  return out;
}

server::Request reload_request(const std::string& target = "/admin/reload?wait=1") {
  return request(server::http::verb::post, target, std::string("Bearer ") + kToken);
}

json get_json(const server::App& app, const std::string& target) {
  const auto response = server::handle_request(app, request(server::http::verb::get, target));
  EXPECT_EQ(response.result(), status::ok) << target << ": " << response.body();
  return json::parse(response.body());
}

// GET /admin/reload with the token: the reload record with each failure's detail.
json reload_record(const server::App& app) {
  const auto response =
      server::handle_request(app, request(server::http::verb::get, "/admin/reload", std::string("Bearer ") + kToken));
  EXPECT_EQ(response.result(), status::ok) << response.body();
  EXPECT_EQ(response[server::http::field::cache_control], "no-store");
  return json::parse(response.body());
}

// Builds in-memory sample snapshots; can be held shut to keep a build "running".
class GateBuilder {
 public:
  server::SnapshotBuilder builder() {
    return [this](std::uint64_t version, std::stop_token stop) -> server::BuiltSnapshot {
      std::unique_lock lock(mutex_);
      ++entered_;
      changed_.notify_all();
      if (!changed_.wait(lock, stop, [&] { return open_; })) return {};  // stopping
      ++builds_;
      return {std::make_shared<const layers::ServedSnapshot>(test_support::sample_layers(), "memory", version), {}};
    };
  }
  void hold() {
    const std::lock_guard lock(mutex_);
    open_ = false;
  }
  void release() {
    const std::lock_guard lock(mutex_);
    open_ = true;
    changed_.notify_all();
  }
  void wait_entered(int n) {
    std::unique_lock lock(mutex_);
    ASSERT_TRUE(changed_.wait_for(lock, 10s, [&] { return entered_ >= n; }));
  }
  int builds() {
    const std::lock_guard lock(mutex_);
    return builds_;
  }

 private:
  std::mutex mutex_;
  std::condition_variable_any changed_;
  bool open_ = true;
  int entered_ = 0;
  int builds_ = 0;
};

TEST(Reload, SwapsTheSnapshotWhileItsReadersKeepTheOldOne) {
  auto app = test_support::sample_app(1, admin_config());
  GateBuilder gate;
  const server::Reloader reloader(app.reload_target(), gate.builder(), nullptr, 0ms);
  const layers::SnapshotPtr in_flight = app.snapshot.load();  // what a request in flight holds

  const auto response = server::handle_request(app, reload_request());
  ASSERT_EQ(response.result(), status::ok) << response.body();
  const auto body = json::parse(response.body());
  EXPECT_EQ(body["ok"], true);
  EXPECT_EQ(body["build"], 1);
  EXPECT_EQ(body["trigger"], "http");
  EXPECT_EQ(body["snapshot_version"], 2);
  EXPECT_EQ(app.snapshot.load()->version(), 2U);
  EXPECT_EQ(get_json(app, "/healthz")["snapshot_version"], 2);
  // The old snapshot is whole for whoever still holds it.
  EXPECT_EQ(in_flight->version(), 1U);
  ASSERT_NE(in_flight->find("groups"), nullptr);
  EXPECT_EQ(in_flight->feature_count(), 3U);
}

TEST(Reload, RequestsDuringABuildCoalesceIntoOneMoreBuild) {
  auto app = test_support::sample_app(1, admin_config());
  GateBuilder gate;
  const server::Reloader reloader(app.reload_target(), gate.builder(), nullptr, 0ms);
  gate.hold();
  EXPECT_EQ(app.reloads.request("test"), 1U);
  gate.wait_entered(1);
  EXPECT_TRUE(app.reloads.record().building);
  for (int i = 0; i < 5; ++i) EXPECT_EQ(app.reloads.request("test"), 2U) << "request " << i;
  EXPECT_TRUE(app.reloads.record().pending);
  // 202 while it runs: the HTTP request joins the same next build.
  const auto queued = server::handle_request(app, reload_request("/admin/reload"));
  ASSERT_EQ(queued.result(), status::accepted) << queued.body();
  EXPECT_EQ(json::parse(queued.body())["build"], 2);
  gate.release();

  const auto outcome = app.reloads.wait(2, 10s);
  ASSERT_TRUE(outcome);
  EXPECT_TRUE(outcome->ok);
  EXPECT_EQ(outcome->build, 2U);
  std::this_thread::sleep_for(200ms);  // time for a third build, which must not come
  EXPECT_EQ(gate.builds(), 2);
  const auto record = app.reloads.record();
  EXPECT_EQ(record.succeeded, 2U);
  EXPECT_FALSE(record.pending);
  EXPECT_FALSE(record.building);
  EXPECT_EQ(app.snapshot.load()->version(), 3U);
}

TEST(Reload, AFailedBuildKeepsTheOldSnapshotAndIsReported) {
  auto app = test_support::sample_app(1, admin_config());
  bool fail = true;
  const server::Reloader reloader(
      app.reload_target(),
      [&fail](std::uint64_t version, std::stop_token) -> server::BuiltSnapshot {
        if (fail) throw std::runtime_error("'PG:host=db password=hunter2 dbname=layout': connection refused");
        return {std::make_shared<const layers::ServedSnapshot>(test_support::sample_layers(), "memory", version), {}};
      },
      nullptr, 0ms);

  const auto response = server::handle_request(app, reload_request());
  ASSERT_EQ(response.result(), status::conflict) << response.body();
  const auto body = json::parse(response.body());
  EXPECT_EQ(body["error"], "reload_failed");
  const std::string detail = body["detail"];
  EXPECT_NE(detail.find("connection refused"), std::string::npos) << detail;
  EXPECT_EQ(detail.find("hunter2"), std::string::npos) << detail;
  EXPECT_EQ(app.snapshot.load()->version(), 1U);

  // The unauthenticated /healthz says that it failed, when, and what kind of failure: not the
  // store's name nor the driver's message.
  const auto health = get_json(app, "/healthz");
  EXPECT_EQ(health["status"], "ok");
  EXPECT_EQ(health["snapshot_version"], 1);
  EXPECT_EQ(health["reload"]["failed"], 1);
  EXPECT_EQ(health["reload"]["last_failure"]["error"], "the store could not be read or indexed");
  EXPECT_FALSE(health["reload"]["last_failure"].contains("detail")) << health;
  EXPECT_TRUE(health["reload"]["last_failure"].contains("finished_at")) << health;
  EXPECT_EQ(health.dump().find("PG:"), std::string::npos) << health;
  EXPECT_EQ(health.dump().find("connection refused"), std::string::npos) << health;
  EXPECT_TRUE(health["reload"]["last_success"].is_null());
  // The operator's view, behind the token, has the whole (redacted) reason.
  const auto record = reload_record(app);
  EXPECT_EQ(record["failed"], 1);
  EXPECT_EQ(record["last_failure"]["error"], "the store could not be read or indexed");
  EXPECT_EQ(record["last_failure"]["detail"], detail);

  const auto metrics = [&] { return server::handle_request(app, request(server::http::verb::get, "/metrics")).body(); };
  const std::string failed_metrics = metrics();
  EXPECT_NE(failed_metrics.find("layoutd_reloads_total{outcome=\"failed\"} 1\n"), std::string::npos);
  EXPECT_NE(failed_metrics.find("layoutd_reloads_total{outcome=\"ok\"} 0\n"), std::string::npos);
  EXPECT_NE(failed_metrics.find("layoutd_last_reload_error{reason=\"the store could not be read or indexed\"} 1\n"),
            std::string::npos)
      << failed_metrics;
  EXPECT_EQ(failed_metrics.find("PG:"), std::string::npos) << failed_metrics;
  EXPECT_NE(failed_metrics.find("layoutd_last_reload_failure_timestamp_seconds "), std::string::npos);

  fail = false;  // the store is fixed: the next reload succeeds and the error is no longer current
  ASSERT_EQ(server::handle_request(app, reload_request()).result(), status::ok);
  const std::string fixed_metrics = metrics();
  EXPECT_NE(fixed_metrics.find("layoutd_reloads_total{outcome=\"ok\"} 1\n"), std::string::npos);
  EXPECT_NE(fixed_metrics.find("\"} 0\n"), std::string::npos) << fixed_metrics;
  EXPECT_NE(fixed_metrics.find("layoutd_last_reload_success_timestamp_seconds "), std::string::npos);
  EXPECT_EQ(get_json(app, "/healthz")["reload"]["last_success"]["build"], 2);
}

TEST(Reload, StopsPromptlyWhileABuildWaits) {
  auto app = test_support::sample_app(1, admin_config());
  GateBuilder gate;
  gate.hold();
  std::future<std::optional<server::ReloadOutcome>> waiter;
  const auto start = std::chrono::steady_clock::now();
  {
    const server::Reloader reloader(app.reload_target(), gate.builder(), nullptr, 0ms);
    const auto build = app.reloads.request("test");
    gate.wait_entered(1);
    waiter = std::async(std::launch::async, [&app, build] { return app.reloads.wait(build, 30s); });
  }  // the destructor stops the thread while the build is held
  EXPECT_LT(std::chrono::steady_clock::now() - start, 10s);
  const auto outcome = waiter.get();
  ASSERT_TRUE(outcome);
  EXPECT_FALSE(outcome->ok);
  EXPECT_EQ(outcome->error, "the server is stopping");
  EXPECT_EQ(outcome->summary, "the server is stopping");
  EXPECT_EQ(app.snapshot.load()->version(), 1U);
  EXPECT_FALSE(app.reloads.has_worker());
}

TEST(Reload, StoreBuilderServesTheNewStoreAndRefusesAnInvalidOne) {
  const test_support::TempDir dir;
  const auto store = dir / "store.gpkg";
  test_support::write_sample_store(store);
  server::App app(admin_config(), layers::load_snapshot(store.string(), 1));
  const server::Reloader reloader(app.reload_target(), server::store_snapshot_builder(store.string(), 1), nullptr, 0ms);
  const std::string west = "/api/v1/locate?lon=125.2&lat=43.7";
  EXPECT_EQ(get_json(app, west)["matches"][0]["name_zh"], "西组团");

  test_support::set_feature_text(store, "groups", "west", "name_zh", "西部组团");
  test_support::set_store_revision(store, "2");
  const auto ok = server::handle_request(app, reload_request());
  ASSERT_EQ(ok.result(), status::ok) << ok.body();
  EXPECT_EQ(json::parse(ok.body())["store_revision"], 2);
  EXPECT_EQ(get_json(app, west)["matches"][0]["name_zh"], "西部组团");
  EXPECT_EQ(get_json(app, "/healthz")["store_revision"], 2);

  test_support::set_feature_text(store, "groups", "west", "name_zh", std::nullopt);
  const auto invalid = server::handle_request(app, reload_request());
  ASSERT_EQ(invalid.result(), status::conflict) << invalid.body();
  const std::string reason = json::parse(invalid.body())["detail"];
  EXPECT_NE(reason.find("fails validation (1 error; first: layer groups feature west: missing required attribute "
                        "'name_zh')"),
            std::string::npos)
      << reason;
  EXPECT_EQ(get_json(app, west)["matches"][0]["name_zh"], "西部组团");  // still the last good store
  const auto refused = get_json(app, "/healthz")["reload"]["last_failure"];
  EXPECT_EQ(refused["error"], "the store fails validation (1 error)");
  EXPECT_EQ(refused.dump().find(store.string()), std::string::npos) << refused;
  EXPECT_EQ(refused.dump().find("west"), std::string::npos) << refused;
  EXPECT_EQ(reload_record(app)["last_failure"]["detail"], reason);

  std::filesystem::resize_file(store, 100);  // truncated
  const auto broken = server::handle_request(app, reload_request());
  ASSERT_EQ(broken.result(), status::conflict) << broken.body();
  EXPECT_NE(std::string(json::parse(broken.body())["detail"]).find(store.string()), std::string::npos);
  EXPECT_EQ(app.snapshot.load()->version(), 2U);
  const auto unreadable = get_json(app, "/healthz")["reload"]["last_failure"];
  EXPECT_EQ(unreadable["error"], "the store could not be read or indexed");
  EXPECT_EQ(unreadable.dump().find(store.string()), std::string::npos) << unreadable;
  EXPECT_NE(std::string(reload_record(app)["last_failure"]["detail"]).find(store.string()), std::string::npos);
}

TEST(AdminAuth, TheReloadRouteAnswersOnlyToTheToken) {
  auto app = test_support::sample_app(1, admin_config());
  const auto post = [&](const std::string& authorization) {
    return server::handle_request(app, request(server::http::verb::post, "/admin/reload", authorization));
  };
  const auto missing = post("");
  EXPECT_EQ(missing.result(), status::unauthorized);
  EXPECT_EQ(missing[server::http::field::www_authenticate], "Bearer realm=\"layoutd admin\"");
  EXPECT_EQ(json::parse(missing.body())["error"], "unauthorized");
  EXPECT_EQ(post(std::string("Basic ") + kToken).result(), status::unauthorized);
  EXPECT_EQ(post("Bearer").result(), status::unauthorized);
  const auto wrong = post("Bearer reload-test-token-0123456780");
  EXPECT_EQ(wrong.result(), status::forbidden);
  EXPECT_EQ(json::parse(wrong.body())["error"], "forbidden");
  EXPECT_EQ(post(std::string("Bearer ") + kToken + "0").result(), status::forbidden);
  // The right token, but no reloader runs in this App: said so, not queued forever.
  EXPECT_EQ(post(std::string("bearer ") + kToken).result(), status::service_unavailable);
  // GET /admin/reload (the record with the failures' detail) has the same guard.
  const auto get = [&](const std::string& authorization) {
    return server::handle_request(app, request(server::http::verb::get, "/admin/reload", authorization));
  };
  EXPECT_EQ(get("").result(), status::unauthorized);
  EXPECT_EQ(get("Bearer reload-test-token-0123456780").result(), status::forbidden);
  EXPECT_EQ(get(std::string("Bearer ") + kToken).result(), status::ok);
  EXPECT_EQ(server::handle_request(app, request(server::http::verb::put, "/admin/reload")).result(),
            status::method_not_allowed);
  const auto bad_wait = server::handle_request(app, reload_request("/admin/reload?wait=yes"));
  EXPECT_EQ(bad_wait.result(), status::bad_request);
}

TEST(AdminAuth, WithoutATokenFileTheRouteIsOff) {
  const auto app = test_support::sample_app(1);
  const auto response = server::handle_request(app, reload_request());
  EXPECT_EQ(response.result(), status::forbidden);
  EXPECT_EQ(json::parse(response.body())["error"], "admin_disabled");
  const auto record = server::handle_request(
      app, request(server::http::verb::get, "/admin/reload", std::string("Bearer ") + kToken));
  EXPECT_EQ(record.result(), status::forbidden);
  EXPECT_EQ(json::parse(record.body())["error"], "admin_disabled");
}

TEST(AdminAuth, SecretsCompareWhole) {
  EXPECT_TRUE(server::same_secret("abcdef", "abcdef"));
  EXPECT_FALSE(server::same_secret("abcdeg", "abcdef"));
  EXPECT_FALSE(server::same_secret("abcde", "abcdef"));
  EXPECT_FALSE(server::same_secret("abcdefg", "abcdef"));
  EXPECT_FALSE(server::same_secret("", "abcdef"));
}

TEST(Redact, PasswordsInConnectionStringsAreHidden) {
  EXPECT_EQ(server::redact_secrets("PG:host=db password=s3cret dbname=layout"),
            "PG:host=db password=*** dbname=layout");
  EXPECT_EQ(server::redact_secrets("'PG:dbname=x PASSWORD=a\\'b c': down"), "'PG:dbname=x PASSWORD=*** c': down");
  EXPECT_EQ(server::redact_secrets("PG:password='two words' host=db"), "PG:password=*** host=db");
  EXPECT_EQ(server::redact_secrets("'PG:password=x': refused"), "'PG:password=***': refused");
  EXPECT_EQ(server::redact_secrets("db_password=kept nopassword=kept"), "db_password=kept nopassword=kept");
  EXPECT_EQ(server::redact_secrets("/data/layout.gpkg: no such file"), "/data/layout.gpkg: no such file");
}

// The forms libpq accepts besides a bare password=: spaces around '=', a quoted value after them,
// URIs (the password in the user info, or as a query parameter), an uppercase key.
TEST(Redact, EveryFormOfConnectionStringIsHidden) {
  EXPECT_EQ(server::redact_secrets("PG:host=db password = S3cret dbname=layout: connection refused"),
            "PG:host=db password = *** dbname=layout: connection refused");
  EXPECT_EQ(server::redact_secrets("PG:password = 'two words' host=db"), "PG:password = *** host=db");
  EXPECT_EQ(server::redact_secrets("'PG:host=db password= 'two words' dbname=layout': down"),
            "'PG:host=db password= *** dbname=layout': down");
  EXPECT_EQ(server::redact_secrets("postgresql://u:S3cret@host/db: connection refused"),
            "postgresql://u:***@host/db: connection refused");
  EXPECT_EQ(server::redact_secrets("'postgres://u:S3cret@host:5432/db?sslmode=require': refused"),
            "'postgres://u:***@host:5432/db?sslmode=require': refused");
  EXPECT_EQ(server::redact_secrets("PG:postgresql://u:S3%63ret@host/db"), "PG:postgresql://u:***@host/db");
  EXPECT_EQ(server::redact_secrets("postgresql://host/db?password=S3cret&sslmode=require"),
            "postgresql://host/db?password=***&sslmode=require");
  EXPECT_EQ(server::redact_secrets("PG:host=db PASSWORD = S3cret dbname=layout"),
            "PG:host=db PASSWORD = *** dbname=layout");
  // The password wherever else the text repeats it (a driver echoing what it was given).
  EXPECT_EQ(server::redact_secrets("'PG:host=db password=S3cret': user rejected (tried 'S3cret')"),
            "'PG:host=db password=***': user rejected (tried '***')");
  // Unquoted, where the string ends is a guess: the colon may go, the password never shows.
  EXPECT_EQ(server::redact_secrets("PG:host=db password=S3cret: user rejected (tried 'S3cret')"),
            "PG:host=db password=*** user rejected (tried '***')");
  // Nothing secret: unchanged.
  EXPECT_EQ(server::redact_secrets("postgresql://u@host:5432/db: refused"), "postgresql://u@host:5432/db: refused");
  EXPECT_EQ(server::redact_secrets("PG:host=db dbname=layout: refused"), "PG:host=db dbname=layout: refused");
}

TEST(StoreWatch, AChangeCountsOnceItHoldsStillForAPoll) {
  server::SettledChange<int> change(0);
  EXPECT_FALSE(change.observe(0));
  EXPECT_FALSE(change.observe(1));  // being written
  EXPECT_FALSE(change.observe(2));  // still being written
  EXPECT_TRUE(change.observe(2));   // settled
  EXPECT_FALSE(change.observe(2));  // attempted: not again
  EXPECT_FALSE(change.observe(3));
  change.attempted(3);  // a reload read it meanwhile
  EXPECT_FALSE(change.observe(3));
  EXPECT_FALSE(change.observe(3));
}

TEST(StoreWatch, AFileWatchSeesARenamedCopyAndAnInPlaceEdit) {
  const test_support::TempDir dir;
  const auto store = dir / "store.gpkg";
  test_support::write_sample_store(store);
  const auto watch = server::watch_store(store.string());
  EXPECT_EQ(watch->trigger(), "file");
  EXPECT_FALSE(watch->changed());

  test_support::write_sample_store(dir / "next.gpkg");
  std::filesystem::rename(dir / "next.gpkg", store);  // how a new store is published atomically
  EXPECT_FALSE(watch->changed());
  EXPECT_TRUE(watch->changed());
  EXPECT_FALSE(watch->changed());

  test_support::set_feature_text(store, "groups", "west", "name_zh", "西部组团");
  EXPECT_FALSE(watch->changed());
  EXPECT_TRUE(watch->changed());

  test_support::set_feature_text(store, "groups", "west", "name_zh", "西组团");
  watch->reloading();  // an HTTP reload read the store: nothing left to report
  EXPECT_FALSE(watch->changed());
  EXPECT_FALSE(watch->changed());
}

TEST(StoreWatch, ARevisionWatchFollowsTheRevisionRow) {
  const test_support::TempDir dir;
  const auto store = dir / "store.gpkg";
  test_support::write_sample_store(store);
  test_support::set_store_revision(store, "1");
  const auto watch = server::watch_revision(store.string());
  EXPECT_EQ(watch->trigger(), "revision");
  watch->served(*layers::load_snapshot(store.string(), 1));
  EXPECT_FALSE(watch->changed());
  test_support::set_feature_text(store, "groups", "west", "name_zh", "西部组团");
  EXPECT_FALSE(watch->changed());  // an edit without a new revision is not announced
  test_support::set_store_revision(store, "2");
  EXPECT_TRUE(watch->changed());  // a revision is committed once: no debounce
  EXPECT_FALSE(watch->changed());
  test_support::set_store_revision(store, "not a number");
  EXPECT_FALSE(watch->changed());  // logged, not a reload
  std::filesystem::remove(store);
  EXPECT_FALSE(watch->changed());
}

TEST(Reload, TheWatchTriggersAReloadOfTheChangedFile) {
  const test_support::TempDir dir;
  const auto store = dir / "store.gpkg";
  test_support::write_sample_store(store);
  auto watch = server::watch_store(store.string());
  server::App app(admin_config(), layers::load_snapshot(store.string(), 1));
  const server::Reloader reloader(app.reload_target(), server::store_snapshot_builder(store.string(), -1), std::move(watch), 20ms);
  test_support::set_feature_text(store, "groups", "west", "name_zh", "西部组团");
  const auto deadline = std::chrono::steady_clock::now() + 10s;
  // The outcome is recorded just after the swap.
  while (app.reloads.record().succeeded == 0 && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(10ms);
  }
  ASSERT_EQ(app.snapshot.load()->version(), 2U);
  EXPECT_EQ(get_json(app, "/api/v1/locate?lon=125.2&lat=43.7")["matches"][0]["name_zh"], "西部组团");
  EXPECT_EQ(get_json(app, "/healthz")["reload"]["last_success"]["trigger"], "file");
}

// Readers on several threads while snapshots are swapped under them (ThreadSanitizer runs this):
// every answer is whole, and a thread never sees the version go back.
TEST(Reload, ConcurrentRequestsSeeWholeSnapshotsInOrder) {
  auto app = test_support::sample_app(1, admin_config());
  GateBuilder gate;
  const server::Reloader reloader(app.reload_target(), gate.builder(), nullptr, 0ms);
  std::atomic<bool> done = false;
  std::atomic<int> bad = 0;
  const auto reader = [&](std::string target) {
    std::uint64_t last_version = 0;
    while (!done.load()) {
      const auto response = server::handle_request(app, request(server::http::verb::get, target));
      if (response.result() != status::ok) ++bad;
      const auto version = get_json(app, "/healthz")["snapshot_version"].get<std::uint64_t>();
      if (version < last_version) ++bad;
      last_version = version;
    }
  };
  std::vector<std::jthread> readers;
  readers.emplace_back(reader, "/api/v1/locate?lon=125.45&lat=43.7");
  readers.emplace_back(reader, "/tiles/6/54/23.mvt");
  readers.emplace_back(reader, "/metrics");
  int reloaded = 0;
  for (int i = 0; i < 20; ++i) {
    reloaded += server::handle_request(app, reload_request()).result() == status::ok ? 1 : 0;
    std::this_thread::sleep_for(2ms);  // let the readers work on this snapshot
  }
  done = true;
  readers.clear();
  EXPECT_EQ(reloaded, 20);
  EXPECT_EQ(bad.load(), 0);
  EXPECT_EQ(app.snapshot.load()->version(), 21U);
}

}  // namespace
