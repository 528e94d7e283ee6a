#pragma once
// A fixed set of threads running jobs from a bounded queue: where heavy requests are answered, off
// the I/O threads (http_settings.hpp says why). try_submit never blocks: a full queue is the
// caller's to answer (503), which keeps the wait a client can meet bounded by queue × job time.
#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <mutex>
#include <stop_token>
#include <thread>
#include <vector>

namespace server {

class WorkPool {
 public:
  WorkPool(unsigned workers, std::size_t queue_capacity);
  // Requests stopping() (running jobs that watch it give up), drops the jobs still waiting and
  // joins the workers.
  ~WorkPool();
  WorkPool(const WorkPool&) = delete;
  WorkPool& operator=(const WorkPool&) = delete;

  // Queues `job`; false, and `job` is dropped, when queue_capacity jobs already wait. A job must
  // not throw.
  [[nodiscard]] bool try_submit(std::function<void()> job);
  [[nodiscard]] std::size_t waiting() const;
  // Stop requested when the pool is going away (the server stops).
  [[nodiscard]] std::stop_token stopping() const noexcept { return shutdown_.get_token(); }

 private:
  void work(const std::stop_token& stop);

  const std::size_t capacity_;
  std::stop_source shutdown_;
  mutable std::mutex mutex_;
  std::condition_variable_any ready_;
  std::deque<std::function<void()>> queue_;
  std::vector<std::jthread> workers_;  // last: joined before the queue they read goes
};

}  // namespace server
