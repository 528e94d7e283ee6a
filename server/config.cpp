#include "server/config.hpp"

#include "server/http/redact.hpp"

#include <boost/program_options.hpp>

#include <cmath>
#include <fstream>
#include <iostream>
#include <sstream>
#include <thread>

namespace server {

namespace po = boost::program_options;

namespace {

constexpr int kMaxWarmZoom = 14;  // layers::tiles::kMaxZoom; config stays free of the layers library
constexpr std::size_t kMinTokenLength = 16;

// The token is the file's content without surrounding whitespace (editors add a newline).
std::string read_admin_token(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw ConfigError("--admin-token-file " + path + ": cannot read it");
  std::ostringstream content;
  content << in.rdbuf();
  std::string token = content.str();
  const auto first = token.find_first_not_of(" \t\r\n");
  const auto last = token.find_last_not_of(" \t\r\n");
  token = first == std::string::npos ? std::string() : token.substr(first, last - first + 1);
  if (token.size() < kMinTokenLength) {
    throw ConfigError("--admin-token-file " + path + ": the token must be at least " + std::to_string(kMinTokenLength) +
                      " characters (e.g. openssl rand -hex 32)");
  }
  if (token.find_first_of(" \t\r\n") != std::string::npos) {
    throw ConfigError("--admin-token-file " + path + ": the token must be one word");
  }
  return token;
}

}  // namespace

std::optional<ServerConfig> parse_command_line(std::span<char*> args) {
  ServerConfig config;
  std::string listen = config.http.host + ":" + std::to_string(config.http.port);
  std::size_t max_body_mib = config.http.max_body_bytes >> 20U;
  long read_timeout = config.http.read_timeout.count();
  long idle_timeout = config.http.idle_timeout.count();
  long write_timeout = config.http.write_timeout.count();
  long request_deadline = config.http.request_deadline.count();
  std::size_t max_answer_mib = config.limits.max_answer_bytes >> 20U;
  std::size_t tile_cache_mib = config.tile_cache_bytes >> 20U;
  double watch_seconds = static_cast<double>(config.watch_interval.count()) / 1000.0;

  po::options_description options("layoutd options");
  options.add_options()("help,h", "show this help")(
      "store", po::value(&config.store)->default_value(config.store),
      "GeoPackage path or GDAL connection string (e.g. \"PG:host=db dbname=layout\")")(
      "listen", po::value(&listen)->default_value(listen), "HOST:PORT to listen on (port 0 picks a free port)")(
      "threads", po::value(&config.http.threads)->default_value(0), "worker threads (0 = one per core)")(
      "max-body", po::value(&max_body_mib)->default_value(max_body_mib), "largest request body, MiB")(
      "read-timeout", po::value(&read_timeout)->default_value(read_timeout), "seconds to receive one request")(
      "max-connections", po::value(&config.http.max_connections)->default_value(config.http.max_connections),
      "open connections at most; more are closed as they are accepted")(
      "idle-timeout", po::value(&idle_timeout)->default_value(idle_timeout),
      "seconds a keep-alive connection may idle")("web-root", po::value(&config.web_root),
                                                  "directory of the built web client")(
      "cors-origin", po::value(&config.cors_origin), "value of Access-Control-Allow-Origin (empty: no CORS)")(
      "tile-cache-mb", po::value(&tile_cache_mib)->default_value(tile_cache_mib),
      "memory for encoded tiles, MiB (0: no cache)")(
      "admin-token-file", po::value(&config.admin_token_file),
      "file holding the bearer token for POST /admin/reload (absent: the route answers 403)")(
      "watch-interval", po::value(&watch_seconds)->default_value(watch_seconds),
      "seconds between polls of the store for changes (0: no watch)")(
      "warm-zooms", po::value(&config.warm_max_zoom)->default_value(config.warm_max_zoom),
      "tile zooms 0..N prepared before a reloaded store is served (-1: none)")(
      "max-json-depth", po::value(&config.limits.max_json_depth)->default_value(config.limits.max_json_depth),
      "deepest nesting of arrays and objects in a JSON body")(
      "max-parcel-vertices",
      po::value(&config.limits.max_parcel_vertices)->default_value(config.limits.max_parcel_vertices),
      "most vertices of an overlap parcel")(
      "max-parcel-parts", po::value(&config.limits.max_parcel_parts)->default_value(config.limits.max_parcel_parts),
      "most polygons of an overlap parcel")(
      "max-batch-sites", po::value(&config.limits.max_batch_sites)->default_value(config.limits.max_batch_sites),
      "most sites in one batch locate")(
      "max-answer-mb", po::value(&max_answer_mib)->default_value(max_answer_mib),
      "largest answer built in memory, MiB (a batch over it gets 413)")(
      "write-timeout", po::value(&write_timeout)->default_value(write_timeout), "seconds to send one response")(
      "request-deadline", po::value(&request_deadline)->default_value(request_deadline),
      "seconds a heavy request (overlap, batch locate) may take; past it, 503")(
      "heavy-workers", po::value(&config.http.heavy_workers)->default_value(config.http.heavy_workers),
      "threads for heavy requests (0 = one per core)")(
      "heavy-queue", po::value(&config.http.heavy_queue)->default_value(config.http.heavy_queue),
      "heavy requests waiting for a worker at most; more get 503 with Retry-After");

  po::variables_map values;
  try {
    po::store(po::parse_command_line(static_cast<int>(args.size()), args.data(), options), values);
    po::notify(values);
  } catch (const po::error& e) {
    throw ConfigError(e.what());
  }
  if (values.count("help") != 0) {
    std::cout << "usage: layoutd [options]\n\n" << options << "\n";
    return std::nullopt;
  }

  const auto colon = listen.rfind(':');
  if (colon == std::string::npos || colon == 0) throw ConfigError("--listen must be HOST:PORT, got '" + listen + "'");
  config.http.host = listen.substr(0, colon);
  try {
    const unsigned long port = std::stoul(listen.substr(colon + 1));
    if (port > 65535) throw std::out_of_range("port");
    config.http.port = static_cast<std::uint16_t>(port);
  } catch (const std::logic_error&) {
    throw ConfigError("--listen port must be 0-65535, got '" + listen.substr(colon + 1) + "'");
  }
  if (config.http.threads == 0) config.http.threads = std::max(1U, std::thread::hardware_concurrency());
  if (max_body_mib == 0) throw ConfigError("--max-body must be at least 1 MiB");
  if (config.limits.max_json_depth < 8) throw ConfigError("--max-json-depth must be at least 8 (GeoJSON needs 7)");
  if (config.limits.max_parcel_vertices < 4 || config.limits.max_parcel_parts < 1 ||
      config.limits.max_batch_sites < 1) {
    throw ConfigError("--max-parcel-vertices must be at least 4, --max-parcel-parts and --max-batch-sites at least 1");
  }
  if (read_timeout <= 0 || idle_timeout <= 0 || write_timeout <= 0 || request_deadline <= 0) {
    throw ConfigError("timeouts and the request deadline must be positive");
  }
  if (max_answer_mib == 0) throw ConfigError("--max-answer-mb must be at least 1");
  config.limits.max_answer_bytes = max_answer_mib << 20U;
  config.http.write_timeout = std::chrono::seconds(write_timeout);
  config.http.request_deadline = std::chrono::seconds(request_deadline);
  if (config.http.max_connections == 0) throw ConfigError("--max-connections must be at least 1");
  config.http.max_body_bytes = max_body_mib << 20U;
  config.tile_cache_bytes = tile_cache_mib << 20U;
  config.http.read_timeout = std::chrono::seconds(read_timeout);
  config.http.idle_timeout = std::chrono::seconds(idle_timeout);
  if (!(watch_seconds >= 0 && watch_seconds <= 86400)) {
    throw ConfigError("--watch-interval must be 0-86400 seconds, got " + std::to_string(watch_seconds));
  }
  config.watch_interval = std::chrono::milliseconds(std::llround(watch_seconds * 1000.0));
  if (watch_seconds > 0 && config.watch_interval.count() == 0) config.watch_interval = std::chrono::milliseconds(1);
  if (config.warm_max_zoom < -1 || config.warm_max_zoom > kMaxWarmZoom) {
    throw ConfigError("--warm-zooms must be -1 (none) to " + std::to_string(kMaxWarmZoom) + ", got " +
                      std::to_string(config.warm_max_zoom));
  }
  if (!config.admin_token_file.empty()) config.admin_token = read_admin_token(config.admin_token_file);
  return config;
}

std::string describe(const ServerConfig& config) {
  std::ostringstream out;
  out << "store=" << redact_secrets(config.store) << " listen=" << config.http.host << ":" << config.http.port
      << " threads=" << config.http.threads << " max_body=" << (config.http.max_body_bytes >> 20U)
      << "MiB read_timeout=" << config.http.read_timeout.count() << "s idle_timeout=" << config.http.idle_timeout.count()
      << "s web_root=" << (config.web_root.empty() ? "-" : config.web_root)
      << " cors_origin=" << (config.cors_origin.empty() ? "-" : config.cors_origin)
      << " tile_cache=" << (config.tile_cache_bytes >> 20U) << "MiB"
      << " admin=" << (config.admin_token.empty() ? "off" : "token from " + config.admin_token_file)
      << " watch_interval=" << static_cast<double>(config.watch_interval.count()) / 1000.0 << "s"
      << " warm_zooms="
      << (config.warm_max_zoom < 0 ? std::string("none") : "0-" + std::to_string(config.warm_max_zoom));
  return out.str();
}

}  // namespace server
