#include "server/config.hpp"

#include <gtest/gtest.h>

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
  EXPECT_EQ(config->host, "127.0.0.1");
  EXPECT_EQ(config->port, 8080);
  EXPECT_GE(config->threads, 1U);
  EXPECT_EQ(config->max_body_bytes, 8U << 20U);
}

TEST(Config, FlagsAreApplied) {
  const auto config =
      parse({"--store", "PG:dbname=layout", "--listen", "0.0.0.0:9000", "--threads", "3", "--max-body", "2"});
  ASSERT_TRUE(config);
  EXPECT_EQ(config->store, "PG:dbname=layout");
  EXPECT_EQ(config->host, "0.0.0.0");
  EXPECT_EQ(config->port, 9000);
  EXPECT_EQ(config->threads, 3U);
  EXPECT_EQ(config->max_body_bytes, 2U << 20U);
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
