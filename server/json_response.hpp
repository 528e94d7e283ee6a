#pragma once
#include "server/http_types.hpp"

#include <nlohmann/json_fwd.hpp>

namespace server {

// A response with `body` as UTF-8 JSON (Chinese left unescaped), keep-alive and version copied from
// the request.
Response json_response(const Request& request, http::status status, const nlohmann::json& body,
                       std::string_view content_type = "application/json");

}  // namespace server
