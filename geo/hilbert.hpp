#pragma once
// Position along the Hilbert curve that fills a 2^order × 2^order grid: cells close on the curve
// are close in the plane, which is what makes it a good sort key for spatial locality (PMTiles
// tile ids, and the order a batch of sites is answered in).
#include <cstdint>
#include <utility>

namespace geo {

// The classic xy → d walk from the largest quadrant down, rotating so the curve stays continuous.
// x, y < 2^order, order ≤ 31.
constexpr std::uint64_t hilbert_index(std::uint64_t x, std::uint64_t y, unsigned order) noexcept {
  const std::uint64_t n = std::uint64_t{1} << order;
  std::uint64_t d = 0;
  for (std::uint64_t s = n / 2; s > 0; s /= 2) {
    const std::uint64_t rx = (x & s) != 0 ? 1 : 0;
    const std::uint64_t ry = (y & s) != 0 ? 1 : 0;
    d += s * s * ((3 * rx) ^ ry);
    if (ry == 0) {
      if (rx == 1) {
        x = n - 1 - x;
        y = n - 1 - y;
      }
      std::swap(x, y);
    }
  }
  return d;
}

}  // namespace geo
