#pragma once
// The typed readers of a request's query parameters, used by every room: each failure is an
// HttpError 400 naming the parameter and what was wrong, so a client sees "lon: 'abc' is not a
// number" rather than a generic error.
#include "layers/model/snapshot.hpp"
#include "layers/query/site.hpp"
#include "server/http/url.hpp"

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

// The `crs` parameter (EPSG:4326 when absent); an unknown one is an InputError (400).
layers::query::InputCrs input_crs_param(const QueryParams& params);

// `ids` → snapshot layer positions; an unknown id is a 400 naming it and the known ones, an id
// named twice a 400 too (a tile may not hold two layers of one name, MVT 2.1 section 4.1, and a
// request repeating a name thousands of times must not make a tile that much larger).
std::vector<std::uint32_t> layer_positions(const layers::Snapshot& snapshot, const std::vector<std::string>& ids);

// "admin, planning_area, …": the layer ids, for error details that say what exists.
std::string layer_id_list(const layers::Snapshot& snapshot);

}  // namespace server
