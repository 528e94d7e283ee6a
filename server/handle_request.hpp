#pragma once
// The whole HTTP application as one function of (App, Request): tests call it without sockets.
#include "server/app.hpp"
#include "server/http/http_settings.hpp"
#include "server/http/http_types.hpp"

#include <string_view>

namespace server {

// Never throws: every failure becomes a JSON error response here (see error_response.hpp).
// `control` names the request in log lines and bounds its heavy work (deadline, client hang-up).
Response handle_request(const App& app, const Request& request, const RequestControl& control);
// No deadline, never cancelled (tests).
Response handle_request(const App& app, const Request& request, std::string_view request_id = "-");

// Whether the request goes to a Cost::Heavy route (answered on the heavy pool).
[[nodiscard]] bool is_heavy(const App& app, const Request& request);
// 503 with Retry-After: the heavy pool's queue is full. Counted like any answer and as a limit.
Response overloaded_response(const App& app, const Request& request, std::string_view request_id);

// The RequestHandler the network loop calls: the three functions above, bound to `app`.
[[nodiscard]] RequestHandler request_handler(const App& app);

}  // namespace server
