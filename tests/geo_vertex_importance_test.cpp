// Douglas–Peucker importance (geo/tiles/vertex_importance.hpp): keeping the vertices whose importance
// exceeds t² must give exactly what a plain recursive Douglas–Peucker keeps at tolerance t.
#include "geo/tiles/vertex_importance.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <random>

namespace {

double segment_distance(const geo::XY& p, const geo::XY& a, const geo::XY& b) {
  const double dx = b.x - a.x, dy = b.y - a.y;
  double t = 0;
  if (dx != 0 || dy != 0) t = std::clamp(((p.x - a.x) * dx + (p.y - a.y) * dy) / (dx * dx + dy * dy), 0.0, 1.0);
  return std::hypot(p.x - (a.x + t * dx), p.y - (a.y + t * dy));
}

// The textbook recursion.
void douglas_peucker(const std::vector<geo::XY>& line, std::size_t first, std::size_t last, double tolerance,
                     std::vector<bool>& keep) {
  if (last <= first + 1) return;
  double farthest = -1;
  std::size_t index = first;
  for (std::size_t i = first + 1; i < last; ++i) {
    const double d = segment_distance(line[i], line[first], line[last]);
    if (d > farthest) {
      farthest = d;
      index = i;
    }
  }
  if (farthest <= tolerance) return;
  keep[index] = true;
  douglas_peucker(line, first, index, tolerance, keep);
  douglas_peucker(line, index, last, tolerance, keep);
}

TEST(VertexImportance, FilteringByImportanceIsDouglasPeuckerAtEveryTolerance) {
  std::mt19937 random(3);
  std::normal_distribution<double> step(0.0, 1.0);
  for (int run = 0; run < 200; ++run) {
    std::vector<geo::XY> line{{0, 0}};
    for (int i = 0; i < 300; ++i) line.push_back({line.back().x + step(random), line.back().y + step(random)});
    if (run % 2 == 0) line.push_back(line.front());  // a closed ring: the first chord is a point
    const std::vector<double> importance = geo::dp_importance(line);
    ASSERT_EQ(importance.size(), line.size());
    EXPECT_TRUE(std::isinf(importance.front()) && std::isinf(importance.back()));
    for (const double tolerance : {0.05, 0.3, 1.0, 3.0, 10.0}) {
      std::vector<bool> expected(line.size(), false);
      expected.front() = expected.back() = true;
      douglas_peucker(line, 0, line.size() - 1, tolerance, expected);
      for (std::size_t i = 0; i < line.size(); ++i) {
        ASSERT_EQ(importance[i] > tolerance * tolerance, expected[i])
            << "run " << run << " vertex " << i << " at " << tolerance;
      }
    }
  }
}

}  // namespace
