#pragma once
// PROJ transformations. A Transformer owns its own PJ_CONTEXT and PJ, so one object is used by one
// thread at a time; for code that runs on many threads, thread_transformer() hands each thread its
// own cached instance. Axis order is always x=easting/longitude, y=northing/latitude
// (proj_normalize_for_visualization), whatever the CRS definition says.
#include "geo/coord.hpp"
#include "geo/geometry.hpp"

#include <proj.h>

#include <span>
#include <string>
#include <string_view>

namespace geo {

class Transformer {
 public:
  // `source` and `target` are anything PROJ accepts: "EPSG:4490", a PROJ string, WKT.
  // Throws ProjectionError if PROJ does not know a CRS or cannot relate them.
  Transformer(std::string_view source, std::string_view target);
  Transformer(const Transformer&) = delete;
  Transformer& operator=(const Transformer&) = delete;
  Transformer(Transformer&& other) noexcept;
  Transformer& operator=(Transformer&& other) noexcept;
  ~Transformer();

  [[nodiscard]] const std::string& source() const noexcept { return source_; }
  [[nodiscard]] const std::string& target() const noexcept { return target_; }

  // Throw ProjectionError when a point cannot be transformed (outside the CRS's domain).
  [[nodiscard]] XY forward(XY point) const;
  [[nodiscard]] XY inverse(XY point) const;
  void forward(std::span<XY> points) const;
  [[nodiscard]] Geometry forward(const Geometry& geometry) const;
  [[nodiscard]] Geometry inverse(const Geometry& geometry) const;

 private:
  [[nodiscard]] XY apply(XY point, PJ_DIRECTION direction) const;
  [[nodiscard]] Geometry apply(const Geometry& geometry, PJ_DIRECTION direction) const;
  void reset() noexcept;

  std::string source_;
  std::string target_;
  PJ_CONTEXT* context_ = nullptr;
  PJ* transform_ = nullptr;
};

// The calling thread's Transformer for (source, target), created on first use.
const Transformer& thread_transformer(std::string_view source, std::string_view target);

}  // namespace geo
