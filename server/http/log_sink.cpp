#include "server/http/log_sink.hpp"

#include <unistd.h>

#include <cerrno>

namespace server {
namespace {

// The whole of `bytes`, retrying short writes and interrupted calls. A failed write (a closed
// pipe, a full disk) drops the batch: logging must not stop the server.
void write_all(int fd, std::string_view bytes) {
  while (!bytes.empty()) {
    const ssize_t written = ::write(fd, bytes.data(), bytes.size());
    if (written < 0) {
      if (errno == EINTR) continue;
      return;
    }
    bytes.remove_prefix(static_cast<std::size_t>(written));
  }
}

}  // namespace

LogSink::LogSink(int fd, std::chrono::milliseconds interval, std::size_t batch_bytes)
    : fd_(fd),
      interval_(interval),
      batch_bytes_(batch_bytes),
      // Room for a burst of several batches while a write is under way before callers wait.
      cap_bytes_(16 * batch_bytes),
      thread_([this] { run(); }) {}

LogSink::~LogSink() {
  stop();
}

void LogSink::stop() {
  {
    const std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_one();
  {
    const std::lock_guard lock(stop_mutex_);
    if (thread_.joinable()) thread_.join();
  }
  flush();
}

void LogSink::append(std::string_view line) {
  bool over_batch = false;
  bool over_cap = false;
  {
    const std::lock_guard lock(mutex_);
    const bool was_under = pending_.size() < batch_bytes_;
    pending_.append(line);
    // Wake the writer only when the batch fills: a notify per line would cost a system call.
    over_batch = was_under && pending_.size() >= batch_bytes_;
    // Once stopped, no thread writes the buffer: the caller does.
    over_cap = stopping_ || pending_.size() >= cap_bytes_;
  }
  if (over_cap) return flush();
  if (over_batch) wake_.notify_one();
}

void LogSink::append_and_flush(std::string_view line) {
  const std::lock_guard write_lock(write_mutex_);
  std::string batch;
  {
    const std::lock_guard lock(mutex_);
    pending_.append(line);
    batch.swap(pending_);
  }
  write_all(fd_, batch);
}

void LogSink::flush() {
  const std::lock_guard write_lock(write_mutex_);
  std::string batch;
  {
    const std::lock_guard lock(mutex_);
    batch.swap(pending_);
  }
  write_all(fd_, batch);
}

void LogSink::run() {
  // Two buffers swapped back and forth, so neither is reallocated in the steady state.
  std::string batch;
  std::unique_lock lock(mutex_);
  while (!stopping_) {
    wake_.wait_for(lock, interval_, [this] { return stopping_ || pending_.size() >= batch_bytes_; });
    if (pending_.empty()) continue;
    lock.unlock();
    {
      const std::lock_guard write_lock(write_mutex_);
      {
        const std::lock_guard relock(mutex_);
        batch.swap(pending_);
      }
      write_all(fd_, batch);
      batch.clear();
    }
    lock.lock();
  }
}

}  // namespace server
