#include "layers/query/site.hpp"

#include "geo/crs.hpp"
#include "geo/gcj02.hpp"
#include "geo/projection.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>

namespace layers::query {

InputCrs parse_input_crs(std::string_view text) {
  std::string upper(text);
  std::transform(upper.begin(), upper.end(), upper.begin(), [](unsigned char c) { return std::toupper(c); });
  if (upper == "EPSG:4326" || upper == "4326" || upper == "WGS84") return InputCrs::Wgs84;
  if (upper == "EPSG:4490" || upper == "4490" || upper == "CGCS2000") return InputCrs::Cgcs2000;
  if (upper == "GCJ02" || upper == "GCJ-02") return InputCrs::Gcj02;
  throw InputError("unknown crs '" + std::string(text) + "': use EPSG:4326, EPSG:4490 or GCJ02");
}

std::string_view to_string(InputCrs crs) noexcept {
  switch (crs) {
    case InputCrs::Wgs84: return "EPSG:4326";
    case InputCrs::Cgcs2000: return "EPSG:4490";
    case InputCrs::Gcj02: return "GCJ02";
  }
  return "EPSG:4326";
}

geo::LonLat to_wgs84(double lon, double lat, InputCrs crs) {
  if (!std::isfinite(lon) || !std::isfinite(lat)) throw InputError("coordinates must be finite numbers");
  if (lon < -180 || lon > 180) throw InputError("longitude " + std::to_string(lon) + " is outside [-180, 180]");
  if (lat < -90 || lat > 90) throw InputError("latitude " + std::to_string(lat) + " is outside [-90, 90]");
  switch (crs) {
    case InputCrs::Wgs84: return {lon, lat};
    case InputCrs::Gcj02: return geo::gcj02_to_wgs84({lon, lat});
    case InputCrs::Cgcs2000: {
      const geo::XY p = geo::thread_transformer(geo::crs::kCgcs2000, geo::crs::kWgs84).forward({lon, lat});
      return {p.x, p.y};
    }
  }
  return {lon, lat};
}

}  // namespace layers::query
