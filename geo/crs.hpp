#pragma once
// The coordinate reference systems the project names. The catalogue is always EPSG:4326 lon/lat.
#include <string_view>

namespace geo::crs {

inline constexpr std::string_view kWgs84 = "EPSG:4326";
inline constexpr std::string_view kCgcs2000 = "EPSG:4490";
inline constexpr std::string_view kWebMercator = "EPSG:3857";
// Albers equal-area conic fitted to the metropolitan area (standard parallels 42°N and 46°N around
// 125.5°E). Any equal-area projection preserves area; one centred on the region also keeps shapes
// and numerics tidy for the parcels users send.
inline constexpr std::string_view kEqualArea =
    "+proj=aea +lat_0=44 +lon_0=125.5 +lat_1=42 +lat_2=46 +x_0=0 +y_0=0 +datum=WGS84 +units=m +no_defs +type=crs";

}  // namespace geo::crs
