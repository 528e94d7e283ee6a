#include "server/config.hpp"

#include <boost/program_options.hpp>

#include <iostream>
#include <sstream>
#include <thread>

namespace server {

namespace po = boost::program_options;

std::optional<ServerConfig> parse_command_line(std::span<char*> args) {
  ServerConfig config;
  std::string listen = config.host + ":" + std::to_string(config.port);
  std::size_t max_body_mib = config.max_body_bytes >> 20U;
  long read_timeout = config.read_timeout.count();
  long idle_timeout = config.idle_timeout.count();
  std::size_t tile_cache_mib = config.tile_cache_bytes >> 20U;

  po::options_description options("layoutd options");
  options.add_options()("help,h", "show this help")(
      "store", po::value(&config.store)->default_value(config.store),
      "GeoPackage path or GDAL connection string (e.g. \"PG:host=db dbname=layout\")")(
      "listen", po::value(&listen)->default_value(listen), "HOST:PORT to listen on (port 0 picks a free port)")(
      "threads", po::value(&config.threads)->default_value(0), "worker threads (0 = one per core)")(
      "max-body", po::value(&max_body_mib)->default_value(max_body_mib), "largest request body, MiB")(
      "read-timeout", po::value(&read_timeout)->default_value(read_timeout), "seconds to receive one request")(
      "idle-timeout", po::value(&idle_timeout)->default_value(idle_timeout),
      "seconds a keep-alive connection may idle")("web-root", po::value(&config.web_root),
                                                  "directory of the built web client")(
      "cors-origin", po::value(&config.cors_origin), "value of Access-Control-Allow-Origin (empty: no CORS)")(
      "tile-cache-mb", po::value(&tile_cache_mib)->default_value(tile_cache_mib),
      "memory for encoded tiles, MiB (0: no cache)");

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
  config.host = listen.substr(0, colon);
  try {
    const unsigned long port = std::stoul(listen.substr(colon + 1));
    if (port > 65535) throw std::out_of_range("port");
    config.port = static_cast<std::uint16_t>(port);
  } catch (const std::logic_error&) {
    throw ConfigError("--listen port must be 0-65535, got '" + listen.substr(colon + 1) + "'");
  }
  if (config.threads == 0) config.threads = std::max(1U, std::thread::hardware_concurrency());
  if (max_body_mib == 0) throw ConfigError("--max-body must be at least 1 MiB");
  if (read_timeout <= 0 || idle_timeout <= 0) throw ConfigError("timeouts must be positive");
  config.max_body_bytes = max_body_mib << 20U;
  config.tile_cache_bytes = tile_cache_mib << 20U;
  config.read_timeout = std::chrono::seconds(read_timeout);
  config.idle_timeout = std::chrono::seconds(idle_timeout);
  return config;
}

std::string describe(const ServerConfig& config) {
  std::ostringstream out;
  out << "store=" << config.store << " listen=" << config.host << ":" << config.port << " threads=" << config.threads
      << " max_body=" << (config.max_body_bytes >> 20U) << "MiB read_timeout=" << config.read_timeout.count()
      << "s idle_timeout=" << config.idle_timeout.count()
      << "s web_root=" << (config.web_root.empty() ? "-" : config.web_root)
      << " cors_origin=" << (config.cors_origin.empty() ? "-" : config.cors_origin)
      << " tile_cache=" << (config.tile_cache_bytes >> 20U) << "MiB";
  return out.str();
}

}  // namespace server
