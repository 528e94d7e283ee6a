#include "sdf.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>

namespace glyphs {
namespace {

constexpr double kInfinity = 1e20;  // "no source": finite, so that differences stay numbers

// One row or column: d[q] = min over p of (q - p)^2 + f[p], in O(n). `v` (parabola vertices) and
// `z` (boundaries between them, n + 1) are scratch space.
void transform_1d(std::span<double> f, std::span<double> d, std::span<int> v, std::span<double> z) {
  const int n = static_cast<int>(f.size());
  int k = 0;
  v[0] = 0;
  z[0] = -std::numeric_limits<double>::infinity();
  z[1] = std::numeric_limits<double>::infinity();
  for (int q = 1; q < n; ++q) {
    double s = 0;
    do {
      const int r = v[static_cast<std::size_t>(k)];
      s = (f[static_cast<std::size_t>(q)] - f[static_cast<std::size_t>(r)] + static_cast<double>(q * q - r * r)) /
          static_cast<double>(2 * (q - r));
    } while (s <= z[static_cast<std::size_t>(k)] && --k >= 0);
    ++k;
    v[static_cast<std::size_t>(k)] = q;
    z[static_cast<std::size_t>(k)] = s;
    z[static_cast<std::size_t>(k) + 1] = std::numeric_limits<double>::infinity();
  }
  k = 0;
  for (int q = 0; q < n; ++q) {
    while (z[static_cast<std::size_t>(k) + 1] < q) ++k;
    const int r = v[static_cast<std::size_t>(k)];
    d[static_cast<std::size_t>(q)] = static_cast<double>((q - r) * (q - r)) + f[static_cast<std::size_t>(r)];
  }
}

}  // namespace

void squared_distance_transform(std::span<double> grid, int width, int height) {
  if (width < 0 || height < 0 || grid.size() != static_cast<std::size_t>(width) * static_cast<std::size_t>(height)) {
    throw std::invalid_argument("distance transform: grid size does not match width x height");
  }
  const auto longest = static_cast<std::size_t>(std::max(width, height));
  std::vector<double> f(longest), d(longest), z(longest + 1);
  std::vector<int> v(longest);
  const auto pass = [&](int lines, int length, auto index) {
    const auto n = static_cast<std::size_t>(length);
    for (int line = 0; line < lines; ++line) {
      for (int i = 0; i < length; ++i) f[static_cast<std::size_t>(i)] = grid[index(line, i)];
      transform_1d(std::span(f).first(n), std::span(d).first(n), std::span(v).first(n), std::span(z).first(n + 1));
      for (int i = 0; i < length; ++i) grid[index(line, i)] = d[static_cast<std::size_t>(i)];
    }
  };
  const auto at = [width](int x, int y) { return static_cast<std::size_t>(y) * static_cast<std::size_t>(width) + x; };
  pass(width, height, [&](int x, int y) { return at(x, y); });  // columns
  pass(height, width, [&](int y, int x) { return at(x, y); });  // rows
}

std::vector<std::uint8_t> sdf_from_coverage(std::span<const std::uint8_t> coverage, int width, int height,
                                            const SdfParams& params) {
  if (width < 0 || height < 0 || params.buffer < 0 || params.radius <= 0 ||
      coverage.size() != static_cast<std::size_t>(width) * static_cast<std::size_t>(height)) {
    throw std::invalid_argument("sdf: coverage size does not match width x height, or bad parameters");
  }
  const int w = width + 2 * params.buffer;
  const int h = height + 2 * params.buffer;
  const auto cells = static_cast<std::size_t>(w) * static_cast<std::size_t>(h);
  // Distances to the ink (outer) and to the empty space (inner), each from its own side.
  std::vector<double> outer(cells, kInfinity);
  std::vector<double> inner(cells, 0.0);
  for (int y = 0; y < height; ++y) {
    for (int x = 0; x < width; ++x) {
      const double a = coverage[static_cast<std::size_t>(y) * static_cast<std::size_t>(width) + x] / 255.0;
      const std::size_t i = static_cast<std::size_t>(y + params.buffer) * static_cast<std::size_t>(w) + x +
                            static_cast<std::size_t>(params.buffer);
      if (a >= 1.0) {
        outer[i] = 0.0;
        inner[i] = kInfinity;
      } else if (a > 0.0) {
        const double d = 0.5 - a;  // the outline's offset from the pixel centre
        outer[i] = d > 0 ? d * d : 0.0;
        inner[i] = d < 0 ? d * d : 0.0;
      }
    }
  }
  squared_distance_transform(outer, w, h);
  squared_distance_transform(inner, w, h);

  std::vector<std::uint8_t> out(cells);
  for (std::size_t i = 0; i < cells; ++i) {
    const double distance = std::sqrt(outer[i]) - std::sqrt(inner[i]);  // > 0 outside the ink
    const double value = 255.0 - 255.0 * (distance / params.radius + params.cutoff);
    out[i] = static_cast<std::uint8_t>(std::clamp(std::lround(value), 0L, 255L));
  }
  return out;
}

}  // namespace glyphs
