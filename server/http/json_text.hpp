#pragma once
// Writing JSON text straight into a string, for hot paths where building a DOM first costs more
// than answering the query (GET /api/v1/locate). UTF-8 passes through unescaped, as in
// json_response; numbers use the shortest form that reads back to the same double.
#include <string>
#include <string_view>

namespace server {

void append_json_string(std::string& out, std::string_view text);
void append_json_number(std::string& out, double value);

}  // namespace server
