#pragma once
// What every answer of handle_request must satisfy, whatever the request: the fuzz targets abort()
// on a violation so that libFuzzer keeps the input. handle_request promises never to throw (the
// targets let an exception escape, which libFuzzer reports as a crash too); a 500 means an
// exception the error mapping did not expect, which for a client's bytes is a bug; a JSON answer
// must parse (an error detail quoting invalid UTF-8 from the request, say, must not break it).
#include "server/http/http_types.hpp"

#include <nlohmann/json.hpp>

#include <cstdio>
#include <cstdlib>
#include <string>

namespace fuzz {

inline void check_response(const server::Request& request, const server::Response& response) {
  const auto fail = [&](const char* what) {
    std::fprintf(stderr, "fuzz: %s: %s %s -> %d\n%s\n", what, std::string(request.method_string()).c_str(),
                 std::string(request.target()).c_str(), response.result_int(), response.body().substr(0, 2000).c_str());
    std::abort();
  };
  if (response.result() == server::http::status::internal_server_error) fail("internal error");
  const std::string_view type = response[server::http::field::content_type];
  const bool json = type.starts_with("application/json") || type.starts_with("application/geo+json") ||
                    type.starts_with("application/problem+json");
  if (json && !response.body().empty() && !nlohmann::json::accept(response.body())) fail("answer is not JSON");
}

}  // namespace fuzz
