#pragma once
// What the network loop (http_server.hpp, session.hpp) needs to know: where to listen, how many
// threads, the limits on a request, and who answers it (part of the server's configuration).
//
// Two kinds of work share the process. Cheap requests (locate, tiles, health: microseconds to a
// few milliseconds) are answered on the I/O threads that read them. Heavy ones (overlap, batches:
// up to seconds) go to a separate pool with a bounded queue, so two slow parcels cannot stop the
// tiles; when the queue is full the client gets 503 with Retry-After at once instead of waiting
// behind work that may outlast it. A heavy request carries a deadline and a stop token that fires
// when its client disconnects, and the engine gives up between steps when either trips.
#include "server/http/http_types.hpp"

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <stop_token>
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
  std::chrono::seconds write_timeout{60};   // to send one response
  std::chrono::seconds request_deadline{30};  // from a heavy request's last header byte to its answer
  unsigned heavy_workers = 0;                 // threads for heavy requests (0: one per core)
  std::size_t heavy_queue = 16;               // heavy requests waiting for a worker; more get 503
};

// The request line and header fields together; over it a request gets 414 or 431 (session.cpp).
inline constexpr std::size_t kMaxHeaderBytes = 16 * 1024;

// The limits every request is read with: the session's parser, and the fuzz target that stands in
// for it (tests/fuzz/fuzz_request.cpp), so both refuse the same requests.
inline void limit_request_parser(http::request_parser<http::string_body>& parser, const HttpSettings& settings) {
  parser.body_limit(settings.max_body_bytes);
  parser.header_limit(kMaxHeaderBytes);
}

// What one request may spend, given to whoever answers it.
struct RequestControl {
  std::string_view request_id;  // "<connection>-<request>", as in the logs
  std::stop_token stop;         // stop requested when the client disconnects (heavy requests)
  std::chrono::steady_clock::time_point deadline = std::chrono::steady_clock::time_point::max();
};

// Who answers requests. The three functions must not throw and are called from several threads.
struct RequestHandler {
  // The response to one request.
  std::function<Response(const Request& request, const RequestControl& control)> answer;
  // Whether `answer` may take long: such requests are answered on the heavy pool.
  std::function<bool(const Request& request)> heavy;
  // The response when the heavy pool's queue is full (503 with Retry-After).
  std::function<Response(const Request& request, std::string_view request_id)> overloaded;
};

}  // namespace server
