#pragma once
// Runs the HTTP service until SIGTERM or SIGINT: a listener on its own strand, a pool of
// `config.threads` threads on one io_context, and a graceful stop: stop accepting, let requests in
// flight finish (up to config.shutdown_grace), close idle connections, join the threads.
#include "server/app.hpp"

#include <functional>
#include <string>

namespace server {

// `on_listening` receives the bound address ("127.0.0.1:43121") once the socket accepts
// connections. Returns when the server has stopped. Throws on a bind failure.
void run_http_server(App& app, const std::function<void(const std::string&)>& on_listening);

}  // namespace server
