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
                 WorkPool& heavy_pool, std::uint64_t connection_id)
    : stream_(std::move(socket)),
      settings_(settings),
      handler_(handler),
      connection_id_(connection_id),
      heavy_pool_(heavy_pool) {}

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
  if (watching_) {
    // The read that watched a heavy request is still being cancelled: one read at a time.
    read_after_watch_ = true;
    return;
  }
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
  method_ = std::string(parser_->get().method_string());
  target_ = std::string(parser_->get().target());
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
  if (handler_.heavy(request)) return answer_heavy(std::move(request));
  const std::string id = request_id();
  respond(handler_.answer(request, RequestControl{id, {}, request_started_ + settings_.request_deadline}));
}

void Session::answer_heavy(Request request) {
  heavy_stop_ = std::stop_source();
  client_gone_ = false;
  // The job owns the request and a reference to this session; its answer comes back to this
  // connection's strand, where every other member is touched.
  const auto shared_request = std::make_shared<const Request>(std::move(request));
  auto job = [self = shared_from_this(), request = shared_request, id = request_id(), stop = heavy_stop_,
              deadline = request_started_ + settings_.request_deadline, strand = stream_.get_executor()]() mutable {
    // A server stopping stops the work too (its grace period is shorter than a deadline).
    const std::stop_callback on_server_stop(self->heavy_pool_.stopping(), [&stop] { stop.request_stop(); });
    Response response = self->handler_.answer(*request, RequestControl{id, stop.get_token(), deadline});
    net::post(strand, [self, response = std::move(response)]() mutable {
      self->on_heavy_answer(std::move(response));
    });
  };
  if (!heavy_pool_.try_submit(std::move(job))) return respond(handler_.overloaded(*shared_request, request_id()));
  heavy_running_ = true;
  watch_client();
}

void Session::watch_client() {
  // No timeout while the work runs (it has its own deadline); bytes past the header limit are
  // not read until the answer is out, as for any pipelined request.
  stream_.expires_never();
  if (buffer_.size() >= kMaxHeaderBytes) return;
  watching_ = true;
  stream_.async_read_some(buffer_.prepare(kFirstRead), beast::bind_front_handler(&Session::on_watch, shared_from_this()));
}

void Session::on_watch(beast::error_code ec, std::size_t bytes) {
  watching_ = false;
  if (!ec) {
    buffer_.commit(bytes);
    if (heavy_running_) return watch_client();
  } else if (ec != net::error::operation_aborted && heavy_running_) {
    // End of stream or reset: nobody will read the answer. Stop the work; on_heavy_answer closes.
    client_gone_ = true;
    heavy_stop_.request_stop();
  }
  if (read_after_watch_) {
    read_after_watch_ = false;
    do_read();
  }
}

void Session::on_heavy_answer(Response response) {
  heavy_running_ = false;
  if (client_gone_) {
    log_access(499, 0, "client closed the connection");  // nginx's status for it
    return do_close();
  }
  if (watching_) {
    beast::error_code ignored;
    stream_.socket().cancel(ignored);  // on_watch sees operation_aborted
  }
  respond(std::move(response));
}

void Session::respond(Response response) {
  response_ = std::move(response);
  if (closing_) response_.keep_alive(false);
  const bool close = !response_.keep_alive();
  // A client that does not read its answer must not hold the connection (and the answer's memory).
  stream_.expires_after(settings_.write_timeout);
  http::async_write(stream_, response_, beast::bind_front_handler(&Session::on_write, shared_from_this(), close));
}

void Session::on_write(bool close, beast::error_code ec, std::size_t bytes) {
  busy_ = false;
  // Logged once the answer is out, with what was sent: a write cut short says so.
  log_access(response_.result_int(), bytes, ec ? ec.message() : std::string_view());
  if (ec || close || closing_) return do_close();
  response_ = {};
  do_read();
}

void Session::log_access(unsigned status, std::size_t bytes_sent, std::string_view outcome) const {
  const auto micros =
      std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::steady_clock::now() - request_started_)
          .count();
  std::string line;
  line.reserve(96 + target_.size());
  line += "access id=";
  line += request_id();
  line += " method=";
  line += method_;
  line += " target=";
  line += target_;
  line += " status=";
  line += std::to_string(status);
  line += " bytes=";
  line += std::to_string(bytes_sent);
  line += " us=";
  line += std::to_string(micros);
  if (!outcome.empty()) {
    line += " error=\"";
    line += outcome;
    line += '"';
  }
  log_info(line);
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
