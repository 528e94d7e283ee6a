#pragma once
// Log lines on stderr: "2026-11-23T05:42:00.123Z level message". Each line is one write, so lines
// from different threads never interleave.
#include <string_view>

namespace server {

void log_info(std::string_view message);
void log_error(std::string_view message);

}  // namespace server
