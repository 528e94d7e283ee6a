#pragma once
// Entity tags and conditional requests (RFC 9110 §8.8.3, §13.1.2), shared by every handler that
// lets clients revalidate: tiles and the web client's files.
#include "server/http/http_types.hpp"

#include <string>
#include <string_view>

namespace server {

// A content hash as 16 hex digits (FNV-1a 64): the same bytes give the same tag in every instance
// and after restarts, so a CDN or browser cache stays valid across them. Not quoted.
std::string content_hash(std::string_view bytes);

// Whether If-None-Match names `etag` (quoted, as sent in ETag). Weak comparison: W/ is ignored and
// a bare "*" matches anything.
bool matches_if_none_match(const Request& request, std::string_view etag);

}  // namespace server
