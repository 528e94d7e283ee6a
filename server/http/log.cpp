#include "server/http/log.hpp"

#include "server/http/log_sink.hpp"

#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <string>

namespace server {
namespace {

// How long an info line may wait in the buffer. Tests and operators tail the log: well under a
// second, and long enough that a busy server writes one batch of many lines per system call.
constexpr std::chrono::milliseconds flush_interval{50};

// The process's one log stream (stderr) is shared by every thread that logs, so its sink is the
// one process-wide object of the logger. Made at the first line and never destroyed: a thread
// that logs while the process exits (a static's destructor, a thread not yet joined) must not
// meet a destroyed sink. At exit (main returns, or exit()) its thread is stopped and the buffer
// written, so no line is lost on a normal shutdown; lines logged after that are written at once.
LogSink& process_sink() {
  static LogSink* const sink = [] {
    auto* const made = new LogSink(STDERR_FILENO, flush_interval);
    std::atexit([] { process_sink().stop(); });
    return made;
  }();
  return *sink;
}

// "2026-11-23T05:42:00" for the current second: gmtime_r takes glibc's time-zone lock, which
// every request's access line would contend for; a thread formats a second once.
std::string_view utc_seconds(std::time_t seconds) {
  thread_local std::time_t cached_seconds = -1;
  thread_local char cached[32];
  thread_local std::size_t cached_length = 0;
  if (seconds != cached_seconds) {
    std::tm utc{};
    gmtime_r(&seconds, &utc);
    cached_length = std::strftime(cached, sizeof cached, "%Y-%m-%dT%H:%M:%S", &utc);
    cached_seconds = seconds;
  }
  return {cached, cached_length};
}

std::string format_line(std::string_view level, std::string_view message) {
  const auto now = std::chrono::system_clock::now();
  const std::time_t seconds = std::chrono::system_clock::to_time_t(now);
  const auto millis = std::chrono::duration_cast<std::chrono::milliseconds>(now.time_since_epoch()).count() % 1000;
  std::string line;
  line.reserve(48 + message.size());
  line += utc_seconds(seconds);
  char ms[8];
  std::snprintf(ms, sizeof ms, ".%03dZ ", static_cast<int>(millis));
  line += ms;
  line += level;
  line += ' ';
  line += message;
  line += '\n';
  return line;
}

}  // namespace

void log_info(std::string_view message) {
  process_sink().append(format_line("info", message));
}

// An error is written before the call returns, with every line before it: it may be the last
// thing the process says (a failed start, a crash after it).
void log_error(std::string_view message) {
  process_sink().append_and_flush(format_line("error", message));
}

}  // namespace server
