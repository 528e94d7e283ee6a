#pragma once
// Plain coordinate and envelope values shared by every part of geo/.
#include <algorithm>
#include <limits>

namespace geo {

// Longitude/latitude in degrees, always in that order (the API's and GeoJSON's order).
struct LonLat {
  double lon = 0;
  double lat = 0;
};

// Projected or geographic x/y, depending on the CRS it came from.
struct XY {
  double x = 0;
  double y = 0;
};

// Axis-aligned bounding box; default-constructed it is null (contains nothing).
struct Envelope {
  double min_x = std::numeric_limits<double>::infinity();
  double min_y = std::numeric_limits<double>::infinity();
  double max_x = -std::numeric_limits<double>::infinity();
  double max_y = -std::numeric_limits<double>::infinity();

  [[nodiscard]] bool is_null() const noexcept { return min_x > max_x || min_y > max_y; }

  void expand(double x, double y) noexcept {
    min_x = std::min(min_x, x);
    min_y = std::min(min_y, y);
    max_x = std::max(max_x, x);
    max_y = std::max(max_y, y);
  }
  void expand(const Envelope& other) noexcept {
    if (other.is_null()) return;
    expand(other.min_x, other.min_y);
    expand(other.max_x, other.max_y);
  }
  [[nodiscard]] bool intersects(const Envelope& o) const noexcept {
    return !(o.min_x > max_x || o.max_x < min_x || o.min_y > max_y || o.max_y < min_y);
  }
  [[nodiscard]] bool contains(double x, double y) const noexcept {
    return x >= min_x && x <= max_x && y >= min_y && y <= max_y;
  }
  friend bool operator==(const Envelope&, const Envelope&) = default;
};

}  // namespace geo
