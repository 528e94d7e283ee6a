#pragma once
// Everything a request handler may read: the configuration and the current snapshot. Handlers get
// a const App&; the only thing that ever changes is which snapshot the slot holds.
#include "layers/snapshot.hpp"
#include "server/config.hpp"

#include <chrono>

namespace server {

struct App {
  App(ServerConfig config_in, layers::SnapshotPtr initial)
      : config(std::move(config_in)), snapshot(std::move(initial)), started(std::chrono::steady_clock::now()) {}

  const ServerConfig config;
  layers::SnapshotSlot snapshot;
  const std::chrono::steady_clock::time_point started;
};

}  // namespace server
