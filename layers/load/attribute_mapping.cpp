#include "layers/load/attribute_mapping.hpp"

#include "layers/cli/command_line.hpp"
#include "layers/model/schema.hpp"

#include <cpl_string.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <limits>

namespace layers::load {
namespace {

bool same_name(std::string_view a, std::string_view b) {
  return std::equal(a.begin(), a.end(), b.begin(), b.end(),
                    [](unsigned char x, unsigned char y) { return std::tolower(x) == std::tolower(y); });
}

// The source field called `name`: the exact spelling first, else the only case-insensitive match.
std::string find_field(std::span<const std::string> fields, std::string_view name) {
  if (std::find(fields.begin(), fields.end(), name) != fields.end()) return std::string(name);
  const auto it = std::find_if(fields.begin(), fields.end(), [&](const std::string& f) { return same_name(f, name); });
  return it == fields.end() ? std::string() : *it;
}

std::string join(const std::vector<std::string>& names) {
  std::string out;
  for (const auto& n : names) out += (out.empty() ? "" : ", ") + n;
  return out.empty() ? "none" : out;
}

std::string number_text(double value) {
  char text[32];
  const auto result = std::to_chars(text, text + sizeof text, value);
  return std::string(text, result.ptr);
}

// The value as text: integers in decimal, reals in their shortest exact form, booleans as words.
std::string as_text(const AttributeValue& value) {
  if (const auto* b = std::get_if<bool>(&value)) return *b ? "true" : "false";
  if (const auto* i = std::get_if<std::int64_t>(&value)) return std::to_string(*i);
  if (const auto* d = std::get_if<double>(&value)) return number_text(*d);
  if (const auto* s = std::get_if<std::string>(&value)) return *s;
  return {};
}

// "'VALUE' TAIL", appended piece by piece: g++ 12 warns wrongly (-Wrestrict) about "'" + temporary.
std::string quoted(const AttributeValue& value, std::string_view tail) {
  std::string text = "'";
  text += as_text(value);
  text += "' ";
  text += tail;
  return text;
}

template <typename T>
bool parse_whole(std::string_view text, T& out) {
  while (!text.empty() && text.front() == ' ') text.remove_prefix(1);
  while (!text.empty() && text.back() == ' ') text.remove_suffix(1);
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), out);
  return !text.empty() && error == std::errc() && end == text.data() + text.size();
}

std::optional<AttributeValue> to_boolean(const AttributeValue& value, std::string& problem) {
  if (const auto* b = std::get_if<bool>(&value)) return *b;
  if (const auto* i = std::get_if<std::int64_t>(&value); i != nullptr && (*i == 0 || *i == 1)) return *i == 1;
  if (const auto* s = std::get_if<std::string>(&value)) {
    for (const char* yes : {"true", "t", "yes", "y", "1"}) {
      if (same_name(*s, yes)) return true;
    }
    for (const char* no : {"false", "f", "no", "n", "0"}) {
      if (same_name(*s, no)) return false;
    }
  }
  problem = quoted(value, "is not a boolean");
  return std::nullopt;
}

std::optional<AttributeValue> to_integer(const AttributeValue& value, OGRFieldType type, std::string& problem) {
  std::int64_t result = 0;
  if (const auto* b = std::get_if<bool>(&value)) {
    result = *b ? 1 : 0;
  } else if (const auto* i = std::get_if<std::int64_t>(&value)) {
    result = *i;
  } else if (const auto* d = std::get_if<double>(&value)) {
    if (!(std::trunc(*d) == *d && std::abs(*d) < 9.0e18)) {
      problem = number_text(*d) + " is not an integer";
      return std::nullopt;
    }
    result = static_cast<std::int64_t>(*d);
  } else if (const auto* s = std::get_if<std::string>(&value); s == nullptr || !parse_whole(*s, result)) {
    problem = quoted(value, "is not an integer");
    return std::nullopt;
  }
  if (type == OFTInteger &&
      (result < std::numeric_limits<std::int32_t>::min() || result > std::numeric_limits<std::int32_t>::max())) {
    problem = std::to_string(result) + " does not fit a 32-bit integer field";
    return std::nullopt;
  }
  return result;
}

