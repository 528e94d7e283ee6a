#pragma once
// Choosing a response type from the Accept header (RFC 9110 §12.5.1): media ranges with q-values,
// type/* and */* wildcards. No Accept header means the first offered type.
#include "server/http_types.hpp"

#include <initializer_list>
#include <string_view>

namespace server {

// The offered type the client prefers (ties go to the earlier offer); 406 when it accepts none.
std::string_view negotiate(const Request& request, std::initializer_list<std::string_view> offered);

}  // namespace server
