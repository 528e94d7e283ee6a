#include "server/app.hpp"

#include "server/routes.hpp"

#include <string>
#include <vector>

namespace server {
namespace {

std::vector<std::string> series_names(const Router& router) {
  std::vector<std::string> names = router.names();
  names.emplace_back("static");
  return names;
}

}  // namespace

App::App(ServerConfig config_in, layers::SnapshotPtr initial)
    : config(std::move(config_in)),
      snapshot(std::move(initial)),
      started(std::chrono::steady_clock::now()),
      tiles(config.tile_cache_bytes),
      web(config.web_root.empty() ? StaticFiles() : StaticFiles(config.web_root)),
      router(layoutd_routes(*this)),
      metrics(series_names(router)),
      static_series(router.names().size()) {}

ReloadTarget App::reload_target() {
  return {snapshot, reloads, [this](const layers::ServedSnapshot& served) {
            static_cast<void>(match_fragments.get(served));  // the first locate need not build them
            tiles.drop_older_than(served.version());
          }};
}

}  // namespace server
