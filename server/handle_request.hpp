#pragma once
// The whole HTTP application as one function of (App, Request): tests call it without sockets.
#include "server/app.hpp"
#include "server/http/http_types.hpp"

#include <string_view>

namespace server {

// Never throws: every failure becomes a JSON error response here (see error_response.hpp).
// `request_id` tags log lines about this request.
Response handle_request(const App& app, const Request& request, std::string_view request_id = "-");

}  // namespace server
