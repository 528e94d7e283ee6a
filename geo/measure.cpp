#include "geo/measure.hpp"

#include "geo/crs.hpp"
#include "geo/geos_context.hpp"
#include "geo/operations.hpp"
#include "geo/projection.hpp"

namespace geo {

double area_km2(const Geometry& lonlat) {
  // An edge is a straight line in lon/lat; projected, it would be a curve, but only its vertices
  // are projected. Densifying first (every 0.005°, ~500 m) makes the result independent of how
  // many vertices an edge happens to have: a parcel split into pieces sums to the whole parcel.
  const Geometry dense = Geometry::adopt(GEOSDensify_r(geos(), lonlat.get(), kAreaDensifyDeg), "densify");
  const Transformer& to_equal_area = thread_transformer(crs::kWgs84, crs::kEqualArea);
  return area(to_equal_area.forward(dense)) / 1e6;
}

}  // namespace geo
