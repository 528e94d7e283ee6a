#pragma once
// A server::App over the sample layers (fixture_store.hpp), for handler tests without sockets.
// Header-only: test_support itself does not link the server library.
#include "server/app.hpp"
#include "support/fixture_store.hpp"

#include <memory>

namespace test_support {

inline server::App sample_app(std::uint64_t snapshot_version = 1, server::ServerConfig config = {}) {
  return server::App(std::move(config),
                     std::make_shared<const layers::ServedSnapshot>(sample_layers(), "memory", snapshot_version));
}

}  // namespace test_support
