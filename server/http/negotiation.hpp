#pragma once
// Choosing a response type from the Accept header, and a content coding from Accept-Encoding (RFC 9110 §12.5.1): media
// ranges with q-values, type/* and */* wildcards. No Accept header means the first offered type.
#include "server/http/http_types.hpp"

#include <initializer_list>
#include <string_view>

namespace server {

// The offered type the client prefers (ties go to the earlier offer); 406 when it accepts none.
std::string_view negotiate(const Request& request, std::initializer_list<std::string_view> offered);

// Whether Accept-Encoding (RFC 9110 §12.5.3) allows `coding` ("gzip"): listed with q > 0, or not
// listed and `*` with q > 0. No header means identity only.
bool accepts_encoding(const Request& request, std::string_view coding);

}  // namespace server
