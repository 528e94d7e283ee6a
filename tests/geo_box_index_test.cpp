#include "geo/box_index.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <limits>
#include <random>
#include <stdexcept>
#include <utility>

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

// Boxes along a few "features" (random walks, as segments of a line are), each box tagged with its
// walk: groups are spatially coherent like the segment index's, with mixed nodes where walks cross.
struct Walks {
  std::vector<geo::Envelope> boxes;
  std::vector<std::uint32_t> groups;
};

Walks random_walks(std::uint32_t walks, std::uint32_t steps, unsigned seed) {
  std::mt19937 rng(seed);
  std::uniform_real_distribution<double> start(0, 100);
  std::uniform_real_distribution<double> step(-1.5, 1.5);
  Walks out;
  for (std::uint32_t w = 0; w < walks; ++w) {
    double x = start(rng);
    double y = start(rng);
    for (std::uint32_t i = 0; i < steps; ++i) {
      const double nx = x + step(rng);
      const double ny = y + step(rng);
      out.boxes.push_back({std::min(x, nx), std::min(y, ny), std::max(x, nx), std::max(y, ny)});
      out.groups.push_back(w);
      x = nx;
      y = ny;
    }
  }
  return out;
}

TEST(BoxIndex, GroupQueryVisitsExactlyThatGroupsIntersectingItems) {
  const Walks walks = random_walks(12, 400, 7);
  const geo::BoxIndex index(walks.boxes, walks.groups);
  std::mt19937 rng(9);
  std::uniform_real_distribution<double> coord(0, 100);
  for (int q = 0; q < 300; ++q) {
    const double x = coord(rng);
    const double y = coord(rng);
    const geo::Envelope query{x, y, x + 15, y + 15};
    const auto group = static_cast<std::uint32_t>(q % 12);
    std::vector<std::uint32_t> got;
    index.query_group(query, group, [&](std::uint32_t id) {
      got.push_back(id);
      return true;
    });
    std::sort(got.begin(), got.end());
    std::vector<std::uint32_t> expected;
    for (const auto id : brute_force(walks.boxes, query)) {
      if (walks.groups[id] == group) expected.push_back(id);
    }
    EXPECT_EQ(got, expected) << "q=" << q;
  }
  EXPECT_THROW(geo::BoxIndex(walks.boxes, std::vector<std::uint32_t>(3, 0)), std::invalid_argument);
}

TEST(BoxIndex, NearestFirstWithPruneFindsTheNearestGroupsAsWithout) {
  // The k nearest groups to a point (distance to a box), with and without skipping subtrees of a
  // group already found nearer than their bound: same answer, fewer items visited.
  const Walks walks = random_walks(30, 300, 11);
  const geo::BoxIndex index(walks.boxes, walks.groups);
  std::vector<geo::BoxIndex::HeapEntry> heap;
  std::mt19937 rng(13);
  std::uniform_real_distribution<double> coord(0, 100);
  std::size_t visited_plain = 0;
  std::size_t visited_pruned = 0;
  for (int q = 0; q < 200; ++q) {
    const geo::XY p{coord(rng), coord(rng)};
    auto bound = [&](const geo::Envelope& b) {
      const double dx = std::max({b.min_x - p.x, 0.0, p.x - b.max_x});
      const double dy = std::max({b.min_y - p.y, 0.0, p.y - b.max_y});
      return dx * dx + dy * dy;
    };
    constexpr std::size_t k = 3;
    auto search = [&](bool with_prune, std::size_t& visited) {
      std::vector<std::pair<double, std::uint32_t>> best;  // (distance², group), sorted
      auto worst = [&] { return best.size() < k ? std::numeric_limits<double>::infinity() : best.back().first; };
      auto visit = [&](std::uint32_t id, double lower) {
        if (lower > worst()) return false;
        ++visited;
        const double d = bound(walks.boxes[id]);
        const std::uint32_t g = walks.groups[id];
        auto it = std::find_if(best.begin(), best.end(), [&](const auto& b) { return b.second == g; });
        if (it != best.end()) {
          if (d >= it->first) return true;
          best.erase(it);
        }
        best.insert(std::upper_bound(best.begin(), best.end(), std::pair{d, g}), {d, g});
        if (best.size() > k) best.pop_back();
        return true;
      };
      auto prune = [&](std::uint32_t g, double lower) {
        if (!with_prune || lower > worst()) return false;
        auto it = std::find_if(best.begin(), best.end(), [&](const auto& b) { return b.second == g; });
        return it != best.end() && it->first <= lower;
      };
      index.nearest_first(bound, visit, heap, prune);
      return best;
    };
    const auto plain = search(false, visited_plain);
    const auto pruned = search(true, visited_pruned);
    ASSERT_EQ(pruned, plain) << "q=" << q;
    // Brute force over groups.
    std::vector<std::pair<double, std::uint32_t>> all(30, {std::numeric_limits<double>::infinity(), 0});
    for (std::uint32_t g = 0; g < 30; ++g) all[g].second = g;
    for (std::size_t i = 0; i < walks.boxes.size(); ++i) {
      all[walks.groups[i]].first = std::min(all[walks.groups[i]].first, bound(walks.boxes[i]));
    }
    std::sort(all.begin(), all.end());
    all.resize(k);
    EXPECT_EQ(plain, all) << "q=" << q;
  }
  EXPECT_LT(visited_pruned, visited_plain);
}

}  // namespace
