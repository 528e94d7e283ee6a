#include "server/api/locate_text.hpp"

#include "server/api/answer_fields.hpp"
#include "server/api/api_json.hpp"
#include "server/http/json_text.hpp"

#include <charconv>
#include <variant>

namespace server {
namespace {

void append_text_attribute(std::string& out, const layers::Feature& feature, std::string_view name) {
  const auto text = feature.attributes.text(name);
  if (text) {
    append_json_string(out, *text);
  } else {
    out += "null";
  }
}

void append_value(std::string& out, const layers::AttributeValue* value) {
  if (value == nullptr) {
    out += "null";
    return;
  }
  std::visit(
      [&](const auto& v) {
        using T = std::decay_t<decltype(v)>;
        if constexpr (std::is_same_v<T, std::monostate>) {
          out += "null";
        } else if constexpr (std::is_same_v<T, bool>) {
          out += v ? "true" : "false";
        } else if constexpr (std::is_same_v<T, std::int64_t>) {
          char buffer[24];
          const auto [end, ec] = std::to_chars(buffer, buffer + sizeof buffer, v);
          out.append(buffer, end);
        } else if constexpr (std::is_same_v<T, double>) {
          append_json_number(out, v);
        } else {
          append_json_string(out, v);
        }
      },
      *value);
}

void append_matches(std::string& out, const MatchFragments& fragments,
                    const std::vector<layers::query::Match>& matches) {
  out.push_back('[');
  for (std::size_t i = 0; i < matches.size(); ++i) {
    if (i > 0) out.push_back(',');
    out += fragments.prefix(matches[i].layer, matches[i].feature);
    append_json_number(out, round_to_cm(matches[i].distance_m));
    out.push_back('}');
  }
  out.push_back(']');
}

}  // namespace

std::string locate_text(const MatchFragments& fragments, const layers::query::LocateResult& result,
                        const SiteInput& input) {
  std::string out;
  out.reserve(4096);
  out += "{\"site\":{\"lon\":";
  append_json_number(out, result.site.lon);
  out += ",\"lat\":";
  append_json_number(out, result.site.lat);
  out += ",\"crs\":\"EPSG:4326\",\"input\":{\"lon\":";
  append_json_number(out, input.lon);
  out += ",\"lat\":";
  append_json_number(out, input.lat);
  out += ",\"crs\":";
  append_json_string(out, layers::query::to_string(input.crs));
  out += "}},\"admin\":";
  if (result.county == nullptr) {
    out += "null";
  } else {
    char separator = '{';
    for (const AnswerField& field : kAdminFields) {
      out.push_back(separator);
      separator = ',';
      append_json_string(out, field.name);
      out.push_back(':');
      if (field.type == FieldType::Text) {
        append_text_attribute(out, *result.county, field.attribute);
      } else {
        append_value(out, result.county->attributes.find(field.attribute));
      }
    }
    out.push_back('}');
  }
  out += ",\"matches\":";
  append_matches(out, fragments, result.matches);
  out += ",\"nearest\":";
  append_matches(out, fragments, result.nearest);
  out.push_back('}');
  return out;
}

}  // namespace server
