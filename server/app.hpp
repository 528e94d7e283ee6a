#pragma once
// Everything a request handler may read: the configuration, the current snapshot and the metrics.
// Handlers get a const App&; what changes is which snapshot the slot holds, and the metrics'
// atomic counters.
#include "layers/snapshot.hpp"
#include "server/config.hpp"
#include "server/match_fragments.hpp"
#include "server/metrics.hpp"
#include "server/tile_cache.hpp"

#include <chrono>

namespace server {

struct App {
  App(ServerConfig config_in, layers::SnapshotPtr initial);

  const ServerConfig config;
  layers::SnapshotSlot snapshot;
  const std::chrono::steady_clock::time_point started;
  const Metrics metrics;  // one series per route of layoutd_router()
  const MatchFragmentsCache match_fragments;
  const TileCache tiles;  // encoded tiles keyed by snapshot version (--tile-cache-mb)
};

}  // namespace server
