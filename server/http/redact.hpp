#pragma once
// Connection strings carry passwords ("PG:host=db dbname=layout password=s3cret"); whatever
// layoutd logs or answers about its store goes through here first.
#include <string>
#include <string_view>

namespace server {

// `text` with the value of every password=... (bare, or quoted with ' as libpq allows) replaced
// by ***.
std::string redact_secrets(std::string_view text);

}  // namespace server
