#include "server/http/validators.hpp"

#include <cstdint>
#include <cstdio>

namespace server {

std::string content_hash(std::string_view bytes) {
  std::uint64_t hash = 1469598103934665603ULL;  // FNV-1a: stable across instances and restarts
  for (const unsigned char c : bytes) hash = (hash ^ c) * 1099511628211ULL;
  char text[24];
  std::snprintf(text, sizeof text, "%016llx", static_cast<unsigned long long>(hash));
  return text;
}

bool matches_if_none_match(const Request& request, std::string_view etag) {
  const std::string_view header = request[http::field::if_none_match];
  if (header.empty()) return false;
  if (header.find('*') != std::string_view::npos && header.find('"') == std::string_view::npos) return true;
  std::size_t quote = header.find('"');
  while (quote != std::string_view::npos) {
    const std::size_t close = header.find('"', quote + 1);
    if (close == std::string_view::npos) return false;
    if (header.substr(quote, close - quote + 1) == etag) return true;
    quote = header.find('"', close + 1);
  }
  return false;
}

}  // namespace server
