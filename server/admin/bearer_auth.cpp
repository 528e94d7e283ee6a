#include "server/admin/bearer_auth.hpp"

#include "server/http/json_response.hpp"

#include <cctype>

namespace server {
namespace {

bool iequals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(a[i])) != std::tolower(static_cast<unsigned char>(b[i]))) return false;
  }
  return true;
}

}  // namespace

bool same_secret(std::string_view given, std::string_view expected) noexcept {
  unsigned difference = given.size() == expected.size() ? 0U : 1U;
  for (std::size_t i = 0; i < expected.size(); ++i) {
    const auto g = static_cast<unsigned char>(i < given.size() ? given[i] : 0);
    difference |= static_cast<unsigned>(g ^ static_cast<unsigned char>(expected[i]));
  }
  return difference == 0;
}

std::optional<Response> check_bearer(const Request& request, std::string_view token) {
  if (token.empty()) {
    return json_error(request, http::status::forbidden, "admin_disabled",
                      "admin routes are off: start layoutd with --admin-token-file");
  }
  const std::string_view header = request[http::field::authorization];
  constexpr std::string_view kScheme = "Bearer ";
  if (header.size() <= kScheme.size() || !iequals(header.substr(0, kScheme.size()), kScheme)) {
    Response response = json_error(request, http::status::unauthorized, "unauthorized",
                                   "send the admin token as 'Authorization: Bearer <token>'");
    response.set(http::field::www_authenticate, "Bearer realm=\"layoutd admin\"");
    return response;
  }
  std::string_view given = header.substr(kScheme.size());
  while (!given.empty() && given.back() == ' ') given.remove_suffix(1);
  if (!same_secret(given, token)) {
    return json_error(request, http::status::forbidden, "forbidden", "the admin token is not valid");
  }
  return std::nullopt;
}

}  // namespace server
