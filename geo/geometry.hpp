#pragma once
// geo::Geometry: sole owner of one GEOSGeometry. Move-only; copies are explicit (clone()).
// All GEOS calls go through the calling thread's context (geos_context.hpp).
#include "geo/coord.hpp"

#include <geos_c.h>

#include <string>
#include <string_view>

namespace geo {

enum class GeometryType {
  Point,
  LineString,
  LinearRing,
  Polygon,
  MultiPoint,
  MultiLineString,
  MultiPolygon,
  GeometryCollection,
};

// "Point", "MultiPolygon", ... (the OGC / GeoJSON spelling).
std::string_view to_string(GeometryType type) noexcept;

class Geometry {
 public:
  Geometry() noexcept = default;  // the null geometry: owns nothing
  // Takes ownership of `owned`. A null pointer means the GEOS call that made it failed: throws
  // GeometryError naming `operation` and GEOS's message.
  static Geometry adopt(GEOSGeometry* owned, std::string_view operation);

  Geometry(Geometry&& other) noexcept : geometry_(other.geometry_) { other.geometry_ = nullptr; }
  Geometry& operator=(Geometry&& other) noexcept;
  Geometry(const Geometry&) = delete;
  Geometry& operator=(const Geometry&) = delete;
  ~Geometry();

  [[nodiscard]] Geometry clone() const;
  [[nodiscard]] bool is_null() const noexcept { return geometry_ == nullptr; }
  [[nodiscard]] const GEOSGeometry* get() const noexcept { return geometry_; }
  // Gives up ownership (for GEOS functions that take it, e.g. collection constructors).
  [[nodiscard]] GEOSGeometry* release() noexcept;

  [[nodiscard]] GeometryType type() const;
  [[nodiscard]] bool is_empty() const;
  [[nodiscard]] bool is_valid() const;
  // Why GEOS considers the geometry invalid ("Self-intersection[125.3 43.8]"), or "Valid Geometry".
  [[nodiscard]] std::string validity_reason() const;
  [[nodiscard]] int num_geometries() const;   // 1 for a non-collection
  [[nodiscard]] int num_coordinates() const;  // all vertices, rings and parts included
  [[nodiscard]] Geometry geometry_n(int index) const;  // a copy of part `index`
  [[nodiscard]] Envelope envelope() const;             // null envelope for an empty geometry

 private:
  explicit Geometry(GEOSGeometry* owned) noexcept : geometry_(owned) {}
  const GEOSGeometry* checked() const;

  GEOSGeometry* geometry_ = nullptr;
};

}  // namespace geo
