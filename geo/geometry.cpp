#include "geo/geometry.hpp"

#include "geo/error.hpp"
#include "geo/geos_context.hpp"

#include <string>

namespace geo {

std::string_view to_string(GeometryType type) noexcept {
  switch (type) {
    case GeometryType::Point: return "Point";
    case GeometryType::LineString: return "LineString";
    case GeometryType::LinearRing: return "LinearRing";
    case GeometryType::Polygon: return "Polygon";
    case GeometryType::MultiPoint: return "MultiPoint";
    case GeometryType::MultiLineString: return "MultiLineString";
    case GeometryType::MultiPolygon: return "MultiPolygon";
    case GeometryType::GeometryCollection: return "GeometryCollection";
  }
  return "Unknown";
}

Geometry Geometry::adopt(GEOSGeometry* owned, std::string_view operation) {
  if (owned == nullptr) {
    throw_geos_error(operation);
  }
  return Geometry(owned);
}

Geometry& Geometry::operator=(Geometry&& other) noexcept {
  if (this != &other) {
    if (geometry_ != nullptr) GEOSGeom_destroy_r(geos(), geometry_);
    geometry_ = other.geometry_;
    other.geometry_ = nullptr;
  }
  return *this;
}

Geometry::~Geometry() {
  if (geometry_ != nullptr) GEOSGeom_destroy_r(geos(), geometry_);
}

GEOSGeometry* Geometry::release() noexcept {
  GEOSGeometry* owned = geometry_;
  geometry_ = nullptr;
  return owned;
}

const GEOSGeometry* Geometry::checked() const {
  if (geometry_ == nullptr) throw GeometryError("operation on a null geometry");
  return geometry_;
}

Geometry Geometry::clone() const {
  if (geometry_ == nullptr) return {};
  return adopt(GEOSGeom_clone_r(geos(), geometry_), "clone");
}

GeometryType Geometry::type() const {
  const int id = GEOSGeomTypeId_r(geos(), checked());
  switch (id) {
    case GEOS_POINT: return GeometryType::Point;
    case GEOS_LINESTRING: return GeometryType::LineString;
    case GEOS_LINEARRING: return GeometryType::LinearRing;
    case GEOS_POLYGON: return GeometryType::Polygon;
    case GEOS_MULTIPOINT: return GeometryType::MultiPoint;
    case GEOS_MULTILINESTRING: return GeometryType::MultiLineString;
    case GEOS_MULTIPOLYGON: return GeometryType::MultiPolygon;
    case GEOS_GEOMETRYCOLLECTION: return GeometryType::GeometryCollection;
    default: throw_geos_error("geometry type");
  }
}

bool Geometry::is_empty() const {
  const char result = GEOSisEmpty_r(geos(), checked());
  if (result == 2) throw_geos_error("is_empty");
  return result == 1;
}

bool Geometry::is_valid() const {
  const char result = GEOSisValid_r(geos(), checked());
  if (result == 2) throw_geos_error("is_valid");
  return result == 1;
}

std::string Geometry::validity_reason() const {
  char* reason = GEOSisValidReason_r(geos(), checked());
  if (reason == nullptr) throw_geos_error("validity_reason");
  std::string text(reason);
  GEOSFree_r(geos(), reason);
  return text;
}

int Geometry::num_geometries() const {
  const int n = GEOSGetNumGeometries_r(geos(), checked());
  if (n < 0) throw_geos_error("num_geometries");
  return n;
}

int Geometry::num_coordinates() const {
  const int n = GEOSGetNumCoordinates_r(geos(), checked());
  if (n < 0) throw_geos_error("num_coordinates");
  return n;
}

Geometry Geometry::geometry_n(int index) const {
  const GEOSGeometry* part = GEOSGetGeometryN_r(geos(), checked(), index);
  if (part == nullptr) throw_geos_error("geometry_n");
  return adopt(GEOSGeom_clone_r(geos(), part), "geometry_n");
}

Envelope Geometry::envelope() const {
  Envelope env;
  if (is_empty()) return env;
  auto* ctx = geos();
  if (GEOSGeom_getXMin_r(ctx, geometry_, &env.min_x) == 0 || GEOSGeom_getYMin_r(ctx, geometry_, &env.min_y) == 0 ||
      GEOSGeom_getXMax_r(ctx, geometry_, &env.max_x) == 0 || GEOSGeom_getYMax_r(ctx, geometry_, &env.max_y) == 0) {
    throw_geos_error("envelope");
  }
  return env;
}

}  // namespace geo
