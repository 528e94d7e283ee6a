#pragma once
// What the network loop (http_server.hpp, session.hpp) needs to know: where to listen, how many
// threads, the limits on a request, and who answers it (part of the server's configuration).
#include "server/http/http_types.hpp"

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>

namespace server {

struct HttpSettings {
  std::string host = "127.0.0.1";
  std::uint16_t port = 8080;  // 0: any free port (the bound one is logged)
  unsigned threads = 0;       // 0: one per core
  std::size_t max_body_bytes = 8U << 20U;
  std::size_t max_connections = 4096;       // open connections; more are closed on accept
  std::chrono::seconds read_timeout{15};    // to receive one whole request, from its first byte
  std::chrono::seconds idle_timeout{60};    // between requests on a keep-alive connection
  std::chrono::seconds shutdown_grace{10};  // in-flight requests get this long after SIGTERM
};

// The request line and header fields together; over it a request gets 414 or 431 (session.cpp).
inline constexpr std::size_t kMaxHeaderBytes = 16 * 1024;

// The limits every request is read with: the session's parser, and the fuzz target that stands in
// for it (tests/fuzz/fuzz_request.cpp), so both refuse the same requests.
inline void limit_request_parser(http::request_parser<http::string_body>& parser, const HttpSettings& settings) {
  parser.body_limit(settings.max_body_bytes);
  parser.header_limit(kMaxHeaderBytes);
}

// Answers one request; `request_id` names it in logs ("<connection>-<request>"). Must not throw.
using RequestHandler = std::function<Response(const Request& request, std::string_view request_id)>;

}  // namespace server
