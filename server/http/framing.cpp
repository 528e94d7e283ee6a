#include "server/http/framing.hpp"

#include <algorithm>
#include <cctype>
#include <string_view>
#include <vector>

namespace server {
namespace {

std::string_view trim(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  return text;
}

// Every coding of every Transfer-Encoding field, in order, lower-cased (a field may repeat, and
// each may list several: RFC 9110 §5.3 makes them one list).
std::vector<std::string> transfer_codings(const http::request_header<>& header) {
  std::vector<std::string> out;
  for (auto it = header.find(http::field::transfer_encoding);
       it != header.end() && it->name() == http::field::transfer_encoding; ++it) {
    std::string_view rest = it->value();
    while (true) {
      const auto comma = rest.find(',');
      std::string coding(trim(rest.substr(0, comma)));
      std::transform(coding.begin(), coding.end(), coding.begin(),
                     [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
      out.push_back(std::move(coding));
      if (comma == std::string_view::npos) break;
      rest.remove_prefix(comma + 1);
    }
  }
  return out;
}

// uri-host [":" port] (RFC 3986): a reg-name or IPv4 of unreserved, sub-delims and pct-encoded
// characters, or an [IP-literal]; empty is allowed (RFC 9112 section 3.2: a target without an
// authority). Spaces, quotes, angle brackets and controls are not.
bool valid_host(std::string_view host) {
  return std::all_of(host.begin(), host.end(), [](unsigned char c) {
    return std::isalnum(c) != 0 || std::string_view("-._~%!$&'()*+,;=:[]").find(static_cast<char>(c)) != std::string_view::npos;
  });
}

}  // namespace

std::optional<FramingError> framing_error(const http::request_header<>& header) {
  if (header.count(http::field::transfer_encoding) > 0) {
    const std::vector<std::string> codings = transfer_codings(header);
    if (codings.empty() || codings.back() != "chunked") {
      return FramingError{http::status::bad_request, "bad_framing",
                          "Transfer-Encoding must end in chunked, or the body's length cannot be known "
                          "(RFC 9112 section 6.3)"};
    }
    if (codings.size() > 1) {
      return FramingError{http::status::not_implemented, "unsupported_transfer_coding",
                          "only Transfer-Encoding: chunked is understood; '" + codings.front() + "' is not"};
    }
  }
  if (header.version() >= 11 && header.count(http::field::host) != 1) {
    return FramingError{http::status::bad_request, "bad_host",
                        header.count(http::field::host) == 0
                            ? "an HTTP/1.1 request must carry a Host header (RFC 9112 section 3.2)"
                            : "an HTTP/1.1 request must carry exactly one Host header (RFC 9112 section 3.2)"};
  }
  if (const auto host = header.find(http::field::host); host != header.end() && !valid_host(host->value())) {
    // Links in answers (OGC, TileJSON) are built from it: it must be a host, not markup.
    return FramingError{http::status::bad_request, "bad_host",
                        "the Host header is not a host[:port] (RFC 9112 section 3.2, RFC 3986 section 3.2.2)"};
  }
  return std::nullopt;
}

}  // namespace server
