#include "layers/model/region.hpp"

#include <cstdio>

namespace layers {
namespace {

bool inside(const geo::Envelope& env) {
  return kRegion.contains(env.min_x, env.min_y) && kRegion.contains(env.max_x, env.max_y);
}

}  // namespace

std::optional<std::string> region_problem(const geo::Envelope& lonlat) {
  if (!lonlat.is_null() && inside(lonlat)) return std::nullopt;
  char text[256];
  std::snprintf(text, sizeof text,
                "lies outside the region (lon %g..%g, lat %g..%g): it spans lon %.6g..%.6g, lat %.6g..%.6g",
                kRegion.min_x, kRegion.max_x, kRegion.min_y, kRegion.max_y, lonlat.min_x, lonlat.max_x, lonlat.min_y,
                lonlat.max_y);
  std::string reason = text;
  if (fits_swapped(lonlat)) {
    reason += "; with x and y swapped it would fit: latitude and longitude are swapped (axis order)";
  }
  return reason;
}

bool fits_swapped(const geo::Envelope& lonlat) {
  return !lonlat.is_null() && inside({lonlat.min_y, lonlat.min_x, lonlat.max_y, lonlat.max_x});
}

}  // namespace layers
