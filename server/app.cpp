#include "server/app.hpp"

#include "server/router.hpp"

namespace server {

App::App(ServerConfig config_in, layers::SnapshotPtr initial)
    : config(std::move(config_in)),
      snapshot(std::move(initial)),
      started(std::chrono::steady_clock::now()),
      metrics(layoutd_router().names()),
      tiles(config.tile_cache_bytes) {}

}  // namespace server
