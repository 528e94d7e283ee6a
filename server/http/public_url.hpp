#pragma once
// The scheme://host[:port] a client used to reach layoutd, for absolute links in responses (OGC API
// documents now, tile URLs later). In deployments a CDN or load balancer terminates TLS in front of
// us, so the request's own Host is not what the client typed: X-Forwarded-Proto and
// X-Forwarded-Host, set by that proxy, take precedence.
#include "server/http/http_types.hpp"

#include <string>

namespace server {

// "https://layout.example.cn", "http://127.0.0.1:8080". Throws HttpError 400 when the request
// names no usable host (no Host header, or one with characters no host name has).
std::string public_base_url(const Request& request);

}  // namespace server
