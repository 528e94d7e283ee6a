#include "geo/tiles/tile_point.hpp"

namespace geo::mvt {

std::int64_t ring_area2(std::span<const TilePoint> ring) noexcept {
  std::int64_t sum = 0;
  for (std::size_t i = 0, n = ring.size(); i < n; ++i) {
    const TilePoint& a = ring[i];
    const TilePoint& b = ring[(i + 1) % n];
    sum += std::int64_t{a.x} * b.y - std::int64_t{b.x} * a.y;
  }
  return sum;
}

}  // namespace geo::mvt
