// Query engine throughput on the real store (LAYOUTD_STORE, default data/layout.gpkg), for sites
// drawn uniformly at random inside the metropolitan planning area. Compared against PostGIS by
// bench/run_peers.sh, which runs this program and the peer in one go.
#include "geo/geodesic.hpp"
#include "geo/operations.hpp"
#include "geo/prepared.hpp"
#include "layers/query/engine.hpp"
#include "layers/query/spatial_index.hpp"
#include "layers/store/store_reader.hpp"

#include "bench_store.hpp"

#include <benchmark/benchmark.h>

#include <cstdio>
#include <cstdlib>
#include <random>

namespace {

const layers::ServedSnapshot& snapshot() {
  return bench::store_snapshot();
}

// 100 000 sites uniformly distributed over the planning area (rejection sampling in its box).
const std::vector<geo::LonLat>& sites() {
  static const std::vector<geo::LonLat> instance = [] {
    const auto& area = snapshot()
                           .layers()[static_cast<std::size_t>(snapshot().layer_position("planning_area"))]
                           .features()[0]
                           .geometry;
    const geo::PreparedGeometry prepared(area.clone());
    const geo::Envelope env = area.envelope();
    std::mt19937_64 rng(20251128);
    std::uniform_real_distribution<double> lon(env.min_x, env.max_x);
    std::uniform_real_distribution<double> lat(env.min_y, env.max_y);
    std::vector<geo::LonLat> out;
    while (out.size() < 100000) {
      const geo::LonLat p{lon(rng), lat(rng)};
      if (prepared.covers(geo::make_point(p.lon, p.lat))) out.push_back(p);
    }
    return out;
  }();
  return instance;
}

layers::query::LocateOptions polygon_layers_only() {
  layers::query::LocateOptions options;
  options.with_nearest = false;
  for (std::uint32_t l = 0; l < snapshot().layers().size(); ++l) {
    if (snapshot().layers()[l].info().geometry_kind == layers::GeometryKind::Polygon) options.layers.push_back(l);
  }
  return options;
}

// Containment in every polygon layer (admin, planning area, centre, groups, protected zones, city
// layouts, policy zones): the PostGIS peer answers the same with ST_Covers. One result buffer is
// reused from site to site (locate_into), as a worker answering requests one after another does.
void BM_LocatePolygonLayers(benchmark::State& state) {
  const auto& points = sites();
  const auto options = polygon_layers_only();
  layers::query::LocateResult result;
  std::size_t i = 0;
  std::size_t matches = 0;
  for (auto _ : state) {
    layers::query::locate_into(snapshot(), points[i++ % points.size()], options, result);
    matches += result.matches.size();
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()));
  state.counters["matches_per_site"] = static_cast<double>(matches) / static_cast<double>(state.iterations());
}
BENCHMARK(BM_LocatePolygonLayers);

// Everything a /locate answer holds: polygons, bands of line layers, nearest of each line layer.
void BM_LocateFull(benchmark::State& state) {
  const auto& points = sites();
  layers::query::LocateResult result;
  std::size_t i = 0;
  for (auto _ : state) {
    layers::query::locate_into(snapshot(), points[i++ % points.size()], {}, result);
    benchmark::DoNotOptimize(result.matches.data());
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()));
}
BENCHMARK(BM_LocateFull);

// The same two, each answer returned by value (two allocations per site, and their release).
void BM_LocatePolygonLayersReturned(benchmark::State& state) {
  const auto& points = sites();
  const auto options = polygon_layers_only();
  std::size_t i = 0;
  for (auto _ : state)
    benchmark::DoNotOptimize(layers::query::locate(snapshot(), points[i++ % points.size()], options));
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()));
}
BENCHMARK(BM_LocatePolygonLayersReturned);

void BM_LocateFullReturned(benchmark::State& state) {
  const auto& points = sites();
  std::size_t i = 0;
  for (auto _ : state) benchmark::DoNotOptimize(layers::query::locate(snapshot(), points[i++ % points.size()]));
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()));
}
BENCHMARK(BM_LocateFullReturned);

