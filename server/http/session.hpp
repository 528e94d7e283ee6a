#pragma once
// One HTTP/1.1 connection, on its own strand (Beast advanced-server style): a fresh parser per
// request with a body limit, a deadline for each read, keep-alive, and an orderly close when the
// server shuts down (an idle connection closes at once, a busy one after its response).
#include "server/http/http_types.hpp"
#include "server/http/http_settings.hpp"

#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>

#include <array>
#include <atomic>
#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>

namespace server {

class Session : public std::enable_shared_from_this<Session> {
 public:
  // `settings` and `handler` outlive every session (run_http_server owns them).
  Session(boost::asio::ip::tcp::socket&& socket, const HttpSettings& settings, const RequestHandler& handler,
          std::uint64_t connection_id);

  void start();
  // Thread-safe: asks the session to close as soon as it holds no request.
  void shutdown();

 private:
  void do_read();
  void on_first_bytes(boost::beast::error_code ec, std::size_t bytes);
  void read_header();
  void on_header(boost::beast::error_code ec, std::size_t bytes);
  void on_body(boost::beast::error_code ec, std::size_t bytes);
  // 413 for a body over the limit, 414/431 for a request line/header over it, 400 for anything
  // else the parser refused.
  [[nodiscard]] Response unreadable(Request request, boost::beast::error_code ec) const;
  void respond(Response response);
  void on_write(bool close, boost::beast::error_code ec, std::size_t bytes);
  void do_close();
  void do_linger();
  void on_shutdown();
  [[nodiscard]] std::string request_id() const;

  static constexpr std::size_t kFirstRead = 4096;

  boost::beast::tcp_stream stream_;
  boost::beast::flat_buffer buffer_;
  std::optional<http::request_parser<http::string_body>> parser_;
  Response response_;
  const HttpSettings& settings_;
  const RequestHandler& handler_;
  const std::uint64_t connection_id_;
  std::uint64_t request_count_ = 0;
  bool busy_ = false;     // a request has been read and not yet answered
  bool closing_ = false;  // shutdown requested: close after the current response
  std::chrono::steady_clock::time_point request_started_;
  std::array<char, 16384> linger_buffer_{};
};

}  // namespace server
