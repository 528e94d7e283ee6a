#pragma once
// A GEOS prepared geometry that owns the geometry it was prepared from (GEOS requires the base to
// outlive the prepared object; owning it makes that impossible to get wrong).
//
// GEOS builds a prepared geometry's internal indexes lazily on the first predicate call, and that
// lazy build is not thread-safe. warm() runs every predicate kind once, so an object that is warmed
// before being published can be shared read-only by many threads.
#include "geo/geometry.hpp"

#include <geos_c.h>

namespace geo {

class PreparedGeometry {
 public:
  explicit PreparedGeometry(Geometry geometry);
  PreparedGeometry(PreparedGeometry&& other) noexcept;
  PreparedGeometry& operator=(PreparedGeometry&& other) noexcept;
  PreparedGeometry(const PreparedGeometry&) = delete;
  PreparedGeometry& operator=(const PreparedGeometry&) = delete;
  ~PreparedGeometry();

  [[nodiscard]] const Geometry& geometry() const noexcept { return geometry_; }

  [[nodiscard]] bool covers(const Geometry& other) const;
  [[nodiscard]] bool intersects(const Geometry& other) const;
  [[nodiscard]] bool contains(const Geometry& other) const;
  [[nodiscard]] double distance(const Geometry& other) const;  // planar, CRS units

  // Forces GEOS's lazily built indexes into existence (see the header comment).
  void warm() const;

 private:
  void reset() noexcept;

  Geometry geometry_;
  const GEOSPreparedGeometry* prepared_ = nullptr;
};

}  // namespace geo
