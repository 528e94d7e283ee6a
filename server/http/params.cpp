#include "server/http/params.hpp"

#include "server/http/http_types.hpp"
#include "server/http/parse_number.hpp"

#include <algorithm>

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
  const auto number = parse_number<double>(*text);
  if (number.fault == NumberFault::not_finite) bad_parameter(name, "'" + *text + "' is not a finite number");
  if (!number.ok()) bad_parameter(name, "'" + *text + "' is not a number");
  return number.value;
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
  const auto number = parse_number<std::int64_t>(*text);
  if (number.fault == NumberFault::malformed) bad_parameter(name, "'" + *text + "' is not an integer");
  if (!number.ok() || number.value < min || number.value > max) {
    bad_parameter(name, "'" + *text + "' is out of range [" + std::to_string(min) + ", " + std::to_string(max) + "]");
  }
  return number.value;
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

layers::query::InputCrs input_crs_param(const QueryParams& params) {
  const std::string* text = params.find("crs");
  return text == nullptr ? layers::query::InputCrs::Wgs84 : layers::query::parse_input_crs(*text);
}

std::vector<std::uint32_t> layer_positions(const layers::Snapshot& snapshot, const std::vector<std::string>& ids) {
  std::vector<std::uint32_t> out;
  for (const auto& id : ids) {
    const int position = snapshot.layer_position(id);
    if (position < 0) {
      throw HttpError(http::status::bad_request, "unknown_layer",
                      "no layer '" + id + "'; layers are: " + layer_id_list(snapshot));
    }
    const auto p = static_cast<std::uint32_t>(position);
    if (std::find(out.begin(), out.end(), p) != out.end()) {
      throw HttpError(http::status::bad_request, "duplicate_layer", "layer '" + id + "' is named twice");
    }
    out.push_back(p);
  }
  return out;
}

std::string layer_id_list(const layers::Snapshot& snapshot) {
  std::string out;
  for (const auto& layer : snapshot.layers()) {
    if (!out.empty()) out += ", ";
    out += layer.id();
  }
  return out;
}

}  // namespace server
