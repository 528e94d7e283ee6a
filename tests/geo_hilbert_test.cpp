#include "geo/hilbert.hpp"

#include <gtest/gtest.h>

#include <cstdlib>
#include <set>

namespace {

TEST(Hilbert, FirstOrderVisitsTheQuadrantsInCurveOrder) {
  EXPECT_EQ(geo::hilbert_index(0, 0, 1), 0U);
  EXPECT_EQ(geo::hilbert_index(0, 1, 1), 1U);
  EXPECT_EQ(geo::hilbert_index(1, 1, 1), 2U);
  EXPECT_EQ(geo::hilbert_index(1, 0, 1), 3U);
}

TEST(Hilbert, IsABijectionWhoseStepsAreNeighbours) {
  constexpr unsigned kOrder = 5;
  constexpr std::uint64_t n = 1 << kOrder;
  std::vector<std::pair<std::uint64_t, std::uint64_t>> cell_at(n * n, {n, n});
  for (std::uint64_t x = 0; x < n; ++x) {
    for (std::uint64_t y = 0; y < n; ++y) {
      const std::uint64_t d = geo::hilbert_index(x, y, kOrder);
      ASSERT_LT(d, n * n);
      EXPECT_EQ(cell_at[d].first, n) << "index " << d << " taken twice";
      cell_at[d] = {x, y};
    }
  }
  // Consecutive indices are adjacent cells: what makes the curve a locality-preserving order.
  for (std::uint64_t d = 1; d < n * n; ++d) {
    const auto [x0, y0] = cell_at[d - 1];
    const auto [x1, y1] = cell_at[d];
    EXPECT_EQ(std::llabs(static_cast<long long>(x1) - static_cast<long long>(x0)) +
                  std::llabs(static_cast<long long>(y1) - static_cast<long long>(y0)),
              1)
        << d;
  }
}

}  // namespace
