#include "server/admin/reload_queue.hpp"

namespace server {

std::uint64_t ReloadQueue::request(std::string_view trigger) const {
  const std::lock_guard lock(mutex_);
  if (!pending_) {
    pending_ = true;
    pending_trigger_ = trigger;
  }
  record_.pending = true;
  changed_.notify_all();
  // Whether a build runs now or not, the next one to start reads the store after this request.
  return started_ + 1;
}

std::optional<ReloadOutcome> ReloadQueue::wait(std::uint64_t ticket, std::chrono::milliseconds timeout) const {
  std::unique_lock lock(mutex_);
  changed_.wait_for(lock, timeout, [&] { return finished_ >= ticket || !worker_; });
  if (finished_ >= ticket) return last_;
  return std::nullopt;
}

ReloadRecord ReloadQueue::record() const {
  const std::lock_guard lock(mutex_);
  return record_;
}

bool ReloadQueue::has_worker() const {
  const std::lock_guard lock(mutex_);
  return worker_;
}

void ReloadQueue::open() const {
  const std::lock_guard lock(mutex_);
  worker_ = true;
}

void ReloadQueue::close() const {
  const std::lock_guard lock(mutex_);
  worker_ = false;
  changed_.notify_all();
}

std::optional<ReloadQueue::Job> ReloadQueue::next(std::stop_token stop,
                                                  std::chrono::steady_clock::time_point deadline) const {
  std::unique_lock lock(mutex_);
  if (!changed_.wait_until(lock, stop, deadline, [&] { return pending_; })) return std::nullopt;
  pending_ = false;
  record_.pending = false;
  record_.building = true;
  return Job{++started_, std::move(pending_trigger_)};
}

void ReloadQueue::finish(ReloadOutcome outcome) const {
  const std::lock_guard lock(mutex_);
  finished_ = outcome.build;
  record_.building = false;
  if (outcome.ok) {
    ++record_.succeeded;
    record_.last_success = outcome;
  } else {
    ++record_.failed;
    record_.last_failure = outcome;
  }
  last_ = std::move(outcome);
  changed_.notify_all();
}

}  // namespace server
