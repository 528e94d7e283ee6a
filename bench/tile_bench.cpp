// Vector tile generation on the real store (LAYOUTD_STORE, default data/layout.gpkg), one thread;
// every layer, or those LAYOUTD_TILE_LAYERS lists (e.g. admin,groups,water_veins).
// The tile set is every tile z0–12 whose bounds meet the planning area's box, or the z,x,y CSV in
// LAYOUTD_TILE_LIST (bench/run_tile_peers.sh passes the list its peers render).
//   BM_ColdPyramid   a fresh TileSource per iteration: projection, per-zoom simplification and
//                    snapping, then every tile — what a new snapshot costs to tile in full
//   BM_WarmTiles     the same tiles from an already prepared source: the per-tile cost alone
//   BM_FirstTile/z   a fresh source's first tile at zoom z (projection + that zoom + the tile)
//   BM_PrepareZoom/z preparing one more zoom of an already projected source
// LAYOUTD_TILE_STATS=1 prints tile sizes per zoom (count, empty, max, p95, total bytes) first.
#include "geo/tiles/tile_math.hpp"
#include "layers/store/store_reader.hpp"
#include "layers/tiles/tile_source.hpp"

#include "bench_store.hpp"

#include <benchmark/benchmark.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <map>
#include <memory>
#include <sstream>

