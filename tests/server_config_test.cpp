#include "server/config.hpp"
#include "support/fixture_store.hpp"

#include <gtest/gtest.h>

#include <fstream>
#include <string>
#include <vector>

namespace {

std::optional<server::ServerConfig> parse(std::vector<std::string> args) {
  args.insert(args.begin(), "layoutd");
  std::vector<char*> argv;
  for (auto& a : args) argv.push_back(a.data());
  return server::parse_command_line(argv);
}

TEST(Config, DefaultsFollowTheDocs) {
  const auto config = parse({});
  ASSERT_TRUE(config);
  EXPECT_EQ(config->store, "data/layout.gpkg");
  EXPECT_EQ(config->http.host, "127.0.0.1");
  EXPECT_EQ(config->http.port, 8080);
  EXPECT_GE(config->http.threads, 1U);
  EXPECT_EQ(config->http.max_body_bytes, 8U << 20U);
}

TEST(Config, FlagsAreApplied) {
  const auto config =
      parse({"--store", "PG:dbname=layout", "--listen", "0.0.0.0:9000", "--threads", "3", "--max-body", "2"});
  ASSERT_TRUE(config);
  EXPECT_EQ(config->store, "PG:dbname=layout");
  EXPECT_EQ(config->http.host, "0.0.0.0");
  EXPECT_EQ(config->http.port, 9000);
  EXPECT_EQ(config->http.threads, 3U);
  EXPECT_EQ(config->http.max_body_bytes, 2U << 20U);
}

TEST(Config, BadFlagsAreConfigErrors) {
  EXPECT_THROW(parse({"--listen", "9000"}), server::ConfigError);
  EXPECT_THROW(parse({"--listen", "host:70000"}), server::ConfigError);
  EXPECT_THROW(parse({"--listen", "host:abc"}), server::ConfigError);
  EXPECT_THROW(parse({"--threads", "many"}), server::ConfigError);
  EXPECT_THROW(parse({"--no-such-flag"}), server::ConfigError);
  EXPECT_THROW(parse({"--max-body", "0"}), server::ConfigError);
}

}  // namespace

namespace {

TEST(Config, ReloadFlags) {
  const auto defaults = parse({});
  ASSERT_TRUE(defaults);
  EXPECT_TRUE(defaults->admin_token.empty());
  EXPECT_EQ(defaults->watch_interval, std::chrono::milliseconds(2000));
  EXPECT_EQ(defaults->warm_max_zoom, 8);

  const auto set = parse({"--watch-interval", "0.25", "--warm-zooms", "-1"});
  ASSERT_TRUE(set);
  EXPECT_EQ(set->watch_interval, std::chrono::milliseconds(250));
  EXPECT_EQ(set->warm_max_zoom, -1);
  EXPECT_EQ(parse({"--watch-interval", "0"})->watch_interval.count(), 0);

  EXPECT_THROW(parse({"--watch-interval", "-1"}), server::ConfigError);
  EXPECT_THROW(parse({"--warm-zooms", "15"}), server::ConfigError);
  EXPECT_THROW(parse({"--warm-zooms", "-2"}), server::ConfigError);
}

TEST(Config, TheAdminTokenIsReadFromItsFileAndNeverDescribed) {
  const test_support::TempDir dir;
  const auto file = dir / "token";
  std::ofstream(file) << "  0123456789abcdef-secret\n";
  const auto config = parse({"--admin-token-file", file.string(), "--store", "PG:host=db password=pw dbname=x"});
  ASSERT_TRUE(config);
  EXPECT_EQ(config->admin_token, "0123456789abcdef-secret");
  const std::string line = server::describe(*config);
  EXPECT_EQ(line.find("secret"), std::string::npos) << line;
  EXPECT_EQ(line.find("password=pw"), std::string::npos) << line;
  EXPECT_NE(line.find("admin=token from " + file.string()), std::string::npos) << line;

  std::ofstream(file) << "short\n";
  EXPECT_THROW(parse({"--admin-token-file", file.string()}), server::ConfigError);
  std::ofstream(file) << "0123456789abcdef 0123456789abcdef\n";
  EXPECT_THROW(parse({"--admin-token-file", file.string()}), server::ConfigError);
  EXPECT_THROW(parse({"--admin-token-file", (dir / "absent").string()}), server::ConfigError);
}

}  // namespace