std::optional<AttributeValue> to_real(const AttributeValue& value, std::string& problem) {
  if (const auto* i = std::get_if<std::int64_t>(&value)) return static_cast<double>(*i);
  if (const auto* d = std::get_if<double>(&value)) return *d;
  double result = 0;
  if (const auto* s = std::get_if<std::string>(&value);
      s != nullptr && parse_whole(*s, result) && std::isfinite(result)) {
    return result;
  }
  problem = quoted(value, "is not a number");
  return std::nullopt;
}

bool is_null(const AttributeValue& value) {
  return std::holds_alternative<std::monostate>(value);
}

}  // namespace

std::optional<AttributeValue> convert(const AttributeValue& value, const TargetField& field, std::string& problem) {
  if (is_null(value)) return value;
  if (const auto* s = std::get_if<std::string>(&value); s != nullptr && s->empty()) return std::monostate{};
  switch (field.type) {
    case OFTInteger:
    case OFTInteger64:
      return field.subtype == OFSTBoolean ? to_boolean(value, problem) : to_integer(value, field.type, problem);
    case OFTReal: return to_real(value, problem);
    default: break;
  }
  return as_text(value);
}

AttributeMapping::AttributeMapping(std::vector<TargetField> target, std::span<const std::string> source_fields,
                                   const LoadOptions& options, std::string default_source)
    : source_fields_(source_fields.begin(), source_fields.end()) {
  std::vector<std::string> target_names;
  for (const auto& f : target) target_names.push_back(f.name);
  const auto check_target = [&](const std::string& name, const std::string& option) {
    if (std::find(target_names.begin(), target_names.end(), name) == target_names.end()) {
      throw LoadError(option + ": layer '" + options.layer + "' has no field '" + name +
                      "' (fields: " + join(target_names) + ")");
    }
  };
  for (const auto& [field, source] : options.field_map) {
    check_target(field, "--map " + field + "=" + source);
    if (find_field(source_fields_, source).empty()) {
      throw LoadError("--map " + field + "=" + source + ": " + options.source + " has no field '" + source +
                      "' (fields: " + join(source_fields_) + ")");
    }
  }
  for (const auto& [field, value] : options.defaults) {
    check_target(field, "--default " + field + "=" + value);
    const auto& allowed = schema::kPrecisionValues;
    if (field == "precision" && std::find(allowed.begin(), allowed.end(), value) == allowed.end()) {
      throw LoadError("--default precision=" + value +
                      ": precision is one of surveyed, derived, schematic (one --default per field)");
    }
    if (field == schema::kId)
      throw LoadError("--default id=...: every feature needs its own id; map a field with --map id=FIELD");
  }

  // The id rule comes first: map() reads it before the rest, and describe() lists it first.
  std::stable_partition(target.begin(), target.end(), [](const TargetField& f) { return f.name == schema::kId; });
  for (auto& field : target) {
    Rule rule;
    const auto mapped = std::find_if(options.field_map.rbegin(), options.field_map.rend(),
                                     [&](const auto& m) { return m.first == field.name; });
    rule.source = find_field(source_fields_, mapped != options.field_map.rend() ? mapped->second : field.name);
    const auto fallback = std::find_if(options.defaults.rbegin(), options.defaults.rend(),
                                       [&](const auto& d) { return d.first == field.name; });
    if (fallback != options.defaults.rend()) {
      std::string problem;
      if (!convert(fallback->second, field, problem))
        throw LoadError("--default " + field.name + "=" + fallback->second + ": " + problem);
      rule.fallback = fallback->second;
    }
    rule.carry = updates_stored(options.mode) && field.name != schema::kId && field.name != "source" &&
                 field.name != "precision";
    if (field.name == "source") rule.builtin = default_source;
    rule.field = std::move(field);
    rules_.push_back(std::move(rule));
  }
}

std::string AttributeMapping::id_of(const Attributes& source_values) const {
  if (rules_.empty() || rules_.front().field.name != schema::kId || rules_.front().source.empty()) return {};
  const AttributeValue* value = source_values.find(rules_.front().source);
  if (value == nullptr) return {};
  std::string ignored;
  const auto text = convert(*value, {std::string(schema::kId), OFTString, OFSTNone}, ignored);
  return text && !is_null(*text) ? std::get<std::string>(*text) : std::string();
}

