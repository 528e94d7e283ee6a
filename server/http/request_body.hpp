#pragma once
// Reading request bodies: the media type (415 when it is not one the route takes) and JSON
// parsing (400 with the parser's position). Oversized bodies never get here: the session's parser
// answers 413 first.
#include "server/http/http_types.hpp"
#include "server/http/json_response.hpp"

#include <cstddef>
#include <initializer_list>
#include <string>
#include <string_view>

namespace server {

// The Content-Type without parameters, lower-cased ("application/geo+json").
std::string media_type(const Request& request);

// Throws 415 naming the accepted types unless the request's media type is one of them.
void require_media_type(const Request& request, std::initializer_list<std::string_view> accepted);

// A JSON body (application/json or application/geo+json): 400 when it is not JSON (a number out
// of double's range included), LimitExceeded (400) when arrays and objects nest deeper than
// `max_depth`, checked while parsing, before anything deeper is built.
Json json_body(const Request& request, std::size_t max_depth);

}  // namespace server
