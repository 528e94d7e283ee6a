#pragma once
// Typed query parameters: each failure is an HttpError 400 naming the parameter and what was wrong,
// so a client sees "lon: 'abc' is not a number" rather than a generic error.
#include "server/url.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace server {

// A finite decimal number; nullopt when absent.
std::optional<double> optional_number(const QueryParams& params, std::string_view name);
double required_number(const QueryParams& params, std::string_view name);

// An integer in [min, max]; `fallback` when absent.
std::int64_t integer_in_range(const QueryParams& params, std::string_view name, std::int64_t fallback, std::int64_t min,
                              std::int64_t max);

// Comma-separated, empty items dropped; empty when absent.
std::vector<std::string> list_param(const QueryParams& params, std::string_view name);

}  // namespace server
