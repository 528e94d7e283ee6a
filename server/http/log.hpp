#pragma once
// Log lines on stderr: "2026-11-23T05:42:00.123Z level message". Lines are buffered and written
// by a background thread (server/http/log_sink.hpp) in batches of whole lines, so lines from
// different threads never interleave and the request path makes no system call for its access
// line. An info line reaches stderr within 50 ms; an error line, and every line before it,
// before log_error returns; everything buffered at exit. A process killed by a signal it does
// not handle (SIGKILL) loses at most its last 50 ms of info lines.
#include <string_view>

namespace server {

void log_info(std::string_view message);
void log_error(std::string_view message);

}  // namespace server
