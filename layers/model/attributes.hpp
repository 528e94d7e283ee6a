#pragma once
// Feature attributes: an ordered list of named values, as they come from the store. Order is kept
// so exports and tiles list fields the way GIS staff defined them.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

namespace layers {

using AttributeValue = std::variant<std::monostate, bool, std::int64_t, double, std::string>;

class Attributes {
 public:
  void set(std::string name, AttributeValue value);
  [[nodiscard]] const AttributeValue* find(std::string_view name) const noexcept;
  // The value as text if it is a non-empty string, else nullopt.
  [[nodiscard]] std::optional<std::string_view> text(std::string_view name) const noexcept;
  // The value as a number if it is an integer or real, else nullopt.
  [[nodiscard]] std::optional<double> number(std::string_view name) const noexcept;

  [[nodiscard]] const std::vector<std::pair<std::string, AttributeValue>>& items() const noexcept { return items_; }
  [[nodiscard]] std::size_t size() const noexcept { return items_.size(); }
  friend bool operator==(const Attributes&, const Attributes&) = default;

 private:
  std::vector<std::pair<std::string, AttributeValue>> items_;
};

}  // namespace layers
