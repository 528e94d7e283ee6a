// Micro-benchmarks of the geo/ primitives the query engine is built from. Reported, not asserted.
#include "geo/box_index.hpp"
#include "geo/gcj02.hpp"
#include "geo/geodesic.hpp"
#include "geo/operations.hpp"
#include "geo/prepared.hpp"

#include <benchmark/benchmark.h>

#include <random>

namespace {

void BM_Gcj02ToWgs84(benchmark::State& state) {
  double lon = 125.0;
  for (auto _ : state) {
    lon = lon > 126.0 ? 125.0 : lon + 1e-4;
    benchmark::DoNotOptimize(geo::gcj02_to_wgs84({lon, 43.88}));
  }
}
BENCHMARK(BM_Gcj02ToWgs84);

void BM_GeodesicDistance(benchmark::State& state) {
  const geo::Geodesic geodesic;
  double lon = 125.0;
  for (auto _ : state) {
    lon = lon > 126.0 ? 125.0 : lon + 1e-4;
    benchmark::DoNotOptimize(geodesic.distance_m({lon, 43.88}, {126.55, 43.84}));
  }
}
BENCHMARK(BM_GeodesicDistance);

// The query engine's distance: plane below 10 km, ECEF chord to arc up to 800 km. The argument is
// the distance in km between the two points.
void BM_GeodesicDistanceFast(benchmark::State& state) {
  const geo::Geodesic geodesic;
  const double span_deg = static_cast<double>(state.range(0)) / 80.0;  // ~80 km per degree of lon here
  double lon = 125.0;
  for (auto _ : state) {
    lon = lon > 125.1 ? 125.0 : lon + 1e-5;
    benchmark::DoNotOptimize(geodesic.distance_m_fast({lon, 43.88}, {lon + span_deg, 43.84}));
  }
}
BENCHMARK(BM_GeodesicDistanceFast)->Arg(5)->Arg(50);

void BM_PreparedCoversPoint(benchmark::State& state) {
  // A 256-vertex polygon, the piece size the query engine subdivides to.
  geo::PreparedGeometry polygon(geo::buffer(geo::make_point(125.3, 43.9), 0.5, 64));
  polygon.warm();
  std::mt19937 rng(1);
  std::uniform_real_distribution<double> dx(-0.6, 0.6);
  std::vector<geo::Geometry> points;
  for (int i = 0; i < 1024; ++i) points.push_back(geo::make_point(125.3 + dx(rng), 43.9 + dx(rng)));
  std::size_t i = 0;
  for (auto _ : state) benchmark::DoNotOptimize(polygon.covers(points[i++ & 1023]));
}
BENCHMARK(BM_PreparedCoversPoint);

void BM_BoxIndexPointQuery(benchmark::State& state) {
  std::mt19937 rng(2);
  std::uniform_real_distribution<double> c(0, 100);
  std::vector<geo::Envelope> boxes;
  for (int i = 0; i < state.range(0); ++i) {
    const double x = c(rng);
    const double y = c(rng);
    boxes.push_back({x, y, x + 1, y + 1});
  }
  const geo::BoxIndex index(boxes);
  std::size_t hits = 0;
  for (auto _ : state) {
    const double x = c(rng);
    const double y = c(rng);
    index.query(geo::Envelope{x, y, x, y}, [&](std::uint32_t) {
      ++hits;
      return true;
    });
  }
  benchmark::DoNotOptimize(hits);
}
BENCHMARK(BM_BoxIndexPointQuery)->Arg(1000)->Arg(100000);

}  // namespace

BENCHMARK_MAIN();
