#pragma once
// A buffered sink for log lines on one file descriptor. The request path only appends a line to a
// buffer under a short mutex (no system call); a background thread writes the buffer with one
// write() per `interval`, or sooner once it holds `batch_bytes`. Lines are whole in every write,
// so they never interleave, and they keep the order they were appended in.
#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <mutex>
#include <string>
#include <string_view>
#include <thread>

namespace server {

class LogSink {
 public:
  LogSink(int fd, std::chrono::milliseconds interval, std::size_t batch_bytes = 64 * 1024);
  ~LogSink();  // stop()
  LogSink(const LogSink&) = delete;
  LogSink& operator=(const LogSink&) = delete;

  // Appends one whole line (with its '\n'). Returns at once, unless the buffer is over its cap
  // because the file descriptor does not keep up: then the caller writes it (back-pressure
  // rather than unbounded memory or lost lines).
  void append(std::string_view line);
  // Appends the line and writes everything buffered before returning: for lines that must be
  // out now (errors, the last line before an exit).
  void append_and_flush(std::string_view line);
  // Writes everything buffered before returning.
  void flush();
  // Stops the background thread and writes what is buffered; from then on every line is written
  // as it is appended. For the end of the process: nothing is left in a buffer, and a line logged
  // later (by a static's destructor, say) still gets out.
  void stop();

 private:
  void run();

  const int fd_;
  const std::chrono::milliseconds interval_;
  const std::size_t batch_bytes_;
  const std::size_t cap_bytes_;

  // Held while a batch is taken from the buffer and written: batches reach the file in the order
  // they were taken, whichever thread writes them. Taken before mutex_, never the other way round.
  std::mutex write_mutex_;
  std::mutex mutex_;       // guards pending_ and stopping_
  std::mutex stop_mutex_;  // one stop() joins the thread
  std::condition_variable wake_;
  std::string pending_;
  bool stopping_ = false;
  std::thread thread_;  // last: started once every member above is ready
};

}  // namespace server
