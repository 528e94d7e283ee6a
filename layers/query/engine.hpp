#pragma once
// The spatial questions users ask, as pure functions of an IndexedSnapshot and an input:
//   locate  — which features a site falls in: polygons that cover it (a point on a boundary counts
//             as inside), linear elements whose axis is within their band_m; plus the county and
//             the nearest feature of every line layer;
//   nearest — the k nearest features of a layer, with geodesic distances;
//   overlap — which polygons a parcel intersects, by how many km² (equal-area) and what share;
//   locate_batch — many sites over several threads, results in input order.
// Distances are geodesic on WGS84 (geo::Geodesic::distance_m_fast, 2 cm) from the site to the
// feature's point closest to it, which is found in a local plane: exact enough up to ~30 km;
// beyond, the point drifts along the feature and the distance runs long, by about 2.4e-10·d² m
// (2.3 m at 100 km, 3.4 m at 119 km against a brute-force geodesic search; query_test
// Nearest.RiverDistancesMatchBruteForceAndGeography).
#include "geo/coord.hpp"
#include "geo/geometry.hpp"
#include "layers/query/budget.hpp"
#include "layers/query/indexed_snapshot.hpp"

#include <cstdint>
#include <span>
#include <vector>

namespace layers::query {

struct Match {
  std::uint32_t layer = 0;    // index into Snapshot::layers()
  std::uint32_t feature = 0;  // index into Layer::features()
  double distance_m = 0;      // 0 for a polygon that covers the site
  geo::LonLat closest;        // the feature's point closest to the site (the site itself if inside)
};

struct LocateOptions {
  std::vector<std::uint32_t> layers;  // restrict matches to these layers; empty: every layer
  bool with_nearest = true;           // nearest feature of every line layer
};

// One site's answer, viewing lists held by a LocateResult or a LocateBatch.
struct LocateView {
  geo::LonLat site;
  const Feature* county = nullptr;
  std::span<const Match> matches;
  std::span<const Match> nearest;
};

struct LocateResult {
  geo::LonLat site;
  const Feature* county = nullptr;  // the admin unit covering the site, if any
  std::vector<Match> matches;       // layer order, then feature order
  std::vector<Match> nearest;       // one per line layer
};

LocateResult locate(const IndexedSnapshot& snapshot, geo::LonLat site, const LocateOptions& options = {});
// The same answer written into `out`, whose lists are cleared first and keep their capacity: a
// caller answering sites one after another with one `out` allocates nothing after the first.
void locate_into(const IndexedSnapshot& snapshot, const geo::LonLat& site, const LocateOptions& options, LocateResult& out);

std::vector<Match> nearest(const IndexedSnapshot& snapshot, geo::LonLat site, std::uint32_t layer, std::size_t k);

struct OverlapHit {
  std::uint32_t layer = 0;
  std::uint32_t feature = 0;
  double area_km2 = 0;
  double share = 0;  // of the parcel's area
};

struct OverlapResult {
  double parcel_km2 = 0;
  std::vector<OverlapHit> hits;  // layer order, then feature order; polygon layers only
};

// `parcel`: a valid Polygon or MultiPolygon in WGS84 lon/lat, else InputError. `budget` is checked
// between the pieces the parcel meets (each costs O(parcel vertices)); Interrupted when it runs out.
OverlapResult overlap(const IndexedSnapshot& snapshot, const geo::Geometry& parcel,
                      const std::vector<std::uint32_t>& layers = {}, const Budget& budget = {});

// The answers to a batch, in input order: batch[i] answers sites[i]. Held column-wise (one list
// of matches per answering thread, and a slot per site pointing into it) rather than as one
// LocateResult per site: 100 000 answers are then a handful of allocations, not 200 000, which
// had cost more than the locates themselves (bench/query_bench: BM_BatchPolygonLayers100k).
class LocateBatch {
 public:
  std::size_t size() const { return slots_.size(); }
  bool empty() const { return slots_.empty(); }
  LocateView operator[](std::size_t i) const;

 private:
  friend LocateBatch locate_batch(const IndexedSnapshot&, std::span<const geo::LonLat>, const LocateOptions&, unsigned,
                                  const Budget&);
  struct Part {  // what one thread answered, in its order
    std::vector<Match> matches;
    std::vector<Match> nearest;
  };
  struct Slot {
    geo::LonLat site;
    const Feature* county = nullptr;
    std::size_t match_begin = 0;  // in its part's lists
    std::size_t nearest_begin = 0;
    std::uint32_t part = 0;
    std::uint32_t match_count = 0;  // a site matches at most every feature once: < 2^32
    std::uint32_t nearest_count = 0;
  };
  std::vector<Part> parts_;
  std::vector<Slot> slots_;  // input order
};

// `threads` = 0: one per core. `budget` is checked every kBudgetStride sites in each thread;
// Interrupted when it runs out.
LocateBatch locate_batch(const IndexedSnapshot& snapshot, std::span<const geo::LonLat> sites,
                         const LocateOptions& options = {}, unsigned threads = 0, const Budget& budget = {});

}  // namespace layers::query
