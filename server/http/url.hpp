#pragma once
// The parts of a request target: path and query string, percent-decoded. Malformed escapes are the
// client's fault (HttpError 400), never a crash.
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace server {

struct Target {
  std::string_view path;
  std::string_view query;  // without the '?'
};
Target split_target(std::string_view target) noexcept;

// %XX escapes (and '+' as a space in query strings, as HTML forms send it).
std::string percent_decode(std::string_view text, bool plus_is_space);

// The inverse, for one path segment or one query name or value: RFC 3986 unreserved characters and
// ',' (a sub-delimiter that bbox lists use and no parser here splits on) stay, the rest becomes %XX.
std::string percent_encode(std::string_view text);

// name=value pairs of a query string, in order, decoded. A name given twice keeps the first value.
class QueryParams {
 public:
  QueryParams() = default;
  explicit QueryParams(std::string_view query);
  [[nodiscard]] const std::string* find(std::string_view name) const noexcept;
  [[nodiscard]] const std::vector<std::pair<std::string, std::string>>& items() const noexcept { return items_; }

 private:
  std::vector<std::pair<std::string, std::string>> items_;
};

}  // namespace server
