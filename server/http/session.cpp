#include "server/http/session.hpp"

#include "server/http/framing.hpp"
#include "server/http/json_response.hpp"
#include "server/http/log.hpp"

#include <boost/asio/dispatch.hpp>
#include <boost/asio/post.hpp>

#include <string>

namespace server {

namespace beast = boost::beast;
namespace net = boost::asio;

Session::Session(net::ip::tcp::socket&& socket, const HttpSettings& settings, const RequestHandler& handler,
                 std::uint64_t connection_id)
    : stream_(std::move(socket)), settings_(settings), handler_(handler), connection_id_(connection_id) {}

void Session::start() {
  // The socket's executor is this connection's strand; everything below runs on it.
  net::dispatch(stream_.get_executor(), beast::bind_front_handler(&Session::do_read, shared_from_this()));
}

void Session::shutdown() {
  net::post(stream_.get_executor(), beast::bind_front_handler(&Session::on_shutdown, shared_from_this()));
}

void Session::on_shutdown() {
  closing_ = true;
  if (!busy_) {
    // Waiting for (or partway through) a request nobody will answer now: drop the connection.
    beast::error_code ignored;
    stream_.socket().shutdown(net::ip::tcp::socket::shutdown_both, ignored);
    stream_.socket().close(ignored);
  }
}

std::string Session::request_id() const {
  return std::to_string(connection_id_) + "-" + std::to_string(request_count_);
}

Response Session::unreadable(Request request, beast::error_code ec) const {
  // The rest of the stream cannot be trusted to hold request boundaries: close after answering.
  request.keep_alive(false);
  if (ec == http::error::body_limit) {
    return json_error(request, http::status::payload_too_large, "payload_too_large",
                      "request body exceeds " + std::to_string(settings_.max_body_bytes) + " bytes");
  }
  if (ec == http::error::header_limit) {
    // Beast takes the request line as soon as it is whole: no target yet means the request line
    // alone is over the limit, which is the target's fault (RFC 9110 section 15.5.15, 414).
    if (!parser_ || parser_->get().target().empty()) {
      return json_error(request, http::status::uri_too_long, "uri_too_long",
                        "the request line is longer than " + std::to_string(kMaxHeaderBytes) + " bytes");
    }
    return json_error(request, http::status::request_header_fields_too_large, "header_too_large",
                      "the request header is larger than " + std::to_string(kMaxHeaderBytes) + " bytes");
  }
  return json_error(request, http::status::bad_request, "bad_request", "malformed HTTP request: " + ec.message());
}

void Session::do_read() {
  if (closing_) return do_close();
  parser_.emplace();  // a fresh parser per request: no state leaks between requests
  limit_request_parser(*parser_, settings_);
  if (buffer_.size() > 0) return read_header();  // a pipelined request has begun already
  // Waiting for a request may take the idle timeout; once its first bytes are in, all of it must
  // arrive within the read timeout, so a client trickling a header byte by byte cannot hold the
  // connection open (slowloris).
  stream_.expires_after(settings_.idle_timeout);
  stream_.async_read_some(buffer_.prepare(kFirstRead),
                          beast::bind_front_handler(&Session::on_first_bytes, shared_from_this()));
}

void Session::on_first_bytes(beast::error_code ec, std::size_t bytes) {
  if (ec) return do_close();  // closed, reset, timed out or shut down while idle: nothing to answer
  buffer_.commit(bytes);
  read_header();
}

void Session::read_header() {
  stream_.expires_after(settings_.read_timeout);  // for the header and the body together
  http::async_read_header(stream_, buffer_, *parser_,
                          beast::bind_front_handler(&Session::on_header, shared_from_this()));
}

void Session::on_header(beast::error_code ec, std::size_t /*bytes*/) {
  if (ec == http::error::end_of_stream || ec == beast::error::timeout || ec == net::error::operation_aborted ||
      ec == net::error::bad_descriptor || ec == net::error::connection_reset) {
    return do_close();
  }
  request_started_ = std::chrono::steady_clock::now();
  ++request_count_;
  if (ec) {
    // Includes a Content-Length over the limit, refused from the header before any body is read.
    busy_ = true;
    Request bare;
    bare.version(11);
    return respond(unreadable(std::move(bare), ec));
  }
  if (const auto refusal = framing_error(parser_->get())) {
    // Its body's length cannot be trusted: answer, and close before reading another byte of it.
    busy_ = true;
    Request bare;
    bare.version(11);
    bare.keep_alive(false);
    return respond(json_error(bare, refusal->status, refusal->error, refusal->detail));
  }
  http::async_read(stream_, buffer_, *parser_, beast::bind_front_handler(&Session::on_body, shared_from_this()));
}

void Session::on_body(beast::error_code ec, std::size_t /*bytes*/) {
  if (ec == beast::error::timeout || ec == net::error::operation_aborted || ec == http::error::end_of_stream ||
      ec == net::error::connection_reset) {
    return do_close();
  }
  busy_ = true;
  Request request = parser_->release();
  if (ec) return respond(unreadable(std::move(request), ec));
  const std::string id = request_id();
  Response response = handler_(request, id);
  const auto micros =
      std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::steady_clock::now() - request_started_)
          .count();
  log_info("access id=" + id + " method=" + std::string(request.method_string()) +
           " target=" + std::string(request.target()) + " status=" + std::to_string(response.result_int()) +
           " bytes=" + std::to_string(response.body().size()) + " us=" + std::to_string(micros));
  respond(std::move(response));
}

void Session::respond(Response response) {
  response_ = std::move(response);
  if (closing_) response_.keep_alive(false);
  const bool close = !response_.keep_alive();
  http::async_write(stream_, response_, beast::bind_front_handler(&Session::on_write, shared_from_this(), close));
}

void Session::on_write(bool close, beast::error_code ec, std::size_t /*bytes*/) {
  busy_ = false;
  if (ec || close || closing_) return do_close();
  response_ = {};
  do_read();
}

void Session::do_close() {
  beast::error_code ignored;
  stream_.socket().shutdown(net::ip::tcp::socket::shutdown_send, ignored);
  // Lingering close: a client still sending (a body we refused with 413, say) would get a reset
  // from a closed socket, and a reset discards the response it has not read yet. Read and drop
  // what it sends until it closes too, for two seconds at most.
  stream_.expires_after(std::chrono::seconds(2));
  do_linger();
}

void Session::do_linger() {
  stream_.async_read_some(net::buffer(linger_buffer_), [self = shared_from_this()](beast::error_code ec, std::size_t) {
    if (!ec) return self->do_linger();
    beast::error_code ignored;
    self->stream_.socket().close(ignored);
  });
}

}  // namespace server