void BM_Nearest(benchmark::State& state) {
  const auto& points = sites();
  const auto layer = static_cast<std::uint32_t>(snapshot().layer_position("water_veins"));
  const auto k = static_cast<std::size_t>(state.range(0));
  std::size_t i = 0;
  for (auto _ : state)
    benchmark::DoNotOptimize(layers::query::nearest(snapshot(), points[i++ % points.size()], layer, k));
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()));
}
BENCHMARK(BM_Nearest)->Arg(1)->Arg(3);

// A 1 km² square parcel at each site, against every polygon layer.
void BM_Overlap1km2(benchmark::State& state) {
  const auto& points = sites();
  std::vector<geo::Geometry> parcels;
  for (std::size_t i = 0; i < 1000; ++i) {
    const geo::LonLat c = points[i];
    const geo::LocalMetric m = geo::LocalMetric::at(c.lat);
    const double dx = 500.0 / m.sx;
    const double dy = 500.0 / m.sy;
    parcels.push_back(geo::make_polygon(std::vector<geo::XY>{
        {c.lon - dx, c.lat - dy}, {c.lon + dx, c.lat - dy}, {c.lon + dx, c.lat + dy}, {c.lon - dx, c.lat + dy}}));
  }
  std::size_t i = 0;
  for (auto _ : state) benchmark::DoNotOptimize(layers::query::overlap(snapshot(), parcels[i++ % parcels.size()]));
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()));
}
BENCHMARK(BM_Overlap1km2);

// 100 000 full locates as one batch on 2 threads (the CI machine's cores).
void BM_Batch100k(benchmark::State& state) {
  const auto& points = sites();
  const auto threads = static_cast<unsigned>(state.range(0));
  for (auto _ : state) benchmark::DoNotOptimize(layers::query::locate_batch(snapshot(), points, {}, threads));
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * points.size()));
}
BENCHMARK(BM_Batch100k)->Arg(1)->Arg(2)->Unit(benchmark::kMillisecond)->UseRealTime();

// The same 100 000 sites as one batch over the polygon layers, on one thread: the like-for-like
// peer of PostGIS's set-based ST_Covers join (one statement over all sites, free to order its work).
void BM_BatchPolygonLayers100k(benchmark::State& state) {
  const auto& points = sites();
  const auto options = polygon_layers_only();
  std::size_t matches = 0;
  for (auto _ : state) {
    const auto results = layers::query::locate_batch(snapshot(), points, options, 1);
    for (std::size_t i = 0; i < results.size(); ++i) matches += results[i].matches.size();
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * points.size()));
  state.counters["matches_per_site"] =
      static_cast<double>(matches) / static_cast<double>(state.iterations() * points.size());
}
BENCHMARK(BM_BatchPolygonLayers100k)->Unit(benchmark::kMillisecond)->UseRealTime();

// Building the query index (trees, polygon grid with its sub-cell masks, line grid) from the
// snapshot's layers: done once per snapshot, so it is part of what a reload costs.
void BM_BuildIndex(benchmark::State& state) {
  for (auto _ : state) benchmark::DoNotOptimize(layers::query::SpatialIndex(snapshot().layers()));
}
BENCHMARK(BM_BuildIndex)->Unit(benchmark::kMillisecond)->UseRealTime();

}  // namespace

// LAYOUTD_DUMP_SITES=FILE writes the sites as CSV (id,lon,lat) and exits, so that the PostGIS peer
// (bench/run_peers.sh) answers exactly the same points.
int main(int argc, char** argv) {
  if (const char* dump = std::getenv("LAYOUTD_DUMP_SITES")) {
    std::FILE* out = std::fopen(dump, "w");
    if (out == nullptr) return 1;
    std::size_t id = 0;
    for (const auto& p : sites()) std::fprintf(out, "%zu,%.12f,%.12f\n", ++id, p.lon, p.lat);
    std::fclose(out);
    return 0;
  }
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
