// The query engine on the real dataset (built by the `dataset_build` fixture).
#include "geo/gcj02.hpp"
#include "geo/geodesic.hpp"
#include "geo/measure.hpp"
#include "geo/operations.hpp"
#include "geo/prepared.hpp"
#include "geo/wkb.hpp"
#include "layers/query/engine.hpp"
#include "layers/query/polygon_grid.hpp"
#include "layers/query/site.hpp"
#include "layers/query/spatial_index.hpp"
#include "layers/serving/served_snapshot.hpp"
#include "layers/store/store_reader.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <iomanip>
#include <map>
#include <random>
#include <set>
#include <thread>

namespace {

using layers::query::InputCrs;

const layers::ServedSnapshot& snapshot() {
  static const layers::SnapshotPtr instance = layers::load_snapshot(LAYOUTD_TEST_STORE, 1);
  return *instance;
}

std::uint32_t layer_no(const std::string& id) {
  const int position = snapshot().layer_position(id);
  if (position < 0) throw std::runtime_error("no layer " + id);
  return static_cast<std::uint32_t>(position);
}

const layers::Feature& feature_of(const layers::query::Match& m) {
  return snapshot().layers()[m.layer].features()[m.feature];
}

std::set<std::string> matched_ids(const layers::query::LocateResult& r, const std::string& layer) {
  std::set<std::string> ids;
  for (const auto& m : r.matches) {
    if (m.layer == layer_no(layer)) ids.insert(feature_of(m).id);
  }
  return ids;
}

const layers::Feature& admin_unit(const std::string& city, const std::string& county) {
  for (const auto& f : snapshot().layers()[layer_no("admin")].features()) {
    if (f.attributes.text("city").value_or("") == city && f.attributes.text("county").value_or("") == county) return f;
  }
  throw std::runtime_error("no unit " + city + county);
}

geo::LonLat interior(const geo::Geometry& g) {
  const auto xy = geo::coordinates(geo::point_on_surface(g));
  return {xy.at(0).x, xy.at(0).y};
}

TEST(Locate, GroupMembersLocateToTheirGroupsOnly) {
  struct Case {
    std::string city, county;
    std::set<std::string> groups;
  };
  const std::vector<Case> cases = {
      {"长春市", "九台区", {"changji"}},
      {"长春市", "双阳区", {"changji", "changliao"}},
      {"吉林市", "船营区", {"changji"}},
      {"吉林市", "昌邑区", {"changji"}},
      {"吉林市", "龙潭区", {"changji"}},
      {"吉林市", "丰满区", {"changji"}},
      {"吉林市", "磐石市", {"changji"}},
      {"吉林市", "永吉县", {"changji"}},
      {"长春市", "公主岭市", {"changping"}},
      {"四平市", "铁西区", {"changping"}},
      {"四平市", "铁东区", {"changping"}},
      {"四平市", "梨树县", {"changping"}},
      {"四平市", "双辽市", {"changping"}},
      {"辽源市", "龙山区", {"changliao"}},
      {"辽源市", "西安区", {"changliao"}},
      {"辽源市", "东辽县", {"changliao"}},
      {"辽源市", "东丰县", {"changliao"}},
      {"四平市", "伊通满族自治县", {"changliao"}},
      {"长春市", "农安县", {}},
      {"长春市", "榆树市", {}},
      {"吉林市", "蛟河市", {}},
      {"吉林市", "桦甸市", {}},
  };
  for (const auto& c : cases) {
    const auto& unit = admin_unit(c.city, c.county);
    const auto result = layers::query::locate(snapshot(), interior(unit.geometry));
    EXPECT_EQ(matched_ids(result, "groups"), c.groups) << c.city << c.county;
    ASSERT_NE(result.county, nullptr) << c.city << c.county;
    EXPECT_EQ(result.county->id, unit.id) << c.city << c.county;
  }
}

TEST(Locate, ZonesSharedByTwoGroupsMatchBoth) {
  const auto& zones = snapshot().layers()[layer_no("city_layouts")];
  EXPECT_EQ(
      matched_ids(layers::query::locate(snapshot(), interior(zones.find("changchun-new-area")->geometry)), "groups"),
      (std::set<std::string>{"changji", "changping"}));
  EXPECT_EQ(
      matched_ids(layers::query::locate(snapshot(), interior(zones.find("changchun-auto-zone")->geometry)), "groups"),
      (std::set<std::string>{"changping", "changliao"}));
}

TEST(Locate, BoundaryPointsCountAsInside) {
  // Every 50th vertex of the 长辽 group's outline, and every 97th of 双辽市's, lies on the boundary.
  const auto& group = *snapshot().layers()[layer_no("groups")].find("changliao");
  const auto vertices = geo::coordinates(group.geometry);
  for (std::size_t i = 0; i < vertices.size(); i += 50) {
    const auto result = layers::query::locate(snapshot(), {vertices[i].x, vertices[i].y});
    EXPECT_EQ(matched_ids(result, "groups").count("changliao"), 1U) << vertices[i].x << "," << vertices[i].y;
  }
  const auto& unit = admin_unit("四平市", "双辽市");
  const auto unit_vertices = geo::coordinates(unit.geometry);
  for (std::size_t i = 0; i < unit_vertices.size(); i += 97) {
    const auto result = layers::query::locate(snapshot(), {unit_vertices[i].x, unit_vertices[i].y});
    EXPECT_EQ(matched_ids(result, "admin").count(unit.id), 1U);
  }
}

TEST(Locate, AgreesWithGeosCoversOnRandomSites) {
  // The engine's own point-in-polygon against GEOS on the full feature geometries.
  std::mt19937 rng(7);
  std::uniform_real_distribution<double> lon(123.3, 127.9);
  std::uniform_real_distribution<double> lat(42.3, 45.2);
  for (int i = 0; i < 400; ++i) {
    const geo::LonLat site{lon(rng), lat(rng)};
    const auto result = layers::query::locate(snapshot(), site);
    const geo::Geometry point = geo::make_point(site.lon, site.lat);
    for (const char* id : {"groups", "admin", "protected_zones", "city_layouts", "policy_zones"}) {
      std::set<std::string> expected;
      for (const auto& f : snapshot().layers()[layer_no(id)].features()) {
        if (geo::covers(f.geometry, point)) expected.insert(f.id);
      }
      EXPECT_EQ(matched_ids(result, id), expected) << id << " at " << site.lon << "," << site.lat;
    }
  }
}

// Every feature of every polygon layer, prepared for GEOS covers: the reference the engine's own
// point-in-polygon is checked against.
struct PreparedPolygonLayers {
  std::vector<std::pair<std::uint32_t, std::vector<geo::PreparedGeometry>>> layers;

