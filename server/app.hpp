#pragma once
// Everything layoutd serves from, composed once at start-up: the configuration, the current
// snapshot, each room's state (caches, the reload queue, the web client's files) and the route
// table bound to them. Handlers get only what their route was bound to (routes.cpp); what changes
// is which snapshot the slot holds (swapped by the Reloader), the metrics' atomic counters, the
// caches and the reload queue. Throws WebRootError when --web-root cannot be served.
#include "layers/serving/served_snapshot.hpp"
#include "server/admin/reload_queue.hpp"
#include "server/admin/reloader.hpp"
#include "server/api/match_fragments.hpp"
#include "server/config.hpp"
#include "server/http/metrics.hpp"
#include "server/http/router.hpp"
#include "server/tiles/tile_cache.hpp"
#include "server/web/static_files.hpp"

#include <chrono>

namespace server {

struct App {
  App(ServerConfig config_in, layers::SnapshotPtr initial);
  App(const App&) = delete;  // the routes hold references into it
  App& operator=(const App&) = delete;

  // What a Reloader swaps snapshots into, and the caches it warms after a swap.
  [[nodiscard]] ReloadTarget reload_target();

  const ServerConfig config;
  layers::SnapshotSlot snapshot;
  const std::chrono::steady_clock::time_point started;
  const MatchFragmentsCache match_fragments;
  const TileCache tiles;      // encoded tiles keyed by snapshot version (--tile-cache-mb)
  const StaticFiles web;      // the built web client (--web-root), read at start-up
  const ReloadQueue reloads;  // reload requests and outcomes, served by a Reloader (reloader.hpp)
  const Router router;        // every route (routes.cpp), bound to the members above
  const Metrics metrics;      // one series per route name of `router`, then the web client's
  // The metrics series of requests answered from `web` (after the routes' own).
  const std::size_t static_series;
};

}  // namespace server
