#include "layers/query/engine.hpp"

#include "geo/geodesic.hpp"
#include "geo/hilbert.hpp"
#include "geo/measure.hpp"
#include "geo/operations.hpp"
#include "geo/planar.hpp"
#include "layers/query/line_grid.hpp"
#include "layers/query/polygon_grid.hpp"
#include "layers/query/site.hpp"
#include "layers/query/spatial_index.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <thread>

namespace layers::query {
namespace {

// Layers with at most this many segments are scanned linearly: cheaper than any tree walk.
constexpr std::size_t kLinearScanSegments = 128;

const geo::Geodesic& geodesic() {
  static const geo::Geodesic instance;  // immutable after construction: safe to share
  return instance;
}

bool wanted(const std::vector<std::uint32_t>& filter, std::uint32_t layer) {
  return filter.empty() || std::find(filter.begin(), filter.end(), layer) != filter.end();
}

// The layer filter as a bit set (snapshots have far fewer than 64 layers; beyond that, layers
// 64+ are always wanted by the mask and filtered by `wanted`).
std::uint64_t layer_mask(const std::vector<std::uint32_t>& filter) {
  if (filter.empty()) return ~std::uint64_t{0};
  std::uint64_t mask = 0;
  for (const auto l : filter) mask |= l < 64 ? (std::uint64_t{1} << l) : 0;
  return mask;
}

bool in_mask(std::uint64_t mask, std::uint32_t layer, const std::vector<std::uint32_t>& filter) {
  return layer < 64 ? ((mask >> layer) & 1U) != 0 : wanted(filter, layer);
}

// Features of a polygon layer that cover the site, appended to `out` in feature order.
void covering_features(const LayerIndex& index, geo::XY site, std::vector<std::uint32_t>& out) {
  const std::size_t first = out.size();
  index.piece_index.query(geo::Envelope{site.x, site.y, site.x, site.y}, [&](std::uint32_t id) {
    const Piece& piece = index.pieces[id];
    if (std::find(out.begin() + static_cast<std::ptrdiff_t>(first), out.end(), piece.feature) != out.end()) return true;
    bool covered = piece.fills_box;
    if (!covered) {
      const std::span<const std::uint32_t> ring_ends(index.piece_ring_ends.data() + piece.ring_begin,
                                                     piece.ring_end - piece.ring_begin);
      const std::span<const geo::XY> vertices(index.piece_vertices.data() + piece.vertex_begin, ring_ends.back());
      covered = geo::locate_in_rings(site, vertices, ring_ends) != geo::PointLocation::Outside;
    }
    if (covered) out.push_back(piece.feature);
    return true;
  });
  std::sort(out.begin() + static_cast<std::ptrdiff_t>(first), out.end());
}

struct Candidate {
  std::uint32_t feature;
  double d2;  // squared distance in the site's local metric
  geo::XY closest;
  std::uint32_t segment;
};

// Best-first search over the layer's segments for the k nearest features (excluding `skip`),
// by distance in the local metric at the site.
void nearest_candidates(const LayerIndex& index, geo::XY site, const geo::LocalMetric& metric, std::size_t k,
                        const std::vector<std::uint32_t>& skip, std::vector<Candidate>& best) {
  thread_local std::vector<geo::BoxIndex::HeapEntry> heap;
  best.clear();
  if (k == 0) return;
  auto bound = [&](const geo::Envelope& box) {
    const double dx = std::max({box.min_x - site.x, 0.0, site.x - box.max_x}) * metric.sx;
    const double dy = std::max({box.min_y - site.y, 0.0, site.y - box.max_y}) * metric.sy;
    return dx * dx + dy * dy;
  };
  auto worst = [&] { return best.size() < k ? std::numeric_limits<double>::infinity() : best.back().d2; };
  auto visit = [&](std::uint32_t id, double lower) {
    if (lower > worst()) return false;
    const Segment& s = index.segments[id];
    if (std::find(skip.begin(), skip.end(), s.feature) != skip.end()) return true;
    double t = 0;
    const double d2 = geo::segment_distance_squared(site, s.a, s.b, metric.sx, metric.sy, t);
    const geo::XY closest{s.a.x + t * (s.b.x - s.a.x), s.a.y + t * (s.b.y - s.a.y)};
    // Ordered by (distance, feature): ties go to the lower feature index whatever the
    // traversal order, as in locate().
    auto before = [](const Candidate& a, const Candidate& b) {
      return a.d2 != b.d2 ? a.d2 < b.d2 : a.feature < b.feature;
    };
    const Candidate candidate{s.feature, d2, closest, id};
    auto it = std::find_if(best.begin(), best.end(), [&](const Candidate& c) { return c.feature == s.feature; });
    if (it != best.end()) {
      if (d2 >= it->d2) return true;
      best.erase(it);
    } else if (best.size() >= k && !before(candidate, best.back())) {
      return true;
    }
    best.insert(std::upper_bound(best.begin(), best.end(), candidate, before), candidate);
    if (best.size() > k) best.pop_back();
    return true;
  };
  if (index.segments.size() <= kLinearScanSegments) {
    for (std::uint32_t id = 0; id < index.segments.size(); ++id) (void)visit(id, 0.0);
    return;
  }
  // A subtree of one feature is skipped once that feature is excluded, or found at a distance its
  // bound cannot beat: without this a search for the 3 nearest rivers walked every segment of the
  // 2 nearest out to the 3rd's distance.
  auto prune = [&](std::uint32_t feature, double lower) {
    if (lower > worst()) return false;  // the search is over: let visit() say so
    if (std::find(skip.begin(), skip.end(), feature) != skip.end()) return true;
    const auto it = std::find_if(best.begin(), best.end(), [&](const Candidate& c) { return c.feature == feature; });
    return it != best.end() && it->d2 <= lower;
  };
  index.segment_index.nearest_first(bound, visit, heap, prune);
}

struct Closest {
  double distance_m;
  geo::XY point;
};

// The geodesic distance from the site to `feature`, given its local-plane squared distance `d2`:
// every segment of the feature within the ranking window of that distance is measured again in
// the plane of the latitude midway to it (accurate to ~1e-5 relative, so the right segment wins
// among near-ties at 100 km, and its foot of the perpendicular moves by metres at 20+ km), then
// one geodesic for the winner.
Closest final_distance(const LayerIndex& index, geo::XY site, const geo::LocalMetric& metric, std::uint32_t feature,
                       double d2) {
  const double reach = ranking_window(std::sqrt(d2));
  const double dx = reach / metric.sx * 1.01;
  const double dy = reach / metric.sy * 1.01;
  double best_plane = std::numeric_limits<double>::infinity();
  geo::XY best_point = site;
  const double limit2 = reach * reach;
  auto consider = [&](const Segment& s) {
    double t = 0;
    if (geo::segment_distance_squared(site, s.a, s.b, metric.sx, metric.sy, t) > limit2) return;
    const double foot_y = s.a.y + t * (s.b.y - s.a.y);
    const geo::LocalMetric mid = geo::LocalMetric::at(0.5 * (site.y + foot_y));
    const double plane = geo::segment_distance_squared(site, s.a, s.b, mid.sx, mid.sy, t);
    if (plane < best_plane) {
      best_plane = plane;
      best_point = {s.a.x + t * (s.b.x - s.a.x), s.a.y + t * (s.b.y - s.a.y)};
    }
  };
  if (index.segments.size() <= kLinearScanSegments) {
    for (const auto& s : index.segments) {
      if (s.feature == feature) consider(s);
    }
  } else {
    index.segment_index.query_group(geo::Envelope{site.x - dx, site.y - dy, site.x + dx, site.y + dy}, feature,
                                    [&](std::uint32_t id) {
                                      if (index.segments[id].feature == feature) consider(index.segments[id]);
                                      return true;
                                    });
  }
  return {geodesic().distance_m_fast({site.x, site.y}, {best_point.x, best_point.y}), best_point};
}

// Line-layer features whose axis lies within their band of the site.
void band_matches(const LayerIndex& index, std::uint32_t layer, geo::XY site, const geo::LocalMetric& metric,
                  std::vector<Match>& out) {
  if (index.max_band_m <= 0) return;
  thread_local std::vector<Candidate> best;
  best.clear();
  // Degrees spanned by the widest band, with a margin for the metric changing across it.
  const double dx = index.max_band_m / metric.sx * 1.02;
  const double dy = index.max_band_m / metric.sy * 1.02;
  index.segment_index.query(geo::Envelope{site.x - dx, site.y - dy, site.x + dx, site.y + dy}, [&](std::uint32_t id) {
    const Segment& s = index.segments[id];
    double t = 0;
    const double d2 = geo::segment_distance_squared(site, s.a, s.b, metric.sx, metric.sy, t);
    auto it = std::find_if(best.begin(), best.end(), [&](const Candidate& c) { return c.feature == s.feature; });
    if (it == best.end()) {
      best.push_back({s.feature, d2, {s.a.x + t * (s.b.x - s.a.x), s.a.y + t * (s.b.y - s.a.y)}, id});
    } else if (d2 < it->d2) {
      *it = {s.feature, d2, {s.a.x + t * (s.b.x - s.a.x), s.a.y + t * (s.b.y - s.a.y)}, id};
    }
    return true;
  });
  std::sort(best.begin(), best.end(), [](const Candidate& a, const Candidate& b) { return a.feature < b.feature; });
  for (const auto& c : best) {
    const double band = index.band_m[c.feature];
    if (band <= 0 || c.d2 > ranking_window(band) * ranking_window(band)) continue;
    const Closest closest = final_distance(index, site, metric, c.feature, c.d2);
    if (closest.distance_m <= band)
      out.push_back({layer, c.feature, closest.distance_m, {closest.point.x, closest.point.y}});
  }
}

// A segment the candidate scan measured: its feature and squared distance in the site's plane.
struct Scanned {
  std::uint32_t segment;
  std::uint32_t feature;
  double d2;
  double t;  // the foot of the perpendicular along the segment, in the site's plane
};

// What the scan found for one feature of a line layer, and then its final distance.
struct FeatureBest {
  std::uint32_t feature;
  double d2;           // the smallest squared distance in the site's plane
  double limit2 = -1;  // final distance wanted: re-measure segments within this (else < 0)
  double plane = std::numeric_limits<double>::infinity();  // best distance² in a midway plane
  geo::XY point;                                           // and its foot
};

// Per-thread working memory of line_layer_from_candidates, kept between calls so that a locate
// allocates nothing here.
struct LineScratch {
  std::vector<FeatureBest> best;
  std::vector<std::int32_t> slot_of;  // feature -> its entry in `best` during one call, else -1
  std::vector<Scanned> scanned;
};

// Bands and nearest of one line layer from the line grid's candidate list for the site's cell.
// The final distances come from the segments the scan measured, as final_distance would compute
// them: the scan went on past the ranking window of the nearest distance and past the widest
// band's, so it saw every segment that can be a feature's nearest when the feature is the layer's
// nearest or lies within its band (a band feature farther than that is rejected either way, as
// any point of it is farther).
void line_layer_from_candidates(const LayerIndex& li, std::uint32_t l, geo::XY p, const geo::LocalMetric& metric,
                                const geo::DistanceFrom& from, std::span<const LineGrid::Entry> candidates, bool bands,
                                bool with_nearest, LineScratch& scratch, LocateResult& result) {
  auto& [best, slot_of, scanned] = scratch;
  best.clear();
  scanned.clear();
  if (slot_of.size() < li.band_m.size()) slot_of.assign(li.band_m.size(), -1);
  // The list is sorted by a lower bound on the distance: stop once it passes both the widest band
  // (no feature not yet seen can be in its band, and the ones seen are final) and the nearest
  // distance so far with final_distance's ranking window.
  const double band_reach = bands ? ranking_window(li.max_band_m) : 0.0;
  double nearest_d2 = std::numeric_limits<double>::infinity();
  double stop = with_nearest ? std::numeric_limits<double>::infinity() : band_reach;
  for (const auto& entry : candidates) {
    if (static_cast<double>(entry.lower_m) > stop) break;
    const Segment& s = li.segments[entry.segment];
    double t = 0;
    const double d2 = geo::segment_distance_squared(p, s.a, s.b, metric.sx, metric.sy, t);
    scanned.push_back({entry.segment, s.feature, d2, t});
    std::int32_t& slot = slot_of[s.feature];
    if (slot < 0) {
      slot = static_cast<std::int32_t>(best.size());
      best.push_back({s.feature, d2, -1.0, std::numeric_limits<double>::infinity(), p});
    } else if (d2 < best[static_cast<std::size_t>(slot)].d2) {
      best[static_cast<std::size_t>(slot)].d2 = d2;
    }
    if (with_nearest && d2 < nearest_d2) {
      nearest_d2 = d2;
      stop = std::max(band_reach, ranking_window(std::sqrt(d2)));
    }
  }
  if (best.empty()) return;
  // Which features need a final distance: those that may lie within their band, and the nearest
  // (in feature order, so on a tie the lower feature index wins, as in nearest()).
  const FeatureBest* nearest = nullptr;
  for (auto& b : best) {
    const double band = li.band_m[b.feature];
    const bool band_candidate = bands && band > 0 && b.d2 <= ranking_window(band) * ranking_window(band);
    const bool is_nearest = with_nearest && b.d2 == nearest_d2 && (nearest == nullptr || b.feature < nearest->feature);
    if (is_nearest) nearest = &b;
    if (band_candidate || (with_nearest && b.d2 == nearest_d2)) {
      const double reach = ranking_window(std::sqrt(b.d2));
      b.limit2 = reach * reach;
    }
  }
  // One pass over the measured segments: each one within its feature's ranking window is measured
  // again in the plane of the latitude midway to it (see final_distance).
  for (const auto& entry : scanned) {
    FeatureBest& b = best[static_cast<std::size_t>(slot_of[entry.feature])];
    if (entry.d2 > b.limit2) continue;
    const Segment& s = li.segments[entry.segment];
    const double foot_y = s.a.y + entry.t * (s.b.y - s.a.y);
    const geo::LocalMetric mid = geo::LocalMetric::at(0.5 * (p.y + foot_y));
    double t = 0;
    const double plane = geo::segment_distance_squared(p, s.a, s.b, mid.sx, mid.sy, t);
    if (plane < b.plane) {
      b.plane = plane;
      b.point = {s.a.x + t * (s.b.x - s.a.x), s.a.y + t * (s.b.y - s.a.y)};
    }
  }
  for (const auto& b : best) slot_of[b.feature] = -1;
  const std::uint32_t nearest_feature = nearest != nullptr ? nearest->feature : 0;
  std::sort(best.begin(), best.end(), [](const FeatureBest& a, const FeatureBest& b) { return a.feature < b.feature; });
  for (const auto& b : best) {
    if (b.limit2 < 0) continue;
    const double distance = from.to({b.point.x, b.point.y});
    const double band = li.band_m[b.feature];
    if (bands && band > 0 && distance <= band)
      result.matches.push_back({l, b.feature, distance, {b.point.x, b.point.y}});
    if (with_nearest && b.feature == nearest_feature)
      result.nearest.push_back({l, b.feature, distance, {b.point.x, b.point.y}});
  }
}

// Bands and nearest of every line layer, appended to result (matches unsorted).
void line_layers_at(const IndexedSnapshot& snapshot, geo::XY p, geo::LonLat site, const LocateOptions& options,
                    std::uint64_t mask, LocateResult& result) {
  const SpatialIndex& index = snapshot.index();
  thread_local std::vector<Candidate> best;
  static const std::vector<std::uint32_t> no_skip;
  const geo::LocalMetric metric = geo::LocalMetric::at(site.lat);
  const geo::DistanceFrom from(geodesic(), site);
  const auto& line_layers = index.line_layers();
  thread_local LineScratch scratch;
  result.nearest.reserve(line_layers.size());
  for (std::size_t slot = 0; slot < line_layers.size(); ++slot) {
    const std::uint32_t l = line_layers[slot];
    const LayerIndex& li = index.layer(l);
    bool covered = false;
    const auto candidates = index.line_grid().candidates(p, slot, covered);
    if (covered) {
      line_layer_from_candidates(li, l, p, metric, from, candidates, in_mask(mask, l, options.layers),
                                 options.with_nearest, scratch, result);
      continue;
    }
    // Beyond the grid: the layer's tree.
    if (in_mask(mask, l, options.layers)) band_matches(li, l, p, metric, result.matches);
    if (options.with_nearest) {
      nearest_candidates(li, p, metric, 1, no_skip, best);
      if (!best.empty()) {
        const Closest closest = final_distance(li, p, metric, best[0].feature, best[0].d2);
        result.nearest.push_back({l, best[0].feature, closest.distance_m, {closest.point.x, closest.point.y}});
      }
    }
  }
}

}  // namespace

void locate_into(const IndexedSnapshot& snapshot, const geo::LonLat& site, const LocateOptions& options, LocateResult& work) {
  work.site = site;
  work.matches.clear();
  work.nearest.clear();
  work.county = nullptr;
  const geo::XY p{site.lon, site.lat};
  const SpatialIndex& index = snapshot.index();
  const auto& layers = snapshot.layers();
  const int admin = index.admin_layer();
  const std::uint64_t mask = layer_mask(options.layers);

  bool any_line_wanted = options.with_nearest;
  for (const auto l : index.line_layers()) any_line_wanted = any_line_wanted || in_mask(mask, l, options.layers);
  if (any_line_wanted) {
    // A random site misses the cache in both grids: ask for both cells now, and test the polygons
    // after the line work, by when their cell has arrived.
    index.grid().prefetch(p);
    index.line_grid().prefetch(p);
    line_layers_at(snapshot, p, site, options, mask, work);
  }

  // Every polygon layer at once, from the grid; beyond it, layer by layer from the trees. Both
  // report in layer, then feature order.
  auto take = [&](std::uint32_t layer, std::uint32_t feature) {
    if (static_cast<int>(layer) == admin && work.county == nullptr && index.is_county(feature)) {
      work.county = &layers[layer].features()[feature];
    }
    if (in_mask(mask, layer, options.layers)) work.matches.push_back({layer, feature, 0.0, site});
  };
  if (!index.grid().covering(p, take)) {
    thread_local std::vector<std::uint32_t> features;
    for (std::uint32_t l = 0; l < layers.size(); ++l) {
      if (index.layer(l).kind != GeometryKind::Polygon) continue;
      features.clear();
      covering_features(index.layer(l), p, features);
      for (const auto f : features) take(l, f);
    }
  }
  if (any_line_wanted) {
    // Layer order, then feature order, whatever path found the match (polygon layers alone are
    // in that order already).
    std::sort(work.matches.begin(), work.matches.end(), [](const Match& a, const Match& b) {
      return a.layer != b.layer ? a.layer < b.layer : a.feature < b.feature;
    });
  }
}

LocateResult locate(const IndexedSnapshot& snapshot, geo::LonLat site, const LocateOptions& options) {
  // Built in per-thread scratch and copied out at its exact size: one allocation per list, and no
  // more memory held than the answer needs (a batch holds 100 000 of these).
  thread_local LocateResult work;
  locate_into(snapshot, site, options, work);
  LocateResult result;
  result.site = site;
  result.county = work.county;
  result.matches.assign(work.matches.begin(), work.matches.end());
  result.nearest.assign(work.nearest.begin(), work.nearest.end());
  return result;
}

std::vector<Match> nearest(const IndexedSnapshot& snapshot, geo::LonLat site, std::uint32_t layer, std::size_t k) {
  if (layer >= snapshot.layers().size()) throw InputError("no layer number " + std::to_string(layer));
  const LayerIndex& li = snapshot.index().layer(layer);
  const geo::XY p{site.lon, site.lat};
  std::vector<Match> out;
  std::vector<std::uint32_t> inside;
  if (li.kind == GeometryKind::Polygon) covering_features(li, p, inside);
  for (const auto f : inside) {
    if (out.size() < k) out.push_back({layer, f, 0.0, site});
  }
  std::vector<Candidate> best;
  const geo::LocalMetric metric = geo::LocalMetric::at(site.lat);
  nearest_candidates(li, p, metric, k - out.size(), inside, best);
  for (const auto& c : best) {
    const Closest closest = final_distance(li, p, metric, c.feature, c.d2);
    out.push_back({layer, c.feature, closest.distance_m, {closest.point.x, closest.point.y}});
  }
  // Re-sort on the final geodesic distances (the search ranked in the site's local plane); equal
  // distances (lines sharing a vertex) go to the lower feature index, as in locate().
  std::stable_sort(out.begin(), out.end(), [](const Match& a, const Match& b) {
    return a.distance_m != b.distance_m ? a.distance_m < b.distance_m : (a.distance_m > 0 && a.feature < b.feature);
  });
  return out;
}

OverlapResult overlap(const IndexedSnapshot& snapshot, const geo::Geometry& parcel, const std::vector<std::uint32_t>& layers,
                      const Budget& budget) {
  if (parcel.is_null() || parcel.is_empty()) throw InputError("the parcel is empty");
  const geo::GeometryType type = parcel.type();
  if (type != geo::GeometryType::Polygon && type != geo::GeometryType::MultiPolygon) {
    throw InputError("a parcel must be a Polygon or MultiPolygon, got " + std::string(geo::to_string(type)));
  }
  const geo::Envelope env = parcel.envelope();
  if (env.min_x < -180 || env.max_x > 180 || env.min_y < -90 || env.max_y > 90) {
    throw InputError("parcel coordinates are not lon/lat degrees");
  }
  if (!parcel.is_valid()) throw InputError("the parcel is not a valid polygon: " + parcel.validity_reason());
  budget.check();  // validity alone is O(n log n) in the parcel's vertices

  OverlapResult result;
  result.parcel_km2 = geo::area_km2(parcel);
  // The parcel's rings, for the planar shortcut below.
  std::vector<geo::XY> parcel_vertices;
  std::vector<std::uint32_t> parcel_ends;
  geo::for_each_part(parcel, [&](std::span<const geo::XY> ring, bool) {
    parcel_vertices.insert(parcel_vertices.end(), ring.begin(), ring.end());
    parcel_ends.push_back(static_cast<std::uint32_t>(parcel_vertices.size()));
  });
  const auto& all = snapshot.layers();
  for (std::uint32_t l = 0; l < all.size(); ++l) {
    const LayerIndex& li = snapshot.index().layer(l);
    if (li.kind != GeometryKind::Polygon || !wanted(layers, l)) continue;
    std::map<std::uint32_t, double> area_by_feature;
    std::vector<std::uint32_t> covering;  // features one of whose pieces holds the whole parcel
    li.piece_index.query(env, [&](std::uint32_t id) {
      const Piece& piece = li.pieces[id];
      const geo::Envelope& box = li.piece_boxes[id];
      if (std::find(covering.begin(), covering.end(), piece.feature) != covering.end()) return true;
      budget.check();  // each piece below costs O(parcel vertices): a large parcel meets thousands
      // Most parcels lie inside a piece or clear of it: decided on the flat rings, the area is the
      // parcel's or none, and GEOS's overlay is needed only where outlines cross. A feature's
      // pieces do not overlap, so once one holds the parcel the others add nothing.
      const geo::XY box_ring[] = {{box.min_x, box.min_y},
                                  {box.max_x, box.min_y},
                                  {box.max_x, box.max_y},
                                  {box.min_x, box.max_y},
                                  {box.min_x, box.min_y}};
      const std::uint32_t box_end[] = {5};
      const std::span<const std::uint32_t> piece_ends =
          piece.fills_box ? std::span<const std::uint32_t>(box_end)
                          : std::span<const std::uint32_t>(li.piece_ring_ends.data() + piece.ring_begin,
                                                           piece.ring_end - piece.ring_begin);
      const std::span<const geo::XY> piece_vertices =
          piece.fills_box ? std::span<const geo::XY>(box_ring)
                          : std::span<const geo::XY>(li.piece_vertices.data() + piece.vertex_begin, piece_ends.back());
      const geo::RingsRelation relation = geo::relate_rings(piece_vertices, piece_ends, parcel_vertices, parcel_ends);
      if (relation == geo::RingsRelation::Disjoint) return true;
      if (relation == geo::RingsRelation::Contains) {
        area_by_feature[piece.feature] = result.parcel_km2;
        covering.push_back(piece.feature);
        return true;
      }
      const geo::Geometry shape =
          piece.fills_box
              ? geo::make_polygon(std::vector<geo::XY>{
                    {box.min_x, box.min_y}, {box.max_x, box.min_y}, {box.max_x, box.max_y}, {box.min_x, box.max_y}})
              : li.piece_shapes[id].clone();
      if (!geo::intersects(shape, parcel)) return true;
      const double area = geo::area_km2(geo::intersection(shape, parcel));
      if (area > 0) area_by_feature[piece.feature] += area;
      return true;
    });
    for (const auto& [feature, area] : area_by_feature) {
      result.hits.push_back({l, feature, area, result.parcel_km2 > 0 ? area / result.parcel_km2 : 0.0});
    }
  }
  return result;
}

namespace {

// Sites of a batch in the order they are answered: by grid cell, in the cells' memory order (both
// grids lay their cells out row by row over the same CellLayout), so that sites sharing a cell
// are answered together from cached data and the walk through the grids' memory is sequential.
// Random sites spread over the planning area otherwise miss the cache at every locate
// (bench/query_bench: BM_BatchPolygonLayers100k against the same sites one by one). A counting
// sort: two passes, no comparisons. Sites beyond the grid, answered by the trees, follow along a
// Hilbert curve over 2^16 × 2^16 cells of lon/lat, for the same reason.
std::vector<std::uint32_t> spatial_order(std::span<const geo::LonLat> sites, const CellLayout& layout) {
  const std::size_t cells = layout.size();
  std::vector<std::uint32_t> cell_of(sites.size());
  std::vector<std::uint32_t> start(cells + 2, 0);  // counts, then where each cell's sites start
  for (std::size_t i = 0; i < sites.size(); ++i) {
    std::uint32_t cell = 0;
    cell_of[i] = layout.cell_of({sites[i].lon, sites[i].lat}, cell) ? cell : static_cast<std::uint32_t>(cells);
    ++start[cell_of[i] + 1];
  }
  for (std::size_t c = 1; c < start.size(); ++c) start[c] += start[c - 1];
  const std::size_t inside = start[cells];  // sites in some cell
  std::vector<std::uint32_t> order(sites.size());
  for (std::size_t i = 0; i < sites.size(); ++i) order[start[cell_of[i]]++] = static_cast<std::uint32_t>(i);

  const auto beyond = order.begin() + static_cast<std::ptrdiff_t>(inside);
  if (beyond != order.end()) {
    constexpr unsigned kOrder = 16;
    constexpr double kCurveCells = 1 << kOrder;
    auto curve_index = [&](std::uint32_t i) {
      // Out-of-range sites are clamped onto the curve; locate() answers them as they are.
      const double x = std::clamp((sites[i].lon + 180.0) / 360.0 * kCurveCells, 0.0, kCurveCells - 1);
      const double y = std::clamp((sites[i].lat + 90.0) / 180.0 * kCurveCells, 0.0, kCurveCells - 1);
      return geo::hilbert_index(static_cast<std::uint64_t>(x), static_cast<std::uint64_t>(y), kOrder);
    };
    std::vector<std::uint64_t> keyed;
    keyed.reserve(static_cast<std::size_t>(order.end() - beyond));
    for (auto it = beyond; it != order.end(); ++it) keyed.push_back(curve_index(*it) << 32 | *it);
    std::sort(keyed.begin(), keyed.end());  // d < 2^32, i < 2^32: one integer sort
    for (std::size_t k = 0; k < keyed.size(); ++k)
      beyond[static_cast<std::ptrdiff_t>(k)] = static_cast<std::uint32_t>(keyed[k]);
  }
  return order;
}

// Below this many sites a batch is answered in input order: sorting would not pay.
constexpr std::size_t kSpatialOrderMin = 1024;
// Sites between two looks at a batch's budget: ~1 ms of locates.
constexpr std::size_t kBudgetStride = 1024;

}  // namespace

LocateView LocateBatch::operator[](std::size_t i) const {
  const Slot& slot = slots_[i];
  const Part& part = parts_[slot.part];
  return {slot.site, slot.county, std::span<const Match>(part.matches).subspan(slot.match_begin, slot.match_count),
          std::span<const Match>(part.nearest).subspan(slot.nearest_begin, slot.nearest_count)};
}

LocateBatch locate_batch(const IndexedSnapshot& snapshot, std::span<const geo::LonLat> sites, const LocateOptions& options,
                         unsigned threads, const Budget& budget) {
  if (sites.size() > std::numeric_limits<std::uint32_t>::max()) throw InputError("too many sites in one batch");
  if (threads == 0) threads = std::max(1U, std::thread::hardware_concurrency());
  threads = static_cast<unsigned>(std::min<std::size_t>(threads, std::max<std::size_t>(1, sites.size() / 256)));
  const std::size_t chunk = (sites.size() + threads - 1) / threads;

  // In spatial order (see spatial_order): sites gathered and answers written in that order
  // (sequential memory, each thread a compact region), then the slots moved to input order in one
  // pass, whose scattered writes are independent of one another and overlap, unlike inside the
  // locate loop.
  std::vector<std::uint32_t> order;
  if (sites.size() >= kSpatialOrderMin) {
    order = spatial_order(sites, snapshot.index().grid().layout());
  } else {
    order.resize(sites.size());
    for (std::uint32_t i = 0; i < order.size(); ++i) order[i] = i;
  }
  std::vector<geo::LonLat> ordered_sites(sites.size());
  for (std::size_t k = 0; k < order.size(); ++k) ordered_sites[k] = sites[order[k]];
  LocateBatch batch;
  batch.parts_.resize(threads);
  std::vector<LocateBatch::Slot> ordered(sites.size());
  auto answer = [&](unsigned part_index, std::size_t begin, std::size_t end) {
    LocateBatch::Part& part = batch.parts_[part_index];
    // One guess at the size (polygon layers give about 5.5 matches a site over the planning
    // area); the lists grow beyond it as vectors do.
    part.matches.reserve((end - begin) * 8);
    if (options.with_nearest) part.nearest.reserve((end - begin) * snapshot.index().line_layers().size());
    thread_local LocateResult work;
    for (std::size_t k = begin; k < end; ++k) {
      // An exception must not leave a pool thread (std::terminate): stop here, and the caller
      // throws once every thread has joined.
      if ((k - begin) % kBudgetStride == 0 && budget.exhausted()) return;
      const geo::LonLat& site = ordered_sites[k];
      locate_into(snapshot, site, options, work);
      LocateBatch::Slot& slot = ordered[k];
      slot.site = site;
      slot.county = work.county;
      slot.part = part_index;
      slot.match_begin = part.matches.size();
      slot.match_count = static_cast<std::uint32_t>(work.matches.size());
      slot.nearest_begin = part.nearest.size();
      slot.nearest_count = static_cast<std::uint32_t>(work.nearest.size());
      part.matches.insert(part.matches.end(), work.matches.begin(), work.matches.end());
      part.nearest.insert(part.nearest.end(), work.nearest.begin(), work.nearest.end());
    }
  };
  if (threads <= 1) {
    answer(0, 0, sites.size());
  } else {
    std::vector<std::jthread> pool;  // each thread writes only its part and its stretch of slots
    for (unsigned t = 0; t < threads; ++t) {
      const std::size_t begin = t * chunk;
      const std::size_t end = std::min(sites.size(), begin + chunk);
      if (begin < end) pool.emplace_back(answer, t, begin, end);
    }
  }  // the pool joins here
  budget.check();
  batch.slots_.resize(sites.size());
  for (std::size_t k = 0; k < order.size(); ++k) batch.slots_[order[k]] = ordered[k];
  return batch;
}

}  // namespace layers::query
