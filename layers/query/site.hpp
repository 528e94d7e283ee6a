#pragma once
// Turning a user's coordinate into a WGS84 lon/lat: the three input CRSs the API accepts, and the
// checks that reject nonsense before it reaches the engine.
#include "geo/coord.hpp"

#include <stdexcept>
#include <string>
#include <string_view>

namespace layers::query {

// A client's input is wrong; what() says how, in a sentence fit for an HTTP 400 detail.
class InputError : public std::invalid_argument {
 public:
  using std::invalid_argument::invalid_argument;
};

enum class InputCrs {
  Wgs84,     // EPSG:4326
  Cgcs2000,  // EPSG:4490, China Geodetic Coordinate System 2000
  Gcj02,     // the offset coordinates of Chinese web maps (Amap, Tencent)
};

// "EPSG:4326" (also "4326", "WGS84"), "EPSG:4490" ("CGCS2000"), "GCJ02" ("GCJ-02"); case-insensitive.
InputCrs parse_input_crs(std::string_view text);
std::string_view to_string(InputCrs crs) noexcept;

// Checks range and finiteness and converts to WGS84. Throws InputError.
geo::LonLat to_wgs84(double lon, double lat, InputCrs crs);

}  // namespace layers::query
