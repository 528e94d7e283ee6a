#include "server/ogc/ogc_params.hpp"

#include "server/http/http_types.hpp"
#include "server/http/parse_number.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <string>
#include <string_view>
#include <vector>

namespace server {
namespace {

[[noreturn]] void bad_bbox(const std::string& text, const std::string& why) {
  throw HttpError(http::status::bad_request, "bad_parameter", "bbox: '" + text + "' " + why);
}

// Exactly the comma-separated numbers, none empty, none trailing.
std::vector<double> numbers(const std::string& text) {
  std::vector<double> out;
  std::string_view rest = text;
  while (true) {
    const auto comma = rest.find(',');
    const std::string_view item = rest.substr(0, comma);
    const auto value = parse_number<double>(item);
    if (!value.ok()) bad_bbox(text, "is not a list of numbers minx,miny,maxx,maxy");
    out.push_back(value.value);
    if (comma == std::string_view::npos) return out;
    rest = rest.substr(comma + 1);
  }
}

std::optional<geo::Envelope> bbox_param(const QueryParams& params) {
  const std::string* text = params.find("bbox");
  if (text == nullptr) return std::nullopt;
  const std::vector<double> v = numbers(*text);
  if (v.size() != 4 && v.size() != 6) bad_bbox(*text, "has " + std::to_string(v.size()) + " numbers; give 4 (or 6)");
  // In the 6-number form the heights sit between the corners: minx,miny,minz,maxx,maxy,maxz.
  const std::size_t upper = v.size() / 2;
  const geo::Envelope box{v[0], v[1], v[upper], v[upper + 1]};
  if (v.size() == 6 && v[2] > v[5]) bad_bbox(*text, "has its lower height above its upper one");
  if (box.min_y > box.max_y) bad_bbox(*text, "has miny > maxy");
  // The spec reads minx > maxx as a box across the antimeridian; the plan's data are nowhere near
  // it, so such a box is far more likely a swapped pair than a real question.
  if (box.min_x > box.max_x) bad_bbox(*text, "has minx > maxx (boxes across the antimeridian are not supported)");
  if (box.min_x < -180 || box.max_x > 180 || box.min_y < -90 || box.max_y > 90) {
    bad_bbox(*text, "is not CRS84 longitude/latitude in degrees");
  }
  return box;
}

// A non-negative integer ≥ `min`; `fallback` when absent. Digits beyond 64 bits saturate: for a page
// size or an offset they just mean "very many", which the caller bounds anyway.
std::uint64_t count_param(const QueryParams& params, std::string_view name, std::uint64_t fallback, std::uint64_t min) {
  const std::string* text = params.find(name);
  if (text == nullptr) return fallback;
  const auto number = parse_number<std::uint64_t>(*text);
  if (number.fault == NumberFault::malformed) {
    throw HttpError(http::status::bad_request, "bad_parameter",
                    std::string(name) + ": '" + *text + "' is not a non-negative integer");
  }
  const std::uint64_t value =
      number.fault == NumberFault::out_of_range ? std::numeric_limits<std::uint64_t>::max() : number.value;
  if (value < min) {
    throw HttpError(http::status::bad_request, "bad_parameter",
                    std::string(name) + ": '" + *text + "' is below the minimum " + std::to_string(min));
  }
  return value;
}


// bbox-crs (OGC API – Features Part 2): only CRS84 is served yet. Another CRS must not be
// ignored: its coordinates read as longitude/latitude would select the wrong features, silently.
void check_bbox_crs(const QueryParams& params) {
  const std::string* crs = params.find("bbox-crs");
  if (crs == nullptr || *crs == kCrs84Uri) return;
  throw HttpError(http::status::bad_request, "unsupported_crs",
                  "bbox-crs: '" + *crs + "' is not supported; give the bbox in " + std::string(kCrs84Uri));
}

}  // namespace

ItemsQuery items_query(const QueryParams& params) {
  ItemsQuery query;
  check_bbox_crs(params);
  query.bbox = bbox_param(params);
  query.limit = static_cast<std::size_t>(
      std::min<std::uint64_t>(count_param(params, "limit", kDefaultItemsLimit, 1), kMaxItemsLimit));
  query.offset = static_cast<std::size_t>(count_param(params, "offset", 0, 0));
  return query;
}

}  // namespace server
