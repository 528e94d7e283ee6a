#pragma once
// RFC 4180 CSV: quoted fields may hold commas, quotes ("") and line breaks; CRLF or LF line ends;
// a UTF-8 byte-order mark (Excel writes one) is skipped. Errors name the line.
#include <string>
#include <string_view>
#include <vector>

namespace server {

using CsvRow = std::vector<std::string>;

// Every record, header included. Throws std::invalid_argument("line N: ...") on an unterminated
// quote or text after a closing quote.
std::vector<CsvRow> parse_csv(std::string_view text);

// One record with its line end; fields quoted only when they need it.
void append_csv_row(std::string& out, const CsvRow& row);

}  // namespace server
