#pragma once
// Operator routes, behind the bearer token of --admin-token-file:
//   POST /admin/reload[?wait=1]   rebuild the snapshot from the store and swap it in;
//   GET /admin/reload             how reloads went, with the whole reason of the last failure.
#include "server/admin/reload_queue.hpp"
#include "server/http/request_context.hpp"

#include <string_view>

namespace server {

// `admin_token`: the bearer token that must be presented; empty: the route is disabled (403).
Response handle_reload(const RequestContext& context, const ReloadQueue& reloads, std::string_view admin_token);
// /healthz's "reload" record with each failure's "detail" (store name, first problem, redacted).
Response handle_reload_record(const RequestContext& context, const ReloadQueue& reloads, std::string_view admin_token);

}  // namespace server
