#include "server/handle_request.hpp"

#include "server/error_response.hpp"
#include "server/http/json_response.hpp"
#include "server/web/static_files.hpp"

#include <algorithm>
#include <chrono>
#include <string>

namespace server {
namespace {

// The methods a path accepts; HEAD wherever GET is (handle_request answers it from the GET route).
std::string allow_header(const std::vector<http::verb>& verbs) {
  std::string out;
  for (const auto verb : verbs) {
    if (!out.empty()) out += ", ";
    out += std::string(http::to_string(verb));
    if (verb == http::verb::get && std::find(verbs.begin(), verbs.end(), http::verb::head) == verbs.end()) {
      out += ", HEAD";
    }
  }
  return out;
}

// A browser asking whether a cross-origin request may follow (CORS preflight).
Response cors_preflight(const App& app, const Request& request, const std::vector<http::verb>& allowed) {
  Response response(http::status::no_content, request.version());
  response.set(http::field::access_control_allow_methods, allow_header(allowed));
  response.set(http::field::access_control_allow_headers, "Content-Type, Accept");
  response.set(http::field::access_control_max_age, "86400");
  response.set(http::field::access_control_allow_origin, app.config.cors_origin);
  response.keep_alive(request.keep_alive());
  response.prepare_payload();
  return response;
}

}  // namespace

Response handle_request(const App& app, const Request& request, std::string_view request_id) {
  RequestControl control;  // no deadline, never stopped
  control.request_id = request_id;
  return handle_request(app, request, control);
}

bool is_heavy(const App& app, const Request& request) {
  if (!app.router.has_heavy(request.method())) return false;
  const Router::Match match = app.router.match(request.method(), split_target(request.target()).path);
  return match.route != nullptr && match.route->cost == Cost::Heavy;
}

Response overloaded_response(const App& app, const Request& request, std::string_view /*request_id*/) {
  const auto start = std::chrono::steady_clock::now();
  const Router::Match match = app.router.match(request.method(), split_target(request.target()).path);
  Response response = json_error(request, http::status::service_unavailable, "overloaded",
                                 "every worker for heavy requests is busy and " +
                                     std::to_string(app.config.http.heavy_queue) +
                                     " more wait (--heavy-queue); retry after the seconds in Retry-After");
  response.set(http::field::retry_after, "2");
  app.metrics.record_limit(Limit::HeavyQueue);
  app.metrics.record(match.route != nullptr ? match.route->name_index : app.metrics.unmatched(),
                     response.result_int(),
                     std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::steady_clock::now() - start));
  return response;
}

RequestHandler request_handler(const App& app) {
  return RequestHandler{
      [&app](const Request& request, const RequestControl& control) { return handle_request(app, request, control); },
      [&app](const Request& request) { return is_heavy(app, request); },
      [&app](const Request& request, std::string_view id) { return overloaded_response(app, request, id); }};
}

Response handle_request(const App& app, const Request& request, const RequestControl& control) {
  const std::string_view request_id = control.request_id;
  const auto start = std::chrono::steady_clock::now();
  const Router& router = app.router;
  const Target target = split_target(request.target());
  Router::Match match;
  std::size_t series = app.metrics.unmatched();
  // HEAD is GET without the body (RFC 9110 section 9.3.2): answered by the GET route, and the body
  // dropped below with its Content-Length kept.
  const bool head = request.method() == http::verb::head;
  Response response = [&] {
    try {
      if (request.method() == http::verb::unknown) {
        throw HttpError(http::status::not_implemented, "method_not_implemented",
                        "the method '" + std::string(request.method_string()) + "' is not implemented here");
      }
      match = router.match(head ? http::verb::get : request.method(), target.path);
      if (match.route == nullptr && request.method() == http::verb::options && !match.allowed.empty() &&
          !app.config.cors_origin.empty()) {
        return cors_preflight(app, request, match.allowed);
      }
      if (match.route == nullptr && match.allowed.empty()) {
        // No route has this path: a file of the web client, if there is one.
        if (auto file = serve_static(app.web, request, target.path)) {
          series = app.static_series;
          return std::move(*file);
        }
      }
      if (match.route == nullptr) {
        if (!match.allowed.empty()) {
          throw HttpError(http::status::method_not_allowed, "method_not_allowed",
                          std::string(request.method_string()) + " is not allowed on " + std::string(target.path) +
                              "; use " + allow_header(match.allowed));
        }
        throw HttpError(http::status::not_found, "not_found", "no route for " + std::string(target.path));
      }
      series = match.route->name_index;
      // One snapshot for the whole request, held until the response is built.
      const layers::SnapshotPtr snapshot = app.snapshot.load();
      const layers::query::Budget budget(control.stop, control.deadline);
      const RequestContext context{request,    *snapshot,          QueryParams(target.query), std::move(match.args),
                                   request_id, app.config.limits, budget};
      return match.route->handler(context);
    } catch (...) {
      const std::exception_ptr error = std::current_exception();
      if (const auto limit = exceeded_limit(error)) app.metrics.record_limit(*limit);
      return error_response(request, error, request_id);
    }
  }();
  if (head && match.route != nullptr) {
    const std::size_t size = response.body().size();
    response.body().clear();
    response.content_length(size);
  }
  if (response.result() == http::status::method_not_allowed && !match.allowed.empty()) {
    response.set(http::field::allow, allow_header(match.allowed));
  }
  if (!app.config.cors_origin.empty()) {
    response.set(http::field::access_control_allow_origin, app.config.cors_origin);
    response.set(http::field::vary, "Origin");
  }
  app.metrics.record(series, response.result_int(),
                     std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::steady_clock::now() - start));
  return response;
}

}  // namespace server
