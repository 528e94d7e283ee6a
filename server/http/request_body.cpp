#include "server/http/request_body.hpp"

#include "server/http/request_limits.hpp"

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

Json json_body(const Request& request, std::size_t max_depth) {
  require_media_type(request, {"application/json", "application/geo+json"});
  // Whatever walks the document afterwards (conversions, GeoJSON readers, the destructor) may
  // recurse once per level: the depth is bounded here, at the first bracket too deep.
  const auto bounded = [max_depth](int depth, Json::parse_event_t event, Json& /*parsed*/) {
    if ((event == Json::parse_event_t::object_start || event == Json::parse_event_t::array_start) &&
        static_cast<std::size_t>(depth) >= max_depth) {
      throw LimitExceeded(Limit::JsonDepth, http::status::bad_request, "json_too_deep",
                          "the JSON nests arrays and objects deeper than " + std::to_string(max_depth) + " levels");
    }
    return true;
  };
  try {
    return Json::parse(request.body(), bounded);
  } catch (const Json::exception& e) {
    // parse_error, and out_of_range for a number beyond double's range (1e999).
    throw HttpError(http::status::bad_request, "invalid_json", std::string("the body is not valid JSON: ") + e.what());
  }
}

}  // namespace server
