#include "server/handle_request.hpp"

#include "server/error_response.hpp"
#include "server/json_response.hpp"

#include <nlohmann/json.hpp>

#include <chrono>
#include <string>

namespace server {
namespace {

std::string_view path_of(std::string_view target) {
  const auto query = target.find('?');
  return query == std::string_view::npos ? target : target.substr(0, query);
}

void require_get(const Request& request) {
  if (request.method() != http::verb::get) {
    throw HttpError(http::status::method_not_allowed, "method_not_allowed",
                    std::string(request.method_string()) + " is not allowed here; use GET");
  }
}

Response healthz(const App& app, const Request& request) {
  require_get(request);
  const layers::SnapshotPtr snapshot = app.snapshot.load();
  const auto age = std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now() -
                                                                     snapshot->created_at());
  const auto uptime = std::chrono::duration_cast<std::chrono::seconds>(std::chrono::steady_clock::now() - app.started);
  return json_response(request, http::status::ok,
                       {{"status", "ok"},
                        {"layers", snapshot->layers().size()},
                        {"features", snapshot->feature_count()},
                        {"snapshot_version", snapshot->version()},
                        {"snapshot_age_s", age.count()},
                        {"uptime_s", uptime.count()}});
}

Response route(const App& app, const Request& request) {
  const std::string_view path = path_of(request.target());
  if (path == "/healthz") return healthz(app, request);
  throw HttpError(http::status::not_found, "not_found", "no route for " + std::string(path));
}

}  // namespace

Response handle_request(const App& app, const Request& request, std::string_view request_id) {
  Response response = [&] {
    try {
      return route(app, request);
    } catch (...) {
      return error_response(request, std::current_exception(), request_id);
    }
  }();
  if (response.result() == http::status::method_not_allowed) response.set(http::field::allow, "GET");
  return response;
}

}  // namespace server
