// layoutd: the spatial-layout HTTP service.
#include "layers/store/store_error.hpp"
#include "layers/serving/served_snapshot.hpp"
#include "server/app.hpp"
#include "server/config.hpp"
#include "server/handle_request.hpp"
#include "server/http/http_server.hpp"
#include "server/http/log.hpp"
#include "server/http/redact.hpp"
#include "server/admin/reloader.hpp"
#include "server/admin/store_watch.hpp"

#include <malloc.h>

#include <iostream>
#include <span>
#include <string>

int main(int argc, char** argv) {
  std::optional<server::ServerConfig> config;
  try {
    config = server::parse_command_line(std::span<char*>(argv, static_cast<std::size_t>(argc)));
  } catch (const server::ConfigError& e) {
    std::cerr << "layoutd: " << e.what() << " (see layoutd --help)\n";
    return 2;
  }
  if (!config) return 0;  // --help
  // Blocks of 1 MiB and more (answers, batch buffers) come from mmap and go back to the system when
  // freed. Left to itself glibc raises this threshold after each such free, up to 32 MiB, and the
  // next answers then stay in the heap after they are sent.
  mallopt(M_MMAP_THRESHOLD, 1 << 20);
  server::log_info("layoutd starting: " + server::describe(*config));

  // Before the first read: a change made while it runs is then seen by the first poll.
  std::unique_ptr<server::StoreWatch> watch;
  if (config->watch_interval.count() > 0) watch = server::watch_store(config->store);

  layers::SnapshotPtr snapshot;
  try {
    snapshot = layers::load_snapshot(config->store, 1);
  } catch (const layers::StoreError& e) {
    server::log_error(std::string("cannot start: cannot read store ") + server::redact_secrets(e.what()));
    return 1;
  }
  server::log_info("store loaded: " + std::to_string(snapshot->layers().size()) + " layers, " +
                   std::to_string(snapshot->feature_count()) + " features, store revision " +
                   std::to_string(snapshot->store_revision()) + " from " + server::redact_secrets(config->store));

  try {
    server::App app(*config, std::move(snapshot));
    if (!config->web_root.empty()) {
      server::log_info("web root: " + std::to_string(app.web.file_count()) + " files, " +
                       std::to_string(app.web.total_bytes() >> 10U) + " KiB from " + config->web_root +
                       (app.web.skipped() == 0 ? std::string()
                                               : ", " + std::to_string(app.web.skipped()) +
                                                     " skipped (links out of the root or not regular files)"));
    }
    // Stopped (joined) before the App goes: it swaps snapshots into app.snapshot.
    const server::Reloader reloader(app.reload_target(),
                                    server::store_snapshot_builder(config->store, config->warm_max_zoom),
                                    std::move(watch), config->watch_interval);
    const server::RequestHandler handler = server::request_handler(app);
    server::run_http_server(config->http, handler, [](const std::string& address) {
      server::log_info("listening on http://" + address + "/");
    });
  } catch (const std::exception& e) {
    server::log_error(std::string("cannot start: ") + server::redact_secrets(e.what()));
    return 1;
  }
  server::log_info("layoutd stopped");
  return 0;
}
