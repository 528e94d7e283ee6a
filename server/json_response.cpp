#include "server/json_response.hpp"

#include <nlohmann/json.hpp>

namespace server {

Response json_response(const Request& request, http::status status, const Json& body, std::string_view content_type) {
  Response response(status, request.version());
  response.set(http::field::content_type, std::string(content_type) + "; charset=utf-8");
  response.keep_alive(request.keep_alive());
  // Replace rather than throw on invalid UTF-8 that slipped into a store: never fail a response on it.
  response.body() = body.dump(-1, ' ', false, Json::error_handler_t::replace);
  response.prepare_payload();
  return response;
}

}  // namespace server
