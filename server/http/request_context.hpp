#pragma once
// What a route handler gets: the request, its parsed query and path arguments, and the one
// snapshot the whole request is answered from (a reload mid-request does not mix data). What else
// a handler reads (a cache, the reload queue) it is given when its route is bound (routes.cpp), so
// a room depends on nothing above it.
#include "layers/query/budget.hpp"
#include "layers/serving/served_snapshot.hpp"
#include "server/http/http_types.hpp"
#include "server/http/request_limits.hpp"
#include "server/http/url.hpp"

#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace server {

struct RequestContext {
  const Request& request;
  const layers::ServedSnapshot& snapshot;
  QueryParams params;
  std::vector<std::string> args;  // the pattern's {captures}, in order, percent-decoded
  std::string_view request_id;
  const RequestLimits& limits;  // the configured limits (--max-json-depth, ...)
  // The request's deadline and its client's hang-up, for the engine's long loops to check.
  const layers::query::Budget& budget;
};

using Handler = std::function<Response(const RequestContext&)>;

}  // namespace server
