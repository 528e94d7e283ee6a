#include "geo/prepared.hpp"

#include "geo/geos_context.hpp"
#include "geo/operations.hpp"

namespace geo {
namespace {
bool checked(char result, std::string_view operation) {
  if (result == 2) throw_geos_error(operation);
  return result == 1;
}
}  // namespace

PreparedGeometry::PreparedGeometry(Geometry geometry) : geometry_(std::move(geometry)) {
  prepared_ = GEOSPrepare_r(geos(), geometry_.get());
  if (prepared_ == nullptr) throw_geos_error("prepare");
}

PreparedGeometry::PreparedGeometry(PreparedGeometry&& other) noexcept
    : geometry_(std::move(other.geometry_)), prepared_(other.prepared_) {
  other.prepared_ = nullptr;
}

PreparedGeometry& PreparedGeometry::operator=(PreparedGeometry&& other) noexcept {
  if (this != &other) {
    reset();
    geometry_ = std::move(other.geometry_);
    prepared_ = other.prepared_;
    other.prepared_ = nullptr;
  }
  return *this;
}

PreparedGeometry::~PreparedGeometry() { reset(); }

void PreparedGeometry::reset() noexcept {
  // The prepared object points into geometry_, so it must go first.
  if (prepared_ != nullptr) GEOSPreparedGeom_destroy_r(geos(), prepared_);
  prepared_ = nullptr;
}

bool PreparedGeometry::covers(const Geometry& other) const {
  return checked(GEOSPreparedCovers_r(geos(), prepared_, other.get()), "prepared covers");
}

bool PreparedGeometry::intersects(const Geometry& other) const {
  return checked(GEOSPreparedIntersects_r(geos(), prepared_, other.get()), "prepared intersects");
}

bool PreparedGeometry::contains(const Geometry& other) const {
  return checked(GEOSPreparedContains_r(geos(), prepared_, other.get()), "prepared contains");
}

double PreparedGeometry::distance(const Geometry& other) const {
  double value = 0;
  if (GEOSPreparedDistance_r(geos(), prepared_, other.get(), &value) == 0) throw_geos_error("prepared distance");
  return value;
}

void PreparedGeometry::warm() const {
  if (geometry_.is_empty()) return;
  const Envelope env = geometry_.envelope();
  const Geometry probe = make_point(env.min_x, env.min_y);
  // Point-in-polygon locator, segment intersection index and distance index respectively.
  (void)covers(probe);
  (void)intersects(probe);
  (void)distance(probe);
}

}  // namespace geo