namespace {

const layers::ServedSnapshot& snapshot() {
  return bench::store_snapshot();
}

// The layers tiled: every layer of the store, or those LAYOUTD_TILE_LAYERS names (comma-separated),
// copied into a catalogue of their own, so that the sources prepare nothing else.
const std::vector<layers::Layer>& tiled_layers() {
  static const std::vector<layers::Layer> subset = [] {
    std::vector<layers::Layer> out;
    const char* names = std::getenv("LAYOUTD_TILE_LAYERS");
    if (names == nullptr || *names == '\0') return out;
    std::stringstream list(names);
    for (std::string id; std::getline(list, id, ',');) {
      const layers::Layer* layer = snapshot().find(id);
      if (layer == nullptr) throw std::runtime_error("LAYOUTD_TILE_LAYERS: no layer " + id + " in the store");
      std::vector<layers::Feature> features;
      for (const auto& f : layer->features()) features.push_back({f.fid, f.id, f.attributes, f.geometry.clone()});
      out.push_back(layers::Layer::build(layer->info(), std::move(features)));
    }
    return out;
  }();
  return subset.empty() ? snapshot().layers() : subset;
}

std::vector<geo::TileId> read_tile_list(const char* path) {
  std::ifstream in(path);
  if (!in) throw std::runtime_error(std::string("cannot read tile list ") + path);
  std::vector<geo::TileId> out;
  std::string line;
  while (std::getline(in, line)) {
    int z = 0;
    unsigned x = 0, y = 0;
    if (std::sscanf(line.c_str(), "%d,%u,%u", &z, &x, &y) == 3) out.push_back({z, x, y});
  }
  return out;
}

const std::vector<geo::TileId>& tiles() {
  static const std::vector<geo::TileId> instance = [] {
    if (const char* list = std::getenv("LAYOUTD_TILE_LIST")) return read_tile_list(list);
    const auto* area = snapshot().find("planning_area");
    std::vector<geo::TileId> out;
    for (int z = 0; z <= 12; ++z) {
      const auto range = geo::tiles_covering(area->bounds(), z);
      for (auto y = range.min_y; y <= range.max_y; ++y) {
        for (auto x = range.min_x; x <= range.max_x; ++x) out.push_back({z, x, y});
      }
    }
    return out;
  }();
  return instance;
}

void print_stats() {
  const layers::tiles::TileSource source(tiled_layers());
  struct Zoom {
    std::vector<std::size_t> sizes;
    std::size_t empty = 0;
  };
  std::map<int, Zoom> zooms;
  for (const auto& tile : tiles()) {
    const std::string bytes = source.render(tile);
    if (bytes.empty())
      ++zooms[tile.z].empty;
    else
      zooms[tile.z].sizes.push_back(bytes.size());
  }
  std::fprintf(stderr, "%4s %7s %7s %9s %9s %11s\n", "zoom", "tiles", "empty", "max B", "p95 B", "total B");
  for (auto& [z, zoom] : zooms) {
    auto& s = zoom.sizes;
    std::sort(s.begin(), s.end());
    std::size_t total = 0;
    for (auto n : s) total += n;
    const std::size_t p95 = s.empty() ? 0 : s[std::min(s.size() - 1, s.size() * 95 / 100)];
    std::fprintf(stderr, "%4d %7zu %7zu %9zu %9zu %11zu\n", z, s.size() + zoom.empty, zoom.empty,
                 s.empty() ? 0 : s.back(), p95, total);
  }
}

void render_all(const layers::tiles::TileSource& source, benchmark::State& state) {
  std::size_t bytes = 0;
  for (const auto& tile : tiles()) bytes += source.render(tile).size();
  benchmark::DoNotOptimize(bytes);
  state.counters["tile_bytes"] = static_cast<double>(bytes);
}

void BM_ColdPyramid(benchmark::State& state) {
  const auto& layers = tiled_layers();
  for (auto _ : state) {
    const layers::tiles::TileSource source(layers);
    render_all(source, state);
  }
  const double n = static_cast<double>(tiles().size());
  state.counters["tiles"] = n;
  state.counters["tiles_per_second"] = benchmark::Counter(n, benchmark::Counter::kIsIterationInvariantRate);
  state.counters["pyramid_seconds"] =
      benchmark::Counter(1, benchmark::Counter::kIsIterationInvariantRate | benchmark::Counter::kInvert);
}
BENCHMARK(BM_ColdPyramid)->Unit(benchmark::kMillisecond)->UseRealTime();

void BM_WarmTiles(benchmark::State& state) {
  const layers::tiles::TileSource source(tiled_layers());
  render_all(source, state);  // prepares every zoom once, outside the timing
  for (auto _ : state) render_all(source, state);
  const double n = static_cast<double>(tiles().size());
  state.counters["tiles_per_second"] = benchmark::Counter(n, benchmark::Counter::kIsIterationInvariantRate);
}
BENCHMARK(BM_WarmTiles)->Unit(benchmark::kMillisecond)->UseRealTime();

// The first request to a new source (a reload): projection of every feature, preparation of the
// tile's zoom, then the tile (长春's centre) — what that request waits for.
void BM_FirstTile(benchmark::State& state) {
  const int z = static_cast<int>(state.range(0));
  const geo::TileId tile = geo::tile_containing(125.3245, 43.8868, z);
  for (auto _ : state) {
    const layers::tiles::TileSource source(tiled_layers());
    benchmark::DoNotOptimize(source.render(tile));
  }
}
BENCHMARK(BM_FirstTile)->Arg(0)->Arg(6)->Arg(10)->Arg(12)->Arg(14)->Unit(benchmark::kMillisecond)->UseRealTime();

// Preparing one zoom alone (the source already projected): what a request to a zoom not asked for
// yet waits for, beyond the tile.
void BM_PrepareZoom(benchmark::State& state) {
  const int z = static_cast<int>(state.range(0));
  for (auto _ : state) {
    state.PauseTiming();
    auto source = std::make_unique<layers::tiles::TileSource>(tiled_layers());
    benchmark::DoNotOptimize(source->collapsed_counts(0));  // projects, and prepares z0
    state.ResumeTiming();
    benchmark::DoNotOptimize(source->collapsed_counts(z));
    state.PauseTiming();
    source.reset();
    state.ResumeTiming();
  }
}
BENCHMARK(BM_PrepareZoom)->Arg(6)->Arg(10)->Arg(12)->Arg(14)->Unit(benchmark::kMillisecond)->UseRealTime();

}  // namespace

int main(int argc, char** argv) {
  benchmark::Initialize(&argc, argv);
  (void)tiled_layers();  // the store is read (and its query indexes built) before any timing
  (void)tiles();
  if (const char* stats = std::getenv("LAYOUTD_TILE_STATS"); stats != nullptr && *stats == '1') print_stats();
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
