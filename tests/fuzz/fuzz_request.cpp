// libFuzzer target: the input is the bytes a client sends on one connection. They are read as the
// session reads them (server/http/session.cpp): Beast's request parser with the session's limits,
// the header first and the framing checks on it, then the body; each request read whole goes to
// server::handle_request on a sample App, and up to four pipelined requests are answered while the
// answers keep the connection alive. Covers the HTTP parser's settings, targets and query
// strings, the router, every route with its parameters and bodies (GeoJSON and CSV batches,
// overlap parcels), tiles, OGC API – Features and the error mapping.
#include "fuzz_check.hpp"
#include "server/handle_request.hpp"
#include "server/http/framing.hpp"
#include "server/http/http_settings.hpp"
#include "support/sample_app.hpp"

#include <boost/asio/buffer.hpp>

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace {

namespace http = server::http;

// Feeds `input` to the parser until it has the header (or, until_done, the whole message), fails,
// or wants more than the input holds; removes what it consumed. False when the parser failed.
bool feed(http::request_parser<http::string_body>& parser, std::string_view& input, bool until_done) {
  const auto finished = [&] { return until_done ? parser.is_done() : parser.is_header_done(); };
  boost::beast::error_code ec;
  while (!finished() && !input.empty()) {
    const std::size_t used = parser.put(boost::asio::buffer(input.data(), input.size()), ec);
    input.remove_prefix(used);
    if (ec == http::error::need_more) {
      ec = {};
      if (used == 0) break;  // the rest of the element is not in the input
    } else if (ec) {
      return false;
    }
  }
  // The client closed the connection: a body delimited by the end of the stream ends here.
  if (until_done && !parser.is_done() && parser.is_header_done() && input.empty()) {
    parser.put_eof(ec);
    return !ec;
  }
  return true;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const server::App app = test_support::sample_app();
  std::string_view input(reinterpret_cast<const char*>(data), size);
  for (int requests = 0; requests < 4 && !input.empty(); ++requests) {
    http::request_parser<http::string_body> parser;
    server::limit_request_parser(parser, app.config.http);
    if (!feed(parser, input, false) || !parser.is_header_done()) return 0;  // the session answers 4xx, closes
    if (server::framing_error(parser.get())) return 0;                      // answered and closed before the body
    parser.eager(true);
    if (!feed(parser, input, true) || !parser.is_done()) return 0;
    const server::Request request = parser.release();
    const server::Response response = server::handle_request(app, request, "fuzz");
    fuzz::check_response(request, response);
    if (!response.keep_alive()) return 0;
  }
  return 0;
}
