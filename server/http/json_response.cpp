#include "server/http/json_response.hpp"

#include <nlohmann/json.hpp>

namespace server {

Response body_response(const Request& request, http::status status, std::string body, std::string_view content_type) {
  Response response(status, request.version());
  response.set(http::field::content_type, content_type);
  response.keep_alive(request.keep_alive());
  response.body() = std::move(body);
  response.prepare_payload();
  return response;
}

Response json_response(const Request& request, http::status status, const Json& body, std::string_view content_type) {
  // Replace rather than throw on invalid UTF-8 that slipped into a store: never fail a response on it.
  return body_response(request, status, body.dump(-1, ' ', false, Json::error_handler_t::replace),
                       std::string(content_type) + "; charset=utf-8");
}

Response json_error(const Request& request, http::status status, std::string_view error, std::string_view detail) {
  return json_response(request, status, Json{{"error", error}, {"detail", detail}});
}

}  // namespace server
