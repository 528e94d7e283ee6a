#pragma once
// One HTTP/1.1 connection, on its own strand (Beast advanced-server style): a fresh parser per
// request with a body limit, a deadline for each read, keep-alive, and an orderly close when the
// server shuts down (an idle connection closes at once, a busy one after its response). A heavy
// request is answered on the WorkPool; meanwhile the session keeps reading the socket, so that a
// client that hangs up stops the work (its stop token) instead of leaving it to run for nobody.
#include "server/http/http_settings.hpp"
#include "server/http/http_types.hpp"
#include "server/http/work_pool.hpp"

#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>

#include <array>
#include <atomic>
#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <stop_token>
#include <string>

namespace server {

class Session : public std::enable_shared_from_this<Session> {
 public:
  // `settings` and `handler` outlive every session (run_http_server owns them).
  Session(boost::asio::ip::tcp::socket&& socket, const HttpSettings& settings, const RequestHandler& handler,
          WorkPool& heavy_pool, std::uint64_t connection_id);

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
  void answer_heavy(Request request);
  void on_heavy_answer(Response response);
  // Reads while a heavy request is being answered: bytes of a pipelined request are kept, the end
  // of the stream stops the work.
  void watch_client();
  void on_watch(boost::beast::error_code ec, std::size_t bytes);
  void respond(Response response);
  void on_write(bool close, boost::beast::error_code ec, std::size_t bytes);
  void log_access(unsigned status, std::size_t bytes_sent, std::string_view outcome) const;
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
  WorkPool& heavy_pool_;
  std::uint64_t request_count_ = 0;
  bool busy_ = false;          // a request has been read and not yet answered
  bool closing_ = false;       // shutdown requested: close after the current response
  bool heavy_running_ = false;  // a heavy request is on the pool
  bool watching_ = false;       // watch_client's read is pending
  bool read_after_watch_ = false;  // do_read waits for that read to end first
  bool client_gone_ = false;    // the client closed while its heavy request ran
  std::stop_source heavy_stop_;
  std::chrono::steady_clock::time_point request_started_;
  std::string method_;  // of the request being answered, for the access log
  std::string target_;
  std::array<char, 16384> linger_buffer_{};
};

}  // namespace server
