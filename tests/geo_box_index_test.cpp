#include "geo/box_index.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <random>

namespace {

std::vector<std::uint32_t> brute_force(const std::vector<geo::Envelope>& boxes, const geo::Envelope& query) {
  std::vector<std::uint32_t> hits;
  for (std::uint32_t i = 0; i < boxes.size(); ++i) {
    if (boxes[i].intersects(query)) hits.push_back(i);
  }
  return hits;
}

TEST(BoxIndex, MatchesBruteForceOnRandomBoxes) {
  std::mt19937 rng(42);
  std::uniform_real_distribution<double> coord(0, 100);
  std::uniform_real_distribution<double> size(0, 5);
  for (const std::size_t n : {1U, 2U, 15U, 16U, 17U, 257U, 5000U}) {
    std::vector<geo::Envelope> boxes;
    for (std::size_t i = 0; i < n; ++i) {
      const double x = coord(rng);
      const double y = coord(rng);
      boxes.push_back({x, y, x + size(rng), y + size(rng)});
    }
    const geo::BoxIndex index(boxes);
    ASSERT_EQ(index.size(), n);
    for (int q = 0; q < 200; ++q) {
      const double x = coord(rng);
      const double y = coord(rng);
      const geo::Envelope query{x, y, x + size(rng) * 3, y + size(rng) * 3};
      auto got = index.query(query);
      std::sort(got.begin(), got.end());
      EXPECT_EQ(got, brute_force(boxes, query)) << "n=" << n << " q=" << q;
    }
  }
}

TEST(BoxIndex, PointQueryOnSharedEdgeFindsBothBoxes) {
  const std::vector<geo::Envelope> boxes = {{0, 0, 1, 1}, {1, 0, 2, 1}, {5, 5, 6, 6}};
  const geo::BoxIndex index(boxes);
  auto got = index.query(geo::Envelope{1, 0.5, 1, 0.5});
  std::sort(got.begin(), got.end());
  EXPECT_EQ(got, (std::vector<std::uint32_t>{0, 1}));
  EXPECT_EQ(index.bounds(), (geo::Envelope{0, 0, 6, 6}));
}

TEST(BoxIndex, EmptyIndexAndEarlyStop) {
  const geo::BoxIndex empty;
  EXPECT_TRUE(empty.query(geo::Envelope{0, 0, 1, 1}).empty());
  std::vector<geo::Envelope> boxes(100, geo::Envelope{0, 0, 1, 1});
  const geo::BoxIndex index(boxes);
  int visited = 0;
  index.query(geo::Envelope{0, 0, 1, 1}, [&](std::uint32_t) { return ++visited < 3; });
  EXPECT_EQ(visited, 3);
}

}  // namespace
