#pragma once
// Runs the HTTP service until SIGTERM or SIGINT: a listener on its own strand, a pool of
// `settings.threads` threads on one io_context, and a graceful stop: stop accepting, let requests
// in flight finish (up to settings.shutdown_grace), close idle connections, join the threads.
// What a request is answered with is the handler's business: this is the network loop only.
#include "server/http/http_settings.hpp"

#include <functional>
#include <string>

namespace server {

// `on_listening` receives the bound address ("127.0.0.1:43121") once the socket accepts
// connections. Returns when the server has stopped. Throws on a bind failure.
void run_http_server(const HttpSettings& settings, const RequestHandler& handler,
                     const std::function<void(const std::string&)>& on_listening);

}  // namespace server
