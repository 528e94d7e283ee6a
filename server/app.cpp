#include "server/app.hpp"

#include "server/router.hpp"

#include <string>
#include <vector>

namespace server {
namespace {

std::vector<std::string> series_names() {
  std::vector<std::string> names = layoutd_router().names();
  names.emplace_back("static");
  return names;
}

}  // namespace

App::App(ServerConfig config_in, layers::SnapshotPtr initial)
    : config(std::move(config_in)),
      snapshot(std::move(initial)),
      started(std::chrono::steady_clock::now()),
      metrics(series_names()),
      tiles(config.tile_cache_bytes),
      web(config.web_root.empty() ? StaticFiles() : StaticFiles(config.web_root)),
      static_series(layoutd_router().names().size()) {}

}  // namespace server
