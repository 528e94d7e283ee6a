#pragma once
// Connection strings carry passwords ("PG:host=db dbname=layout password=s3cret",
// "postgresql://u:s3cret@db/layout"); whatever layoutd logs or answers about its store goes
// through here first.
#include <string>
#include <string_view>

namespace server {

// `text` with every password of a connection string replaced by ***: the connection strings after
// "PG:" and the postgresql:// URIs are parsed by libpq (PQconninfoParse) and their password is
// masked wherever the text has it; then, for what libpq could not parse, the value of every
// `password=` key (spaces around '=' allowed; bare, or quoted with ' as libpq allows) and the
// password of every URI's user info.
std::string redact_secrets(std::string_view text);

}  // namespace server
