#include "layers/model/attributes.hpp"

#include <algorithm>

namespace layers {

void Attributes::set(std::string name, AttributeValue value) {
  const auto it = std::find_if(items_.begin(), items_.end(), [&](const auto& item) { return item.first == name; });
  if (it != items_.end()) {
    it->second = std::move(value);
  } else {
    items_.emplace_back(std::move(name), std::move(value));
  }
}

const AttributeValue* Attributes::find(std::string_view name) const noexcept {
  const auto it = std::find_if(items_.begin(), items_.end(), [&](const auto& item) { return item.first == name; });
  return it == items_.end() ? nullptr : &it->second;
}

std::optional<std::string_view> Attributes::text(std::string_view name) const noexcept {
  const AttributeValue* value = find(name);
  if (value == nullptr) return std::nullopt;
  const auto* s = std::get_if<std::string>(value);
  if (s == nullptr || s->empty()) return std::nullopt;
  return std::string_view(*s);
}

std::optional<double> Attributes::number(std::string_view name) const noexcept {
  const AttributeValue* value = find(name);
  if (value == nullptr) return std::nullopt;
  if (const auto* i = std::get_if<std::int64_t>(value)) return static_cast<double>(*i);
  if (const auto* d = std::get_if<double>(value)) return *d;
  return std::nullopt;
}

}  // namespace layers