MappedFeature AttributeMapping::map(const Attributes& source_values, const Attributes* stored) const {
  MappedFeature out;
  for (const auto& rule : rules_) {
    if (rule.field.name == schema::kId) {
      out.id = id_of(source_values);
      continue;
    }
    AttributeValue value;
    if (const AttributeValue* given = rule.source.empty() ? nullptr : source_values.find(rule.source)) {
      std::string problem;
      const auto* text = std::get_if<std::string>(given);
      if (text != nullptr && CPLIsUTF8(text->c_str(), static_cast<int>(text->size())) == 0) {
        // GDAL hands out a DBF's bytes unconverted when neither a .cpg nor the DBF says the encoding.
        out.problems.push_back(
            "attribute " + rule.field.name + " (from " + rule.source +
            ") is not UTF-8 text: a Shapefile in GBK without its .cpg? load it with --oo ENCODING=GBK");
      } else if (auto converted = convert(*given, rule.field, problem)) {
        value = std::move(*converted);
      } else {
        out.problems.push_back("attribute " + rule.field.name + " (from " + rule.source + "): " + problem);
      }
    }
    std::string ignored;
    if (is_null(value) && rule.carry && stored != nullptr) {
      if (const AttributeValue* kept = stored->find(rule.field.name); kept != nullptr && !is_null(*kept)) {
        if (auto converted = convert(*kept, rule.field, ignored)) {
          value = std::move(*converted);
          out.carried.push_back(rule.field.name);
        }
      }
    }
    if (is_null(value) && rule.fallback) value = *convert(*rule.fallback, rule.field, ignored);
    if (is_null(value) && !rule.builtin.empty()) value = rule.builtin;
    out.attributes.set(rule.field.name, std::move(value));
  }
  return out;
}

std::vector<std::string> AttributeMapping::describe() const {
  std::size_t width = 0;
  for (const auto& rule : rules_) width = std::max(width, rule.field.name.size());
  std::vector<std::string> lines;
  for (const auto& rule : rules_) {
    std::vector<std::string> origins;
    if (!rule.source.empty()) origins.push_back(rule.source);
    if (rule.field.name == schema::kId && rule.source.empty()) {
      origins.push_back("derived from name_en, else the source FID");
    }
    if (rule.carry) origins.push_back("the stored feature's value (same id)");
    if (rule.fallback) origins.push_back("'" + *rule.fallback + "' (--default)");
    if (!rule.builtin.empty()) origins.push_back("'" + rule.builtin + "' (default)");
    std::string line = rule.field.name + std::string(width - rule.field.name.size(), ' ') + " <- ";
    for (std::size_t i = 0; i < origins.size(); ++i) line += (i > 0 ? ", else " : "") + origins[i];
    if (origins.empty()) line += "nothing";
    lines.push_back(std::move(line));
  }
  return lines;
}

std::vector<std::string> AttributeMapping::unused_source_fields() const {
  std::vector<std::string> unused;
  for (const auto& field : source_fields_) {
    const bool used = std::any_of(rules_.begin(), rules_.end(), [&](const Rule& r) { return r.source == field; });
    if (!used) unused.push_back(field);
  }
  return unused;
}

std::vector<std::pair<std::string, std::string>> parse_assignments(std::string_view text, std::string_view option,
                                                                   bool comma_separated) {
  std::vector<std::pair<std::string, std::string>> pairs;
  std::size_t start = 0;
  while (start <= text.size()) {
    const std::size_t end = comma_separated ? std::min(text.find(',', start), text.size()) : text.size();
    const std::string_view item = text.substr(start, end - start);
    const std::size_t equals = item.find('=');
    if (equals == std::string_view::npos || equals == 0 || equals + 1 == item.size()) {
      throw layers::UsageError(std::string(option) + " expects FIELD=VALUE" +
                               (comma_separated ? "[,FIELD=VALUE...]" : "") + ", got '" + std::string(item) + "'");
    }
    pairs.emplace_back(std::string(item.substr(0, equals)), std::string(item.substr(equals + 1)));
    start = end + 1;
  }
  return pairs;
}

std::string slugify(std::string_view text) {
  std::string slug;
  bool dash = false;
  for (const unsigned char c : text) {
    if (std::isalnum(c) != 0 && c < 0x80) {
      if (dash && !slug.empty()) slug += '-';
      slug += static_cast<char>(std::tolower(c));
      dash = false;
    } else {
      dash = true;
    }
  }
  return slug;
}

}  // namespace layers::load
