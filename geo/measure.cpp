#include "geo/measure.hpp"

#include "geo/crs.hpp"
#include "geo/operations.hpp"
#include "geo/projection.hpp"

namespace geo {

double area_km2(const Geometry& lonlat) {
  const Transformer& to_equal_area = thread_transformer(crs::kWgs84, crs::kEqualArea);
  return area(to_equal_area.forward(lonlat)) / 1e6;
}

}  // namespace geo
