#pragma once
// layoutd's configuration: a value built once from the command line and passed down. Nothing reads
// flags or environment variables anywhere else.
#include "server/http/http_settings.hpp"
#include "server/http/request_limits.hpp"

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <stdexcept>
#include <string>

namespace server {

struct ServerConfig {
  std::string store = "data/layout.gpkg";  // GeoPackage path or any GDAL connection string
  HttpSettings http;     // --listen, --threads, --max-body, --read-timeout, --idle-timeout
  RequestLimits limits;  // --max-json-depth, --max-parcel-vertices, --max-parcel-parts, --max-batch-sites
  std::string web_root;
  std::string cors_origin;
  std::size_t tile_cache_bytes = 256U << 20U;  // in-memory tile cache (--tile-cache-mb)
  // Hot reload (reloader.hpp). The token guarding POST /admin/reload, read from
  // --admin-token-file at start-up; empty: the route is disabled.
  std::string admin_token;
  std::string admin_token_file;
  std::chrono::milliseconds watch_interval{2000};  // store polling period; 0: no watch
  int warm_max_zoom = 8;                           // zooms prepared before a reload swaps; -1: none
};

class ConfigError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Parses argv (and reads --admin-token-file). Returns nullopt after printing help for --help.
// Throws ConfigError on bad flags or an unusable token file.
std::optional<ServerConfig> parse_command_line(std::span<char*> args);

// One line describing the configuration, for the start-up log (no secrets: not the admin token, not
// a password in the store's connection string).
std::string describe(const ServerConfig& config);

}  // namespace server
