#include "server/http/http_server.hpp"

#include "server/http/log.hpp"
#include "server/http/session.hpp"

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/beast/core.hpp>

#include <chrono>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

namespace server {

namespace beast = boost::beast;
namespace net = boost::asio;
using tcp = net::ip::tcp;

namespace {

// Live sessions, so shutdown can reach them. Owned by one server run; guarded because sessions are
// accepted on the listener's strand while shutdown runs on the signal handler's.
class SessionRegistry {
 public:
  void add(const std::shared_ptr<Session>& session) {
    const std::lock_guard lock(mutex_);
    std::erase_if(sessions_, [](const auto& weak) { return weak.expired(); });
    sessions_.push_back(session);
  }
  void shutdown_all() {
    const std::lock_guard lock(mutex_);
    for (const auto& weak : sessions_) {
      if (auto session = weak.lock()) session->shutdown();
    }
  }
  [[nodiscard]] bool empty() { return live() == 0; }
  [[nodiscard]] std::size_t live() {
    const std::lock_guard lock(mutex_);
    std::erase_if(sessions_, [](const auto& weak) { return weak.expired(); });
    return sessions_.size();
  }

 private:
  std::mutex mutex_;
  std::vector<std::weak_ptr<Session>> sessions_;
};

class Listener : public std::enable_shared_from_this<Listener> {
 public:
  Listener(net::io_context& context, tcp::endpoint endpoint, const HttpSettings& settings,
           const RequestHandler& handler, WorkPool& heavy_pool, SessionRegistry& registry)
      : context_(context),
        acceptor_(net::make_strand(context)),
        backoff_(acceptor_.get_executor()),
        settings_(settings),
        handler_(handler),
        heavy_pool_(heavy_pool),
        registry_(registry) {
    acceptor_.open(endpoint.protocol());
    acceptor_.set_option(net::socket_base::reuse_address(true));
    acceptor_.bind(endpoint);
    acceptor_.listen(net::socket_base::max_listen_connections);
  }

  [[nodiscard]] tcp::endpoint local_endpoint() const { return acceptor_.local_endpoint(); }

  void start() { do_accept(); }

  void stop() {
    net::post(acceptor_.get_executor(), [self = shared_from_this()] {
      beast::error_code ignored;
      self->acceptor_.close(ignored);
    });
  }

 private:
  void do_accept() {
    // Each connection gets its own strand: its handlers never run concurrently.
    acceptor_.async_accept(net::make_strand(context_),
                           beast::bind_front_handler(&Listener::on_accept, shared_from_this()));
  }

  void on_accept(beast::error_code ec, tcp::socket socket) {
    if (ec == net::error::operation_aborted || !acceptor_.is_open()) return;
    if (ec) {
      // Out of descriptors (EMFILE) or memory: accepting again at once would spin on the same
      // error. Wait, and say so once a second at most, however often it happens.
      warn("accept failed: " + ec.message() + "; retrying in 100 ms");
      backoff_.expires_after(std::chrono::milliseconds(100));
      backoff_.async_wait([self = shared_from_this()](beast::error_code wait_ec) {
        if (!wait_ec) self->do_accept();
      });
      return;
    }
    if (registry_.live() >= settings_.max_connections) {
      // Over the cap: closed at once, before any byte of it is read (the client sees a reset or
      // EOF and may retry); the connections already open keep being served.
      warn("connection refused: " + std::to_string(settings_.max_connections) + " open (--max-connections)");
      beast::error_code ignored;
      socket.close(ignored);
    } else {
      auto session = std::make_shared<Session>(std::move(socket), settings_, handler_, heavy_pool_, ++connections_);
      registry_.add(session);
      session->start();
    }
    do_accept();
  }

  // One log line per second at most; the ones left out are counted in the next.
  void warn(const std::string& message) {
    const auto now = std::chrono::steady_clock::now();
    if (now - last_warning_ < std::chrono::seconds(1)) {
      ++suppressed_;
      return;
    }
    log_error(message + (suppressed_ == 0 ? "" : " (" + std::to_string(suppressed_) + " similar lines left out)"));
    suppressed_ = 0;
    last_warning_ = now;
  }

  net::io_context& context_;
  tcp::acceptor acceptor_;
  net::steady_timer backoff_;
  std::chrono::steady_clock::time_point last_warning_{};
  std::uint64_t suppressed_ = 0;
  const HttpSettings& settings_;
  const RequestHandler& handler_;
  WorkPool& heavy_pool_;
  SessionRegistry& registry_;
  std::uint64_t connections_ = 0;
};

}  // namespace

void run_http_server(const HttpSettings& settings, const RequestHandler& handler,
                     const std::function<void(const std::string&)>& on_listening) {
  const unsigned threads = std::max(1U, settings.threads);
  net::io_context context(static_cast<int>(threads));
  SessionRegistry registry;
  // Declared after the context: destroyed (its workers joined) first, so a job's last post to a
  // strand finds the context alive.
  WorkPool heavy_pool(settings.heavy_workers == 0 ? threads : settings.heavy_workers, settings.heavy_queue);

  const tcp::endpoint endpoint(net::ip::make_address(settings.host), settings.port);
  auto listener = std::make_shared<Listener>(context, endpoint, settings, handler, heavy_pool, registry);
  listener->start();
  const tcp::endpoint bound = listener->local_endpoint();
  on_listening(bound.address().to_string() + ":" + std::to_string(bound.port()));

  net::signal_set signals(context, SIGINT, SIGTERM);
  net::steady_timer grace(context);
  net::steady_timer drain_poll(context);
  std::function<void()> wait_for_drain = [&] {
    drain_poll.expires_after(std::chrono::milliseconds(20));
    drain_poll.async_wait([&](const beast::error_code& ec) {
      if (ec) return;
      if (registry.empty()) {
        grace.cancel();  // every connection is closed: nothing left to wait for
      } else {
        wait_for_drain();
      }
    });
  };
  signals.async_wait([&](const beast::error_code& ec, int signal) {
    if (ec) return;
    log_info(std::string("received ") + (signal == SIGTERM ? "SIGTERM" : "SIGINT") + ": stopping");
    listener->stop();
    registry.shutdown_all();
    // Requests in flight finish on their own; a client that never reads its response must not
    // hold the process hostage.
    grace.expires_after(settings.shutdown_grace);
    grace.async_wait([&](const beast::error_code& timer_ec) {
      if (!timer_ec) {
        log_error("shutdown grace period over: dropping remaining connections");
        context.stop();
      }
      drain_poll.cancel();
    });
    wait_for_drain();
  });

  // An exception escaping a handler (Beast's parser throws std::length_error for a chunk trailer
  // field over 64 KiB, before the session sees anything) unwinds that connection's operation,
  // which drops the connection; the thread goes back to serving the others (Asio allows run()
  // to be called again after an exception).
  const auto serve = [&context] {
    while (true) {
      try {
        context.run();
        return;
      } catch (const std::exception& e) {
        log_error(std::string("a connection was dropped: ") + e.what());
      }
    }
  };
  std::vector<std::jthread> pool;
  pool.reserve(threads - 1);
  for (unsigned i = 1; i < threads; ++i) pool.emplace_back(serve);
  serve();
  for (auto& t : pool) t.join();
}

}  // namespace server
