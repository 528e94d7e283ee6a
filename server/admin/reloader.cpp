#include "server/admin/reloader.hpp"

#include "layers/store/store_reader.hpp"
#include "layers/model/validate.hpp"
#include "server/http/log.hpp"
#include "server/http/redact.hpp"

#include <malloc.h>

#include <sstream>

namespace server {
namespace {

using Clock = std::chrono::steady_clock;

std::chrono::milliseconds since(Clock::time_point start) {
  return std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - start);
}

std::string seconds(std::chrono::milliseconds ms) {
  std::ostringstream out;
  out.precision(2);
  out << std::fixed << static_cast<double>(ms.count()) / 1000.0 << " s";
  return out.str();
}

// Why a build failed, said without the store's name or its content.
constexpr const char* kUnreadable = "the store could not be read or indexed";
constexpr const char* kStopping = "the server is stopping";

// The first error validate() found, and how many there were; the summary only counts them.
StoreRejected rejection(const std::string& store, const layers::ValidationReport& report) {
  const std::string count = std::to_string(report.errors()) + " error" + (report.errors() == 1 ? "" : "s");
  std::string reason = "'" + store + "': fails validation";
  for (const auto& issue : report.issues) {
    if (issue.severity != layers::ValidationIssue::Severity::Error) continue;
    std::string where = "layer " + issue.layer;
    if (!issue.feature.empty()) where += " feature " + issue.feature;
    reason += " (" + count + "; first: " + where + ": " + issue.reason + ")";
    break;
  }
  return {reason, "the store fails validation (" + count + ")"};
}

}  // namespace

SnapshotBuilder store_snapshot_builder(std::string store, int warm_max_zoom) {
  return [store = std::move(store), warm_max_zoom](std::uint64_t version, std::stop_token stop) -> BuiltSnapshot {
    layers::StoreContents contents = layers::read_store(store);
    const auto report = layers::validate(contents.layers);
    if (!report.ok()) throw rejection(store, report);
    if (stop.stop_requested()) return {};
    BuiltSnapshot built;
    built.snapshot =
        std::make_shared<const layers::ServedSnapshot>(std::move(contents.layers), store, version, contents.revision);
    const auto warm_start = Clock::now();
    for (int z = 0; z <= warm_max_zoom; ++z) {
      if (stop.stop_requested()) return {};
      built.snapshot->tiles().prepare(z);
    }
    built.warm = since(warm_start);
    return built;
  };
}

Reloader::Reloader(ReloadTarget target, SnapshotBuilder build, std::unique_ptr<StoreWatch> watch,
                   std::chrono::milliseconds watch_interval)
    : target_(std::move(target)), build_(std::move(build)), watch_(std::move(watch)), watch_interval_(watch_interval) {
  target_.queue.open();  // before returning: a request right after construction is served
  thread_ = std::jthread([this](std::stop_token stop) { run(std::move(stop)); });
}

Reloader::~Reloader() {
  thread_.request_stop();
  if (thread_.joinable()) thread_.join();
}

void Reloader::run(std::stop_token stop) {
  const bool watching = watch_ != nullptr && watch_interval_.count() > 0;
  if (watch_) watch_->served(*target_.slot.load());
  auto next_poll = Clock::now() + watch_interval_;
  while (!stop.stop_requested()) {
    // Wake for the next poll, or every second while a replaced snapshot waits to be freed.
    auto deadline = watching ? next_poll : Clock::time_point::max();
    if (!retired_.empty()) deadline = std::min(deadline, Clock::now() + std::chrono::seconds(1));
    if (const auto job = target_.queue.next(stop, deadline)) {
      reload(*job, stop);  // answers "the server is stopping" if it is
    } else if (watching && Clock::now() >= next_poll) {
      if (watch_->changed()) target_.queue.request(watch_->trigger());
      next_poll = Clock::now() + watch_interval_;
    }
    release_retired();
  }
  target_.queue.close();
}

void Reloader::reload(const ReloadQueue::Job& job, std::stop_token stop) {
  const auto start = Clock::now();
  const layers::SnapshotPtr current = target_.slot.load();
  ReloadOutcome outcome;
  outcome.build = job.build;
  outcome.trigger = job.trigger;
  outcome.snapshot_version = current->version();
  outcome.store_revision = current->store_revision();
  if (watch_) watch_->reloading();
  BuiltSnapshot built;
  try {
    if (!stop.stop_requested()) built = build_(current->version() + 1, stop);
    if (!built.snapshot) outcome.summary = outcome.error = kStopping;
  } catch (const StoreRejected& e) {
    outcome.summary = e.summary();
    outcome.error = redact_secrets(e.what());
  } catch (const std::exception& e) {
    // GDAL's and libpq's messages name paths, hosts and tables: only the log and operators see them.
    outcome.summary = kUnreadable;
    outcome.error = redact_secrets(e.what());
  }
  outcome.duration = since(start);
  outcome.finished_at = std::chrono::system_clock::now();
  if (built.snapshot) {
    target_.slot.store(built.snapshot);
    // Requests still on the old snapshot finish on it; it is freed here once they are done.
    retired_.push_back(current);
    if (target_.on_swap) target_.on_swap(*built.snapshot);
    if (watch_) watch_->served(*built.snapshot);
    outcome.ok = true;
    outcome.snapshot_version = built.snapshot->version();
    outcome.store_revision = built.snapshot->store_revision();
    outcome.warm = built.warm;
    log_info("reload " + std::to_string(job.build) + " (" + job.trigger + ") ok: snapshot " +
             std::to_string(outcome.snapshot_version) + ", store revision " + std::to_string(outcome.store_revision) +
             ", " + std::to_string(built.snapshot->layers().size()) + " layers, " +
             std::to_string(built.snapshot->feature_count()) + " features in " + seconds(outcome.duration) +
             " (tile zooms warmed in " + seconds(built.warm) + ")");
  } else {
    log_error("reload " + std::to_string(job.build) + " (" + job.trigger + ") failed, still serving snapshot " +
              std::to_string(outcome.snapshot_version) + ": " + outcome.error);
  }
  target_.queue.finish(std::move(outcome));
}

void Reloader::release_retired() {
  // use_count() is exact enough here: a retired snapshot is out of the slot, so nothing can take
  // a new reference to it; once only this list holds it, it stays that way.
  const auto freed =
      std::erase_if(retired_, [](const layers::SnapshotPtr& snapshot) { return snapshot.use_count() == 1; });
  // A snapshot is hundreds of MB in many small blocks, freed across glibc's arenas; without this
  // the pages stay with the process and RSS ratchets up by about a snapshot per reload.
  if (freed > 0) malloc_trim(0);
}

}  // namespace server
