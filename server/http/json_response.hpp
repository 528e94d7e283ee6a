#pragma once
// Response bodies: JSON (and the {"error","detail"} shape of every error) or any other bytes.
#include "server/http/http_types.hpp"

#include <nlohmann/json.hpp>

#include <string>
#include <string_view>

namespace server {

// Response bodies keep their members in the order they were written (the "error" before the
// "detail", a feature's id before its attributes).
using Json = nlohmann::ordered_json;

// A response with `body` as UTF-8 JSON (Chinese left unescaped), keep-alive and version copied from
// the request.
// Any other body: status, Content-Type, keep-alive and version copied from the request.
Response body_response(const Request& request, http::status status, std::string body, std::string_view content_type);

Response json_response(const Request& request, http::status status, const Json& body,
                       std::string_view content_type = "application/json");

// {"error": error, "detail": detail} with the given status.
Response json_error(const Request& request, http::status status, std::string_view error, std::string_view detail);

}  // namespace server
