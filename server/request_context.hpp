#pragma once
// What a route handler gets: the app, the request, its parsed query and path arguments, and the
// one snapshot the whole request is answered from (a reload mid-request does not mix data).
#include "layers/snapshot.hpp"
#include "server/app.hpp"
#include "server/http_types.hpp"
#include "server/url.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace server {

struct RequestContext {
  const App& app;
  const Request& request;
  const layers::Snapshot& snapshot;
  QueryParams params;
  std::vector<std::string> args;  // the pattern's {captures}, in order, percent-decoded
  std::string_view request_id;
};

using Handler = Response (*)(const RequestContext&);

}  // namespace server
