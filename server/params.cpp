#include "server/params.hpp"

#include "server/http_types.hpp"

#include <charconv>
#include <cmath>

namespace server {
namespace {

[[noreturn]] void bad_parameter(std::string_view name, const std::string& why) {
  throw HttpError(http::status::bad_request, "bad_parameter", std::string(name) + ": " + why);
}

}  // namespace

std::optional<double> optional_number(const QueryParams& params, std::string_view name) {
  const std::string* text = params.find(name);
  if (text == nullptr) return std::nullopt;
  if (text->empty()) bad_parameter(name, "is empty; give a number");
  double value = 0;
  const char* end = text->data() + text->size();
  const auto [ptr, ec] = std::from_chars(text->data(), end, value);
  if (ec != std::errc{} || ptr != end) bad_parameter(name, "'" + *text + "' is not a number");
  if (!std::isfinite(value)) bad_parameter(name, "'" + *text + "' is not a finite number");
  return value;
}

double required_number(const QueryParams& params, std::string_view name) {
  const auto value = optional_number(params, name);
  if (!value) bad_parameter(name, "is required");
  return *value;
}

std::int64_t integer_in_range(const QueryParams& params, std::string_view name, std::int64_t fallback, std::int64_t min,
                              std::int64_t max) {
  const std::string* text = params.find(name);
  if (text == nullptr) return fallback;
  std::int64_t value = 0;
  const char* end = text->data() + text->size();
  const auto [ptr, ec] = std::from_chars(text->data(), end, value);
  if (text->empty() || ec == std::errc::invalid_argument || ptr != end) {
    bad_parameter(name, "'" + *text + "' is not an integer");
  }
  if (ec == std::errc::result_out_of_range || value < min || value > max) {
    bad_parameter(name, "'" + *text + "' is out of range [" + std::to_string(min) + ", " + std::to_string(max) + "]");
  }
  return value;
}

std::vector<std::string> list_param(const QueryParams& params, std::string_view name) {
  std::vector<std::string> out;
  const std::string* text = params.find(name);
  if (text == nullptr) return out;
  std::string_view rest = *text;
  while (true) {
    const auto comma = rest.find(',');
    const std::string_view item = rest.substr(0, comma);
    if (!item.empty()) out.emplace_back(item);
    if (comma == std::string_view::npos) break;
    rest = rest.substr(comma + 1);
  }
  return out;
}

}  // namespace server
