#include "server/http/request_body.hpp"

#include <algorithm>
#include <cctype>

namespace server {

std::string media_type(const Request& request) {
  std::string_view value = request[http::field::content_type];
  value = value.substr(0, value.find(';'));
  while (!value.empty() && value.back() == ' ') value.remove_suffix(1);
  while (!value.empty() && value.front() == ' ') value.remove_prefix(1);
  std::string out(value);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

void require_media_type(const Request& request, std::initializer_list<std::string_view> accepted) {
  const std::string type = media_type(request);
  for (const auto a : accepted) {
    if (type == a) return;
  }
  std::string list;
  for (const auto a : accepted) list += (list.empty() ? "" : ", ") + std::string(a);
  throw HttpError(http::status::unsupported_media_type, "unsupported_media_type",
                  "Content-Type '" + type + "' is not accepted here; send one of: " + list);
}

Json json_body(const Request& request) {
  require_media_type(request, {"application/json", "application/geo+json"});
  try {
    return Json::parse(request.body());
  } catch (const Json::parse_error& e) {
    throw HttpError(http::status::bad_request, "invalid_json", std::string("the body is not valid JSON: ") + e.what());
  }
}

}  // namespace server
