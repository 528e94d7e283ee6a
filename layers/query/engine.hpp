#pragma once
// The spatial questions users ask, as pure functions of a Snapshot and an input:
//   locate  — which features a site falls in: polygons that cover it (a point on a boundary counts
//             as inside), linear elements whose axis is within their band_m; plus the county and
//             the nearest feature of every line layer;
//   nearest — the k nearest features of a layer, with geodesic distances;
//   overlap — which polygons a parcel intersects, by how many km² (equal-area) and what share;
//   locate_batch — many sites over several threads, results in input order.
// Distances are geodesic on WGS84 to within 0.2 m (geo::Geodesic::distance_m_fast).
#include "geo/coord.hpp"
#include "geo/geometry.hpp"
#include "layers/snapshot.hpp"

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

struct LocateResult {
  geo::LonLat site;
  const Feature* county = nullptr;  // the admin unit covering the site, if any
  std::vector<Match> matches;       // layer order, then feature order
  std::vector<Match> nearest;       // one per line layer
};

LocateResult locate(const Snapshot& snapshot, geo::LonLat site, const LocateOptions& options = {});
// The same answer written into `out`, whose lists are cleared first and keep their capacity: a
// caller answering sites one after another with one `out` allocates nothing after the first.
void locate_into(const Snapshot& snapshot, geo::LonLat site, const LocateOptions& options, LocateResult& out);

std::vector<Match> nearest(const Snapshot& snapshot, geo::LonLat site, std::uint32_t layer, std::size_t k);

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

// `parcel`: a valid Polygon or MultiPolygon in WGS84 lon/lat, else InputError.
OverlapResult overlap(const Snapshot& snapshot, const geo::Geometry& parcel,
                      const std::vector<std::uint32_t>& layers = {});

// `threads` = 0: one per core.
std::vector<LocateResult> locate_batch(const Snapshot& snapshot, std::span<const geo::LonLat> sites,
                                       const LocateOptions& options = {}, unsigned threads = 0);

}  // namespace layers::query
