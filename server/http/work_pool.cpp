#include "server/http/work_pool.hpp"

#include <malloc.h>

#include <chrono>

namespace server {

WorkPool::WorkPool(unsigned workers, std::size_t queue_capacity) : capacity_(queue_capacity) {
  workers_.reserve(workers);
  for (unsigned i = 0; i < workers; ++i) {
    workers_.emplace_back([this](const std::stop_token& stop) { work(stop); });
  }
}

WorkPool::~WorkPool() {
  shutdown_.request_stop();
  {
    const std::lock_guard lock(mutex_);
    queue_.clear();
  }
  for (auto& worker : workers_) worker.request_stop();  // wakes the waits below (stop_token aware)
  workers_.clear();                                     // joins
}

bool WorkPool::try_submit(std::function<void()> job) {
  {
    const std::lock_guard lock(mutex_);
    if (queue_.size() >= capacity_) return false;
    queue_.push_back(std::move(job));
  }
  ready_.notify_one();
  return true;
}

std::size_t WorkPool::waiting() const {
  const std::lock_guard lock(mutex_);
  return queue_.size();
}

void WorkPool::work(const std::stop_token& stop) {
  // A heavy job frees tens to hundreds of MB in blocks of every size, spread over glibc's
  // per-thread arenas, which keep the pages: RSS stayed 2.6× its start after three rounds of
  // 100 000-site batches and a 19 000-vertex overlap. They are given back (malloc_trim) once the
  // worker has had nothing to do for a second: trimming after every job instead walked and locked
  // every arena between back-to-back overlaps and halved the server's throughput under
  // bench/soak.sh.
  constexpr auto kIdleBeforeTrim = std::chrono::seconds(1);
  bool trim_pending = false;
  const auto has_work = [this] { return !queue_.empty(); };
  while (true) {
    std::function<void()> job;
    {
      std::unique_lock lock(mutex_);
      if (trim_pending) {
        if (!ready_.wait_for(lock, stop, kIdleBeforeTrim, has_work)) {
          if (stop.stop_requested()) return;
          lock.unlock();
          malloc_trim(0);
          trim_pending = false;
          continue;
        }
      } else if (!ready_.wait(lock, stop, has_work)) {
        return;  // stop requested
      }
      job = std::move(queue_.front());
      queue_.pop_front();
    }
    job();
    trim_pending = true;
  }
}

}  // namespace server
