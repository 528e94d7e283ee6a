#include "server/http/public_url.hpp"

#include <algorithm>
#include <cctype>
#include <string_view>

namespace server {
namespace {

// Proxies append to these headers ("client-facing, next-hop"); the first entry is what the client
// used.
std::string_view first_entry(std::string_view header) {
  header = header.substr(0, header.find(','));
  const auto begin = header.find_first_not_of(" \t");
  if (begin == std::string_view::npos) return {};
  const auto end = header.find_last_not_of(" \t");
  return header.substr(begin, end - begin + 1);
}

// Host names, IPv4, bracketed IPv6 and a port: nothing that could end the authority or inject a
// path, query or markup into the links we build from it.
bool plausible_host(std::string_view host) {
  if (host.empty() || host.size() > 255) return false;
  return std::all_of(host.begin(), host.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '.' || c == '-' || c == '_' || c == ':' ||
           c == '[' || c == ']';
  });
}

std::string lower(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return std::tolower(c); });
  return out;
}

}  // namespace

std::string public_base_url(const Request& request) {
  // The forwarded headers are trusted as they come: the proxy in front overwrites them, and a
  // client that reaches us directly and forges them only changes the links in its own response.
  const std::string proto = lower(first_entry(request["X-Forwarded-Proto"]));
  const std::string_view scheme = proto == "https" ? "https" : "http";  // anything else: plain http

  std::string_view host = first_entry(request["X-Forwarded-Host"]);
  if (host.empty()) host = first_entry(request[http::field::host]);
  if (host.empty()) {
    throw HttpError(http::status::bad_request, "missing_host",
                    "a Host header is required: the links in this response are absolute URLs");
  }
  if (!plausible_host(host)) {
    throw HttpError(http::status::bad_request, "bad_host",
                    "the Host (or X-Forwarded-Host) header is not a host name with an optional port");
  }
  return std::string(scheme) + "://" + std::string(host);
}

}  // namespace server
