#pragma once
// Hot reload: one background thread builds a new Snapshot when asked (ReloadQueue: POST
// /admin/reload, or the store watch it polls itself) and swaps it into the served slot, only if
// the build succeeded. Requests in flight keep the snapshot they took; the caches key on the
// snapshot version, so none serves the old data after the swap. A failed build leaves the old
// snapshot serving and is logged and recorded (ReloadRecord: /healthz, /metrics).
#include "layers/serving/served_snapshot.hpp"
#include "server/admin/reload_queue.hpp"
#include "server/admin/store_watch.hpp"

#include <chrono>
#include <functional>
#include <memory>
#include <stdexcept>
#include <string>
#include <stop_token>
#include <thread>
#include <vector>

namespace server {

struct BuiltSnapshot {
  layers::SnapshotPtr snapshot;  // null: the build stopped because the server is stopping
  std::chrono::milliseconds warm{0};
};

// Builds the snapshot with the given version; throws with a one-line reason when the store
// cannot be used: StoreRejected when it was read but refused, anything else when it could not be
// read or indexed.
using SnapshotBuilder = std::function<BuiltSnapshot(std::uint64_t version, std::stop_token stop)>;

// A store read but refused. what() is the whole reason, naming the store and the first problem;
// summary() says what it is without either, for whoever may ask without a token.
class StoreRejected : public std::runtime_error {
 public:
  StoreRejected(const std::string& reason, std::string summary)
      : std::runtime_error(reason), summary_(std::move(summary)) {}
  [[nodiscard]] const std::string& summary() const noexcept { return summary_; }

 private:
  std::string summary_;
};

// What layoutd builds: read the store, refuse it unless layers::validate finds no error, index it,
// and prepare tile zooms 0..warm_max_zoom (-1: none) so the first map view after a swap does not
// wait for them.
SnapshotBuilder store_snapshot_builder(std::string store, int warm_max_zoom);

// What a Reloader works on: the slot it swaps snapshots into, the queue whose requests it serves,
// and what to do once a new snapshot serves (warm the caches that key on its version).
struct ReloadTarget {
  layers::SnapshotSlot& slot;
  const ReloadQueue& queue;
  std::function<void(const layers::ServedSnapshot&)> on_swap;
};

class Reloader {
 public:
  // Starts the thread. `watch` (may be null: no watch) is polled every `watch_interval`.
  Reloader(ReloadTarget target, SnapshotBuilder build, std::unique_ptr<StoreWatch> watch,
           std::chrono::milliseconds watch_interval);
  Reloader(const Reloader&) = delete;
  Reloader& operator=(const Reloader&) = delete;
  ~Reloader();  // stops the thread: a build under way finishes its current step first

 private:
  void run(std::stop_token stop);
  void reload(const ReloadQueue::Job& job, std::stop_token stop);
  void release_retired();

  ReloadTarget target_;
  SnapshotBuilder build_;
  std::unique_ptr<StoreWatch> watch_;
  std::chrono::milliseconds watch_interval_;
  // Replaced snapshots, freed here once no request holds them, rather than by whichever request
  // happens to drop the last reference (freeing an indexed store takes a while).
  std::vector<layers::SnapshotPtr> retired_;
  std::jthread thread_;  // started by the constructor once everything it reads is initialised
};

}  // namespace server
