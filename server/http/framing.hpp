#pragma once
// The checks on a request's header that decide whether its body can be delimited safely, which
// Beast's parser leaves to the server (RFC 9112 §6.1, §6.3, §3.2). A request failing one is
// answered with the error and the connection is closed before any more of it is read: otherwise
// its body's bytes would be parsed as the next request (request smuggling).
#include "server/http/http_types.hpp"

#include <optional>
#include <string>

namespace server {

struct FramingError {
  http::status status;
  std::string error;
  std::string detail;
};

// nullopt when the header may be answered; else 400 for a Transfer-Encoding whose final coding
// is not chunked (the length is unknowable) or an HTTP/1.1 request without exactly one Host, 501
// for a coding before chunked (gzip, chunked: layoutd decodes none).
[[nodiscard]] std::optional<FramingError> framing_error(const http::request_header<>& header);

}  // namespace server
