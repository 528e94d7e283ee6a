#pragma once
// Everything a request handler may read: the configuration, the current snapshot and the metrics.
// Handlers get a const App&; what changes is which snapshot the slot holds (swapped by the
// Reloader), the metrics' atomic counters, the caches and the reload queue. Throws WebRootError when
// --web-root cannot be served.
#include "layers/snapshot.hpp"
#include "server/config.hpp"
#include "server/match_fragments.hpp"
#include "server/metrics.hpp"
#include "server/reload_queue.hpp"
#include "server/static_files.hpp"
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
  const StaticFiles web;  // the built web client (--web-root), read at start-up
  // The metrics series of requests answered from `web` (after the routes' own).
  const std::size_t static_series;
  const ReloadQueue reloads;  // reload requests and outcomes, served by a Reloader (reloader.hpp)
};

}  // namespace server
