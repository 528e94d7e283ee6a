#pragma once
// The one place exceptions become HTTP statuses. Client errors (HttpError) are answered with their
// status and detail; anything else is an internal error: logged with the request id, answered 500
// with a generic message, never the exception's text.
#include "server/http/json_response.hpp"
#include "server/http/request_limits.hpp"

#include <exception>
#include <optional>
#include <string_view>

namespace server {

Response error_response(const Request& request, std::exception_ptr error, std::string_view request_id);

// The limit a failure went over, if it is a LimitExceeded (for the metrics).
std::optional<Limit> exceeded_limit(const std::exception_ptr& error) noexcept;

}  // namespace server