  PreparedPolygonLayers() {
    for (std::uint32_t l = 0; l < snapshot().layers().size(); ++l) {
      const auto& layer = snapshot().layers()[l];
      if (layer.info().geometry_kind != layers::GeometryKind::Polygon) continue;
      std::vector<geo::PreparedGeometry> features;
      for (const auto& f : layer.features()) features.emplace_back(f.geometry.clone());
      layers.emplace_back(l, std::move(features));
    }
  }
  // (layer, feature) of every polygon covering the site.
  std::set<std::pair<std::uint32_t, std::uint32_t>> covering(geo::LonLat site) const {
    const geo::Geometry point = geo::make_point(site.lon, site.lat);
    std::set<std::pair<std::uint32_t, std::uint32_t>> out;
    for (const auto& [l, features] : layers) {
      for (std::uint32_t f = 0; f < features.size(); ++f) {
        if (features[f].covers(point)) out.insert({l, f});
      }
    }
    return out;
  }
};

// (layer, feature) of the engine's polygon matches at the site.
std::set<std::pair<std::uint32_t, std::uint32_t>> polygon_matches(geo::LonLat site) {
  const auto result = layers::query::locate(snapshot(), site, {.layers = {}, .with_nearest = false});
  std::set<std::pair<std::uint32_t, std::uint32_t>> out;
  for (const auto& m : result.matches) {
    if (snapshot().layers()[m.layer].info().geometry_kind == layers::GeometryKind::Polygon)
      out.insert({m.layer, m.feature});
  }
  return out;
}

TEST(Locate, AgreesWithPreparedGeosOnEveryPolygonLayerAtDenseSites) {
  // 4000 sites over the grid's extent (the planning area's box plus its margin), every polygon
  // layer, against GEOS prepared covers on the whole features: guards the grid's cell clipping
  // (GEOS 3.11's ClipByRect can drop area where an edge lies along the rectangle).
  const PreparedPolygonLayers prepared;
  const geo::Envelope area = snapshot().layers()[layer_no("planning_area")].bounds();
  std::mt19937 rng(23);
  std::uniform_real_distribution<double> lon(area.min_x - 0.25, area.max_x + 0.25);
  std::uniform_real_distribution<double> lat(area.min_y - 0.25, area.max_y + 0.25);
  for (int i = 0; i < 4000; ++i) {
    const geo::LonLat site{lon(rng), lat(rng)};
    const auto expected = prepared.covering(site);
    ASSERT_EQ(polygon_matches(site), expected) << "at " << site.lon << "," << site.lat;
  }
}

TEST(Locate, AgreesWithPreparedGeosOnCellAndSubCellEdges) {
  // The polygon grid answers most sites from a sub-cell mask (no outline near the site's sub-cell:
  // inside or outside for all of it) and clips features to cells. Sites exactly on the lines
  // between cells and sub-cells, and one ulp either side, over a window of Changchun where
  // county, group and zone outlines are dense, against GEOS prepared covers.
  const PreparedPolygonLayers prepared;
  const layers::query::CellLayout& layout = snapshot().index().grid().layout();
  constexpr int side = layers::query::CellLayout::kSubSide;
  const double step = layout.cell / side;
  const auto first_x = static_cast<int>((125.15 - layout.bounds.min_x) / step);
  const auto first_y = static_cast<int>((43.75 - layout.bounds.min_y) / step);
  int tested = 0;
  int inside_somewhere = 0;
  for (int i = 0; i < 48; ++i) {
    for (int j = 0; j < 48; ++j) {
      // The lattice's own arithmetic, as CellLayout::sub_box computes an edge.
      const int lattice_x = first_x + i;
      const int lattice_y = first_y + j;
      const geo::Envelope sub =
          layout.sub_box(static_cast<std::uint32_t>(lattice_x / side), static_cast<std::uint32_t>(lattice_y / side),
                         static_cast<std::uint32_t>((lattice_y % side) * side + lattice_x % side));
      for (const double x : {sub.min_x, std::nextafter(sub.min_x, 0.0), std::nextafter(sub.min_x, 1e3)}) {
        for (const double y : {sub.min_y, std::nextafter(sub.min_y, 0.0), std::nextafter(sub.min_y, 1e3),
                               0.5 * (sub.min_y + sub.max_y)}) {
          const geo::LonLat site{x, y};
          const auto expected = prepared.covering(site);
          ASSERT_EQ(polygon_matches(site), expected) << std::setprecision(17) << "at " << site.lon << "," << site.lat;
          ++tested;
          inside_somewhere += expected.size() > 2 ? 1 : 0;
        }
      }
    }
  }
  EXPECT_EQ(tested, 48 * 48 * 12);
  EXPECT_GT(inside_somewhere, tested / 4);  // the window is not empty land
}

TEST(Locate, AgreesWithGeosBeyondThePlanningArea) {
  // The grids cover the planning area and a margin; sites elsewhere in Jilin and its neighbours
  // (the admin layer reaches Dalian, Harbin and Yanbian) are answered from the layers' trees.
  std::mt19937 rng(11);
  std::uniform_real_distribution<double> lon(119.3, 131.3);
  std::uniform_real_distribution<double> lat(38.8, 46.6);
  int beyond = 0;
  const geo::Envelope area = snapshot().layers()[layer_no("planning_area")].bounds();
  for (int i = 0; i < 300; ++i) {
    const geo::LonLat site{lon(rng), lat(rng)};
    beyond += area.contains(site.lon, site.lat) ? 0 : 1;
    const auto result = layers::query::locate(snapshot(), site);
    const geo::Geometry point = geo::make_point(site.lon, site.lat);
    for (const char* id : {"admin", "policy_zones", "protected_zones"}) {
      std::set<std::string> expected;
      for (const auto& f : snapshot().layers()[layer_no(id)].features()) {
        if (geo::covers(f.geometry, point)) expected.insert(f.id);
      }
      EXPECT_EQ(matched_ids(result, id), expected) << id << " at " << site.lon << "," << site.lat;
    }
  }
  EXPECT_GT(beyond, 200);  // most of these sites exercise the trees, not the grid
}

TEST(Locate, IntoAReusedResultAnswersLikeIntoAFreshOne) {
  // One buffer across sites whose answers differ in length (in and out of the planning area,
  // with and without a layer filter): nothing of an earlier answer may remain.
  std::mt19937 rng(29);
  std::uniform_real_distribution<double> lon(122.0, 129.0);
  std::uniform_real_distribution<double> lat(41.5, 46.0);
  layers::query::LocateOptions groups_only;
  groups_only.layers = {layer_no("groups")};
  groups_only.with_nearest = false;
  layers::query::LocateResult reused;
  for (int i = 0; i < 300; ++i) {
    const geo::LonLat site{lon(rng), lat(rng)};
    const auto& options = i % 3 == 0 ? groups_only : layers::query::LocateOptions{};
    layers::query::locate_into(snapshot(), site, options, reused);
    layers::query::LocateResult fresh;  // a new buffer: no history
    layers::query::locate_into(snapshot(), site, options, fresh);
    EXPECT_EQ(reused.site.lon, site.lon);
    EXPECT_EQ(reused.county, fresh.county);
    ASSERT_EQ(reused.matches.size(), fresh.matches.size()) << i;
    for (std::size_t m = 0; m < fresh.matches.size(); ++m) {
      EXPECT_EQ(reused.matches[m].layer, fresh.matches[m].layer);
      EXPECT_EQ(reused.matches[m].feature, fresh.matches[m].feature);
      EXPECT_EQ(reused.matches[m].distance_m, fresh.matches[m].distance_m);
    }
    ASSERT_EQ(reused.nearest.size(), fresh.nearest.size()) << i;
    for (std::size_t m = 0; m < fresh.nearest.size(); ++m) {
      EXPECT_EQ(reused.nearest[m].feature, fresh.nearest[m].feature);
      EXPECT_EQ(reused.nearest[m].distance_m, fresh.nearest[m].distance_m);
    }
  }
}

TEST(Locate, Gcj02InputResolvesLikeItsWgs84Twin) {
  const geo::LonLat wgs{125.6646, 43.5253};  // in 双阳区
  const geo::LonLat gcj = geo::wgs84_to_gcj02(wgs);
  const geo::LonLat back = layers::query::to_wgs84(gcj.lon, gcj.lat, InputCrs::Gcj02);
  EXPECT_NEAR(back.lon, wgs.lon, 1e-7);
  EXPECT_NEAR(back.lat, wgs.lat, 1e-7);
  const auto a = layers::query::locate(snapshot(), wgs);
  const auto b = layers::query::locate(snapshot(), back);
  EXPECT_EQ(matched_ids(a, "groups"), matched_ids(b, "groups"));
  EXPECT_EQ(a.county, b.county);
  // Taken raw, the GCJ-02 pair is ~500 m off: the conversion is what makes them equal.
  EXPECT_GT(geo::Geodesic().distance_m(wgs, gcj), 300.0);
  const geo::LonLat cgcs = layers::query::to_wgs84(wgs.lon, wgs.lat, InputCrs::Cgcs2000);
  EXPECT_LT(geo::Geodesic().distance_m(wgs, cgcs), 1.0);
}

TEST(Locate, BadCoordinatesAndCrsAreRejected) {
  using layers::query::InputError;
  EXPECT_THROW(layers::query::to_wgs84(181, 43, InputCrs::Wgs84), InputError);
  EXPECT_THROW(layers::query::to_wgs84(125, -91, InputCrs::Wgs84), InputError);
  EXPECT_THROW(layers::query::to_wgs84(std::nan(""), 43, InputCrs::Wgs84), InputError);
  EXPECT_THROW(layers::query::to_wgs84(125, std::numeric_limits<double>::infinity(), InputCrs::Gcj02), InputError);
  EXPECT_THROW(layers::query::parse_input_crs("EPSG:3857"), InputError);
  EXPECT_EQ(layers::query::parse_input_crs("gcj-02"), InputCrs::Gcj02);
  EXPECT_EQ(layers::query::parse_input_crs("EPSG:4490"), InputCrs::Cgcs2000);
}

TEST(Locate, BandsMatchWithinTheirHalfWidth) {
  // 长春's centre lies on the 哈长沈大 corridor axis (band 20 km); 50 km west of 四平 nothing of
  // the corridor is in reach.
  const auto centre = layers::query::locate(snapshot(), {125.3245, 43.8868});
  bool corridor = false;
  for (const auto& m : centre.matches) {
    if (m.layer == layer_no("corridor")) {
      corridor = true;
      EXPECT_LT(m.distance_m, 20000.0);
    }
  }
  EXPECT_TRUE(corridor);
  // Every band match is within its band, and its distance is the true geodesic one.
  const geo::Geodesic geodesic;
  for (const auto& m : centre.matches) {
    const auto band = feature_of(m).attributes.number("band_m");
    if (!band) continue;
    EXPECT_LE(m.distance_m, *band);
    EXPECT_NEAR(m.distance_m, geodesic.distance_m({125.3245, 43.8868}, m.closest), 0.2);
  }
}

// Brute force, independent of the engine: for every segment (straight in lon/lat), the minimum of
// Karney's geodesic distance along it by ternary search; segments that cannot beat the best so far
// (distance to an end minus the segment's length) are skipped.
double brute_force_distance(const geo::Geometry& line, geo::LonLat site) {
  const geo::Geodesic geodesic;
  double best = std::numeric_limits<double>::infinity();
  for (int part = 0; part < line.num_geometries(); ++part) {
    const auto xy = geo::coordinates(line.geometry_n(part));
    for (std::size_t i = 1; i < xy.size(); ++i) {
      const geo::LonLat a{xy[i - 1].x, xy[i - 1].y};
      const geo::LonLat b{xy[i].x, xy[i].y};
      auto at = [&](double t) {
        return geodesic.distance_m(site, {a.lon + t * (b.lon - a.lon), a.lat + t * (b.lat - a.lat)});
      };
      const double da = at(0.0);
      if (da - geodesic.distance_m(a, b) > best) continue;
      double lo = 0;
      double hi = 1;
      for (int step = 0; step < 80; ++step) {
        const double m1 = lo + (hi - lo) / 3;
        const double m2 = hi - (hi - lo) / 3;
        if (at(m1) < at(m2))
          hi = m2;
        else
          lo = m1;
      }
      best = std::min({best, da, at(1.0), at(0.5 * (lo + hi))});
    }
  }
  return best;
}

TEST(Nearest, RiverDistancesMatchBruteForceAndGeography) {
  const std::uint32_t veins = layer_no("water_veins");
  // 长春 人民广场: the 伊通河 runs through the city 2–4 km east of it.
  const geo::LonLat changchun{125.3245, 43.8868};
  const auto hits = layers::query::nearest(snapshot(), changchun, veins, 3);
  ASSERT_EQ(hits.size(), 3U);
  EXPECT_EQ(feature_of(hits[0]).attributes.text("name_zh").value_or(""), "伊通河");
  EXPECT_GT(hits[0].distance_m, 1000.0);
  EXPECT_LT(hits[0].distance_m, 5000.0);
  EXPECT_LE(hits[0].distance_m, hits[1].distance_m);
  EXPECT_LE(hits[1].distance_m, hits[2].distance_m);
  std::set<std::uint32_t> distinct;
  for (const auto& h : hits) distinct.insert(h.feature);
  EXPECT_EQ(distinct.size(), 3U);
  // The engine's distances against a brute-force geodesic search, at random sites: the sampling
  // step of the brute force bounds the agreement.
  std::mt19937 rng(11);
  std::uniform_real_distribution<double> lon(123.5, 127.5);
  std::uniform_real_distribution<double> lat(42.5, 45.0);
  for (int i = 0; i < 25; ++i) {
    const geo::LonLat site{lon(rng), lat(rng)};
    const auto top = layers::query::nearest(snapshot(), site, veins, 1).at(0);
    double brute = std::numeric_limits<double>::infinity();
    std::string brute_id;
    std::vector<double> every;  // every feature's distance
    for (const auto& f : snapshot().layers()[veins].features()) {
      const double d = brute_force_distance(f.geometry, site);
      every.push_back(d);
      if (d < brute) {
        brute = d;
        brute_id = f.id;
      }
    }
    EXPECT_NEAR(top.distance_m, brute, 0.5) << site.lon << "," << site.lat;
    // The 4 nearest (the search skips subtrees of rivers already found): the 4 smallest distances.
    // Beyond ~30 km the engine's point on the river, found in a local plane, is off along it and
    // the distance runs long by up to 3e-5 relative (3.4 m at 119 km here); see engine.hpp.
    std::sort(every.begin(), every.end());
    const auto four = layers::query::nearest(snapshot(), site, veins, 4);
    ASSERT_EQ(four.size(), 4U);
    for (std::size_t k = 0; k < four.size(); ++k) {
      EXPECT_GE(four[k].distance_m, every[k] - 0.5) << site.lon << "," << site.lat << " k=" << k;
      EXPECT_LE(four[k].distance_m, every[k] + std::max(0.5, 3e-10 * every[k] * every[k]))
          << site.lon << "," << site.lat << " k=" << k;
    }
    // Schematic works that end at the same place tie exactly; then either feature is nearest.
    if (feature_of(top).id != brute_id) {
      const geo::Geometry& other = snapshot().layers()[veins].find(brute_id)->geometry;
      EXPECT_NEAR(brute_force_distance(other, site), top.distance_m, 0.5) << site.lon << "," << site.lat;
    }
  }
}

TEST(Locate, LineGridAgreesWithTreeSearch) {
  // locate() answers line layers from per-cell candidate lists; nearest() searches the R-tree.
  // They must agree on the nearest feature and its distance, and bands must match what a direct
  // distance says, at sites spread over the grid (and a few beyond it, which use the trees).
  std::mt19937 rng(5);
  std::uniform_real_distribution<double> lon(119.0, 132.0);
  std::uniform_real_distribution<double> lat(38.5, 47.0);
  for (int i = 0; i < 1500; ++i) {
    const geo::LonLat site{lon(rng), lat(rng)};
    const auto result = layers::query::locate(snapshot(), site);
    for (const auto& n : result.nearest) {
      const auto tree = layers::query::nearest(snapshot(), site, n.layer, 1).at(0);
      EXPECT_NEAR(n.distance_m, tree.distance_m, 1e-6 * std::max(1.0, tree.distance_m))
          << site.lon << "," << site.lat << " layer " << n.layer;
      if (n.feature != tree.feature) {  // only an exact tie (lines sharing a vertex) may differ
        const auto both = layers::query::nearest(snapshot(), site, n.layer, 2);
        EXPECT_NEAR(both.at(0).distance_m, both.at(1).distance_m, 1e-6 * std::max(1.0, tree.distance_m));
      }
    }
    for (const std::uint32_t l :
         {layer_no("belts"), layer_no("corridor"), layer_no("transport"), layer_no("water_veins")}) {
      const auto& features = snapshot().layers()[l].features();
      std::set<std::uint32_t> expected;
      for (const auto& hit : layers::query::nearest(snapshot(), site, l, features.size())) {
        if (hit.distance_m <= *features[hit.feature].attributes.number("band_m")) expected.insert(hit.feature);
      }
      std::set<std::uint32_t> got;
      for (const auto& m : result.matches) {
        if (m.layer == l) got.insert(m.feature);
      }
      EXPECT_EQ(got, expected) << site.lon << "," << site.lat << " layer " << l;
    }
  }
}

TEST(Nearest, PolygonLayerPutsCoveringFeaturesFirstAtZero) {
  const auto hits = layers::query::nearest(snapshot(), {125.6646, 43.5253}, layer_no("groups"), 3);
  ASSERT_EQ(hits.size(), 3U);
  EXPECT_EQ(hits[0].distance_m, 0.0);
  EXPECT_EQ(hits[1].distance_m, 0.0);
  EXPECT_GT(hits[2].distance_m, 0.0);
  EXPECT_EQ(feature_of(hits[2]).id, "changping");
}

geo::Geometry square_km(geo::LonLat centre, double side_km) {
  const geo::LocalMetric m = geo::LocalMetric::at(centre.lat);
  const double dx = side_km * 500.0 / m.sx;
  const double dy = side_km * 500.0 / m.sy;
  return geo::make_polygon(std::vector<geo::XY>{{centre.lon - dx, centre.lat - dy},
                                                {centre.lon + dx, centre.lat - dy},
                                                {centre.lon + dx, centre.lat + dy},
                                                {centre.lon - dx, centre.lat + dy}});
}

TEST(Overlap, ParcelStraddlingTwoGroupsSumsToItsArea) {
  // A 4 km square on the 公主岭市 (长平) / 伊通县 (长辽) border.
  const auto& gongzhuling = admin_unit("长春市", "公主岭市").geometry;
  const auto& yitong = admin_unit("四平市", "伊通满族自治县").geometry;
  const auto shared = geo::coordinates(geo::intersection(geo::buffer(gongzhuling, 1e-9), geo::buffer(yitong, 1e-9)));
  ASSERT_FALSE(shared.empty());
  const geo::XY on_border = shared[shared.size() / 2];
  const auto parcel = square_km({on_border.x, on_border.y}, 4.0);
  const auto result = layers::query::overlap(snapshot(), parcel);
  EXPECT_NEAR(result.parcel_km2, 16.0, 0.05);
  double groups = 0;
  double admin = 0;
  std::set<std::string> group_ids;
  for (const auto& hit : result.hits) {
    const auto& f = snapshot().layers()[hit.layer].features()[hit.feature];
    if (hit.layer == layer_no("groups")) {
      groups += hit.area_km2;
      group_ids.insert(f.id);
      EXPECT_NEAR(hit.share, hit.area_km2 / result.parcel_km2, 1e-12);
    }
    if (hit.layer == layer_no("admin")) admin += hit.area_km2;
  }
  EXPECT_EQ(group_ids, (std::set<std::string>{"changping", "changliao"}));
  EXPECT_NEAR(groups / result.parcel_km2, 1.0, 0.005);
  EXPECT_NEAR(admin / result.parcel_km2, 1.0, 0.005);
}

TEST(Overlap, MatchesGeosOnWholeFeatures) {
  const auto parcel = square_km({125.40, 43.95}, 9.0);  // over 长春新区 and its host districts
  const auto result = layers::query::overlap(snapshot(), parcel);
  for (const auto& hit : result.hits) {
    const auto& f = snapshot().layers()[hit.layer].features()[hit.feature];
    const double direct = geo::area_km2(geo::intersection(f.geometry, parcel));
    EXPECT_NEAR(hit.area_km2, direct, 1e-5 * std::max(1.0, direct)) << f.id;
  }
  EXPECT_FALSE(result.hits.empty());
}

TEST(Overlap, RandomParcelsMatchGeosOnWholeFeatures) {
  // Parcels of 0.01 to 25 km² (squares, skewed quadrilaterals, one with a hole) at random sites:
  // most lie inside pieces or clear of them and are answered without GEOS's overlay; every
  // feature's area must still be what GEOS finds on the whole feature, and no feature missed.
  const PreparedPolygonLayers prepared;
  const geo::Envelope area = snapshot().layers()[layer_no("planning_area")].bounds();
  std::mt19937 rng(41);
  std::uniform_real_distribution<double> lon(area.min_x, area.max_x);
  std::uniform_real_distribution<double> lat(area.min_y, area.max_y);
  std::uniform_real_distribution<double> unit(0, 1);
  for (int i = 0; i < 120; ++i) {
    const geo::LonLat c{lon(rng), lat(rng)};
    const double side_km = std::pow(10.0, -1.0 + 1.7 * unit(rng));
    const geo::LocalMetric m = geo::LocalMetric::at(c.lat);
    const double dx = side_km * 500.0 / m.sx;
    const double dy = side_km * 500.0 / m.sy;
    const double skew = 0.6 * unit(rng) * dy;
    const std::vector<geo::XY> shell{{c.lon - dx, c.lat - dy},
                                     {c.lon + dx, c.lat - dy + skew},
                                     {c.lon + dx, c.lat + dy},
                                     {c.lon - dx, c.lat + dy - skew},
                                     {c.lon - dx, c.lat - dy}};
    const std::vector<std::vector<geo::XY>> hole{{{c.lon - dx / 3, c.lat - dy / 3},
                                                  {c.lon - dx / 3, c.lat + dy / 3},
                                                  {c.lon + dx / 3, c.lat + dy / 3},
                                                  {c.lon + dx / 3, c.lat - dy / 3},
                                                  {c.lon - dx / 3, c.lat - dy / 3}}};
    const geo::Geometry parcel = i % 10 == 0 ? geo::make_polygon(shell, hole) : geo::make_polygon(shell);
    ASSERT_TRUE(parcel.is_valid()) << i;
    const auto result = layers::query::overlap(snapshot(), parcel);
    std::map<std::pair<std::uint32_t, std::uint32_t>, double> got;
    for (const auto& hit : result.hits) got[{hit.layer, hit.feature}] = hit.area_km2;
    std::map<std::pair<std::uint32_t, std::uint32_t>, double> expected;
    for (const auto& [l, features] : prepared.layers) {
      for (std::uint32_t f = 0; f < features.size(); ++f) {
        if (!features[f].intersects(parcel)) continue;
        const double direct = geo::area_km2(geo::intersection(snapshot().layers()[l].features()[f].geometry, parcel));
        if (direct > 1e-9) expected[{l, f}] = direct;
      }
    }
    for (const auto& [key, direct] : expected) {
      ASSERT_TRUE(got.contains(key)) << "parcel " << i << " misses layer " << key.first << " feature " << key.second;
      // As in MatchesGeosOnWholeFeatures: areas summed over pieces differ from the whole
      // feature's by up to ~1e-5 (the cut lines are straight in lon/lat, not in the equal-area
      // plane).
      EXPECT_NEAR(got[key], direct, 1e-5 * std::max(1e-3, direct)) << "parcel " << i;
    }
    for (const auto& [key, a] : got) {
      if (!expected.contains(key)) {
        EXPECT_LT(a, 1e-9) << "parcel " << i << " layer " << key.first;
      }
    }
  }
}

TEST(Overlap, RejectsWhatIsNotAValidParcel) {
  using layers::query::InputError;
  EXPECT_THROW(layers::query::overlap(snapshot(), geo::make_point(125, 43)), InputError);
  EXPECT_THROW(layers::query::overlap(snapshot(), geo::from_wkt("POLYGON ((125 43, 126 44, 126 43, 125 44, 125 43))")),
               InputError);
  EXPECT_THROW(
      layers::query::overlap(
          snapshot(), geo::from_wkt("POLYGON ((500000 4800000, 500100 4800000, 500100 4800100, 500000 4800000))")),
      InputError);
}

// Every answer of a batch equals the single locate of its site, in input order.
void expect_batch_answers_like_single_locates(const std::vector<geo::LonLat>& sites, unsigned threads,
                                              const layers::query::LocateOptions& options = {}) {
  const layers::query::LocateBatch batch = layers::query::locate_batch(snapshot(), sites, options, threads);
  ASSERT_EQ(batch.size(), sites.size());
  for (std::size_t i = 0; i < sites.size(); ++i) {
    const auto single = layers::query::locate(snapshot(), sites[i], options);
    const layers::query::LocateView answer = batch[i];
    EXPECT_EQ(answer.site.lon, sites[i].lon) << i;
    EXPECT_EQ(answer.site.lat, sites[i].lat) << i;
    EXPECT_EQ(answer.county, single.county) << i;
    ASSERT_EQ(answer.matches.size(), single.matches.size()) << i;
    for (std::size_t m = 0; m < single.matches.size(); ++m) {
      EXPECT_EQ(answer.matches[m].layer, single.matches[m].layer) << i;
      EXPECT_EQ(answer.matches[m].feature, single.matches[m].feature) << i;
      EXPECT_EQ(answer.matches[m].distance_m, single.matches[m].distance_m) << i;
    }
    ASSERT_EQ(answer.nearest.size(), single.nearest.size()) << i;
    for (std::size_t m = 0; m < single.nearest.size(); ++m) {
      EXPECT_EQ(answer.nearest[m].layer, single.nearest[m].layer) << i;
      EXPECT_EQ(answer.nearest[m].feature, single.nearest[m].feature) << i;
      EXPECT_EQ(answer.nearest[m].distance_m, single.nearest[m].distance_m) << i;
    }
  }
}

TEST(Batch, SameAnswersInInputOrderOnSeveralThreads) {
  std::mt19937 rng(3);
  std::uniform_real_distribution<double> lon(123.3, 127.9);
  std::uniform_real_distribution<double> lat(42.3, 45.2);
  std::vector<geo::LonLat> sites(3000);
  for (auto& s : sites) s = {lon(rng), lat(rng)};
  // Some sites twice, so that a grid cell holds several (answered one after another).
  for (std::size_t i = 0; i < 200; ++i) sites[2000 + i] = sites[i];
  // 3000 sites: answered by grid cell, not in input order (see locate_batch), on 4 threads.
  expect_batch_answers_like_single_locates(sites, 4);
}

TEST(Batch, SitesBeyondTheGridAndSmallBatchesAnswerInInputOrder) {
  // Half the sites beyond the grid (planning area + 0.25°), answered from the trees along a
  // Hilbert curve after the grid's sites; and a batch too small to be reordered.
  std::mt19937 rng(5);
  std::uniform_real_distribution<double> lon(121.0, 131.0);
  std::uniform_real_distribution<double> lat(38.5, 46.0);
  std::uniform_real_distribution<double> inner_lon(124.0, 127.0);
  std::uniform_real_distribution<double> inner_lat(43.0, 45.0);
  std::vector<geo::LonLat> sites(2000);
  for (std::size_t i = 0; i < sites.size(); ++i) {
    sites[i] = i % 2 == 0 ? geo::LonLat{lon(rng), lat(rng)} : geo::LonLat{inner_lon(rng), inner_lat(rng)};
  }
  expect_batch_answers_like_single_locates(sites, 2);
  expect_batch_answers_like_single_locates(std::vector<geo::LonLat>(sites.begin(), sites.begin() + 300), 1);
  layers::query::LocateOptions polygons;
  polygons.with_nearest = false;
  polygons.layers = {layer_no("groups"), layer_no("admin")};
  expect_batch_answers_like_single_locates(sites, 1, polygons);
  EXPECT_TRUE(layers::query::locate_batch(snapshot(), std::vector<geo::LonLat>{}).empty());
}

TEST(Concurrency, SharedSnapshotAnsweredFromManyThreads) {
  // Run under the Tsan build (scripts/test) this proves the snapshot is only read by queries.
  const auto reference = layers::query::locate(snapshot(), {125.6646, 43.5253});
  std::vector<std::jthread> threads;
  std::atomic<int> mismatches{0};
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      std::mt19937 rng(static_cast<unsigned>(t));
      std::uniform_real_distribution<double> d(-0.3, 0.3);
      for (int i = 0; i < 300; ++i) {
        const auto r = layers::query::locate(snapshot(), {125.6646, 43.5253});
        if (r.matches.size() != reference.matches.size()) ++mismatches;
        (void)layers::query::nearest(snapshot(), {125.3 + d(rng), 43.9 + d(rng)}, layer_no("water_veins"), 2);
        if (i % 50 == 0) (void)layers::query::overlap(snapshot(), square_km({125.4 + d(rng), 43.9 + d(rng)}, 2.0));
      }
    });
  }
  threads.clear();
  EXPECT_EQ(mismatches.load(), 0);
}

}  // namespace

