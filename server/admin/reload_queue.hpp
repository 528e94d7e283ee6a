#pragma once
// The mailbox between whoever asks for a reload (POST /admin/reload, the store watch) and the one
// thread that builds snapshots (reloader.hpp), and the record of how reloads went (/healthz,
// /metrics). Requests coalesce: asked for while a build runs, a reload runs once more after it,
// however many times it was asked for meanwhile. Thread-safe; like the caches, it is the part of
// a const App that changes.
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <optional>
#include <stop_token>
#include <string>
#include <string_view>

namespace server {

struct ReloadOutcome {
  std::uint64_t build = 0;  // 1 for this process's first reload, then 2, 3, ...
  bool ok = false;
  std::string trigger;                 // what asked for it first: "http", "file", "revision"
  // When !ok, why. `summary` is what the unauthenticated /healthz and /metrics publish: no store
  // name (a path, a host) and no feature, e.g. "the store fails validation (3 errors)". `error` is
  // the whole reason, one line, passwords redacted: for the log and the operator (GET
  // /admin/reload, the POST's answer).
  std::string summary;
  std::string error;
  std::uint64_t snapshot_version = 0;  // the version served once it finished (the old one on failure)
  std::int64_t store_revision = 0;     // of that snapshot
  std::chrono::system_clock::time_point finished_at;
  std::chrono::milliseconds duration{0};  // read, validation, indexes and warming
  std::chrono::milliseconds warm{0};      // of which preparing tile zooms
};

struct ReloadRecord {
  std::uint64_t succeeded = 0;
  std::uint64_t failed = 0;
  bool building = false;
  bool pending = false;  // asked for, not started yet
  std::optional<ReloadOutcome> last_success;
  std::optional<ReloadOutcome> last_failure;
};

class ReloadQueue {
 public:
  // Asks for a reload; returns the number of the build that will include the request.
  std::uint64_t request(std::string_view trigger) const;
  // The outcome of build `ticket` (or of a later one, if several finished meanwhile); nullopt once
  // `timeout` passes, and at once when no reloader is running.
  [[nodiscard]] std::optional<ReloadOutcome> wait(std::uint64_t ticket, std::chrono::milliseconds timeout) const;
  [[nodiscard]] ReloadRecord record() const;
  [[nodiscard]] bool has_worker() const;

  // The reloader's side.
  struct Job {
    std::uint64_t build = 0;
    std::string trigger;
  };
  void open() const;   // a reloader runs: requests will be served
  void close() const;  // it stopped: waiters return
  // Blocks until a reload is asked for (returned, and marked as building), `deadline` passes or
  // `stop` is requested (nullopt).
  std::optional<Job> next(std::stop_token stop, std::chrono::steady_clock::time_point deadline) const;
  void finish(ReloadOutcome outcome) const;

 private:
  mutable std::mutex mutex_;
  mutable std::condition_variable_any changed_;
  mutable bool worker_ = false;
  mutable bool pending_ = false;
  mutable std::string pending_trigger_;
  mutable std::uint64_t started_ = 0;
  mutable std::uint64_t finished_ = 0;
  mutable std::optional<ReloadOutcome> last_;
  mutable ReloadRecord record_;
};

}  // namespace server
