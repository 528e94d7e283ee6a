#pragma once
// A number written as text in a request (a query parameter, a path segment, a CSV field), read
// whole: the one place std::from_chars is called on request text, so every reader agrees on what
// a number is. What a fault means to the client (400 with which sentence, or saturation) is the
// caller's to say (params.hpp has the query-parameter readers).
#include <charconv>
#include <cmath>
#include <string_view>
#include <system_error>
#include <type_traits>

namespace server {

enum class NumberFault {
  none,
  malformed,     // empty, not a number of this type, or characters after it
  out_of_range,  // a number, but not one T can hold (for double: beyond ±1.8e308)
  not_finite,    // "inf" or "nan" (double only)
};

template <class T>
struct ParsedNumber {
  T value{};
  NumberFault fault = NumberFault::malformed;
  [[nodiscard]] bool ok() const noexcept { return fault == NumberFault::none; }
};

// Decimal only: no sign for unsigned T, no leading '+', no spaces (callers trim where they allow).
template <class T>
[[nodiscard]] ParsedNumber<T> parse_number(std::string_view text) noexcept {
  static_assert(std::is_arithmetic_v<T>);
  ParsedNumber<T> out;
  const char* end = text.data() + text.size();
  const auto [ptr, ec] = std::from_chars(text.data(), end, out.value);
  if (ec == std::errc::invalid_argument || ptr != end) {
    out.fault = NumberFault::malformed;
  } else if (ec == std::errc::result_out_of_range) {
    out.fault = NumberFault::out_of_range;
  } else if constexpr (std::is_floating_point_v<T>) {
    out.fault = std::isfinite(out.value) ? NumberFault::none : NumberFault::not_finite;
  } else {
    out.fault = NumberFault::none;
  }
  return out;
}

}  // namespace server