// GEOS 3.11's GEOSClipByRect loses area when a polygon edge lies along the rectangle's boundary
// (found by the tile tests). Subdivision recurses on clipped parts with boxes that share the
// previous cut line, exactly that case: the pieces of every feature must still add up to it.
TEST(Index, SubdividedPiecesAddUpToEveryFeature) {
  const auto& layers = snapshot().layers();
  for (std::size_t l = 0; l < layers.size(); ++l) {
    const auto& index = snapshot().index().layer(l);
    if (index.kind != layers::GeometryKind::Polygon) continue;
    std::vector<double> pieces_area(layers[l].features().size(), 0.0);
    for (std::size_t p = 0; p < index.pieces.size(); ++p) {
      const auto& piece = index.pieces[p];
      const auto& box = index.piece_boxes[p];
      pieces_area[piece.feature] +=
          piece.fills_box ? (box.max_x - box.min_x) * (box.max_y - box.min_y) : geo::area(index.piece_shapes[p]);
    }
    for (std::size_t f = 0; f < pieces_area.size(); ++f) {
      const double whole = geo::area(layers[l].features()[f].geometry);
      EXPECT_NEAR(pieces_area[f], whole, whole * 1e-9 + 1e-12)
          << layers[l].id() << " feature " << layers[l].features()[f].id;
    }
  }
}
