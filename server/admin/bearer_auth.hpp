#pragma once
// The admin routes' guard: `Authorization: Bearer <token>` (RFC 6750) against the token of
// --admin-token-file, compared in constant time so the answer's timing does not reveal how much of
// a guess was right.
#include "server/http/http_types.hpp"

#include <optional>
#include <string_view>

namespace server {

// nullopt when the request carries `token`; otherwise the answer to send: 403 when no token is
// configured (admin routes are off), 401 with WWW-Authenticate when the header is missing or not
// a bearer credential, 403 when the token is wrong.
std::optional<Response> check_bearer(const Request& request, std::string_view token);

// Equality whose running time depends only on `expected`'s length.
bool same_secret(std::string_view given, std::string_view expected) noexcept;

}  // namespace server
