// The layout dataset as built from data/layout: complete, valid, and composed as the plan says.
// The store is built by the ctest fixture `dataset_build` (at LAYOUTD_TEST_STORE); sources are read
// from LAYOUTD_DATA_DIR to check the GCJ-02 conversion independently.
#include "geo/crs.hpp"
#include "geo/gcj02.hpp"
#include "geo/measure.hpp"
#include "geo/operations.hpp"
#include "geo/prepared.hpp"
#include "geo/projection.hpp"
#include "geo/wkb.hpp"
#include "layers/store/store_reader.hpp"
#include "layers/model/validate.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <regex>
#include <set>

namespace {

namespace fs = std::filesystem;

const layers::StoreContents& store() {
  static const layers::StoreContents contents = layers::read_store(LAYOUTD_TEST_STORE);
  return contents;
}

const layers::Layer& layer(const std::string& id) {
  for (const auto& l : store().layers) {
    if (l.id() == id) return l;
  }
  throw std::runtime_error("no layer " + id);
}

const layers::Feature& feature(const std::string& layer_id, const std::string& id) {
  const layers::Feature* f = layer(layer_id).find(id);
  if (f == nullptr) throw std::runtime_error("no feature " + layer_id + "/" + id);
  return *f;
}

// The admin feature of a unit, by "CITY/COUNTY".
const layers::Feature& unit(const std::string& key) {
  for (const auto& f : layer("admin").features()) {
    const auto city = f.attributes.text("city");
    const auto county = f.attributes.text("county");
    if (city && county && std::string(*city) + "/" + std::string(*county) == key) return f;
  }
  throw std::runtime_error("no unit " + key);
}

std::vector<std::string> planning_area_units() {
  std::vector<std::string> keys;
  for (const auto& f : layer("admin").features()) {
    const std::string city(f.attributes.text("city").value_or(""));
    if (city == "长春市" || city == "吉林市" || city == "四平市" || city == "辽源市") {
      keys.push_back(city + "/" + std::string(f.attributes.text("county").value_or("")));
    }
  }
  return keys;
}

TEST(Dataset, EveryLayerPresentAndValid) {
  const std::vector<std::string> expected = {"admin",           "planning_area", "centre",       "groups",
                                             "belts",           "corridor",      "transport",    "water_veins",
                                             "protected_zones", "city_layouts",  "policy_zones", "nodes"};
  std::vector<std::string> actual;
  for (const auto& l : store().layers) actual.push_back(l.id());
  EXPECT_EQ(actual, expected);
  const auto report = layers::validate(store().layers);
  for (const auto& issue : report.issues) {
    ADD_FAILURE() << issue.layer << "/" << issue.feature << ": " << issue.reason;
  }
  for (const auto& l : store().layers) EXPECT_FALSE(l.features().empty()) << l.id();
}

TEST(Dataset, AdminHasTheSixtyJilinUnitsWithGongzhulingInChangchun) {
  int jilin = 0;
  for (const auto& f : layer("admin").features()) {
    if (f.attributes.text("province").value_or("") == "吉林省") ++jilin;
  }
  EXPECT_EQ(jilin, 60);
  EXPECT_EQ(unit("长春市/公主岭市").attributes.text("city").value_or(""), "长春市");
  for (const char* neighbour : {"harbin", "shenyang", "dalian", "tongliao"})
    EXPECT_NO_THROW(feature("admin", neighbour));
  EXPECT_EQ(planning_area_units().size(), 29U);  // 长春 11 (with 公主岭), 吉林 9, 四平 5, 辽源 4
}

TEST(Dataset, CentreAndPlanningAreaMatchTheirCities) {
  // Official land areas: 长春市 (with 公主岭) ≈ 24 744 km², the four cities together ≈ 67 900 km².
  EXPECT_NEAR(geo::area_km2(feature("centre", "changchun").geometry) / 24744.0, 1.0, 0.02);
  const double area = geo::area_km2(feature("planning_area", "changchun-metropolitan-area").geometry);
  EXPECT_NEAR(area / 67900.0, 1.0, 0.03);
}

// A point inside the unit and outside every development zone, so that a unit the plan omits is
// not "in" a group just because a zone of that group reaches into it.
geo::Geometry interior_point_outside_zones(const std::string& key) {
  std::vector<geo::Geometry> zones;
  for (const auto& f : layer("city_layouts").features()) {
    if (f.attributes.text("kind").value_or("") == "development_zone") zones.push_back(f.geometry.clone());
  }
  const geo::Geometry rest = geo::difference(unit(key).geometry, geo::union_all(zones));
  return geo::point_on_surface(rest);
}

struct GroupSpec {
  std::string id;
  std::set<std::string> units;  // the units 001 第二章 names for the group
};

const std::vector<GroupSpec>& group_specs() {
  static const std::vector<GroupSpec> specs = {
      {"changji",
       {"长春市/九台区", "长春市/双阳区", "吉林市/船营区", "吉林市/昌邑区", "吉林市/龙潭区", "吉林市/丰满区",
        "吉林市/磐石市", "吉林市/永吉县"}},
      {"changping", {"长春市/公主岭市", "四平市/铁西区", "四平市/铁东区", "四平市/梨树县", "四平市/双辽市"}},
      {"changliao",
       {"长春市/双阳区", "辽源市/龙山区", "辽源市/西安区", "辽源市/东辽县", "辽源市/东丰县", "四平市/伊通满族自治县"}},
  };
  return specs;
}

TEST(Dataset, EachGroupHoldsExactlyTheUnitsThePlanNames) {
  for (const auto& spec : group_specs()) {
    const geo::Geometry& group = feature("groups", spec.id).geometry;
    const geo::PreparedGeometry prepared(group.clone());
    for (const auto& key : planning_area_units()) {
      const geo::Geometry& u = unit(key).geometry;
      const double share = geo::area_km2(geo::intersection(group, u)) / geo::area_km2(u);
      const bool inside = prepared.covers(interior_point_outside_zones(key));
      if (spec.units.count(key) != 0) {
        EXPECT_GT(share, 0.999) << spec.id << " should hold all of " << key;
        EXPECT_TRUE(inside) << spec.id << " should hold " << key;
      } else {
        // A development zone of the group may reach into the unit, but never cover it.
        EXPECT_LT(share, 0.9) << spec.id << " should not hold " << key << " (share " << share << ")";
        EXPECT_FALSE(inside) << spec.id << " should not hold " << key;
      }
    }
  }
}

TEST(Dataset, GroupsOverlapWhereThePlanSharesUnitsAndZones) {
  auto groups_covering = [](const geo::Geometry& point) {
    std::set<std::string> ids;
    for (const auto& f : layer("groups").features()) {
      if (geo::covers(f.geometry, point)) ids.insert(f.id);
    }
    return ids;
  };
  EXPECT_EQ(groups_covering(geo::point_on_surface(unit("长春市/双阳区").geometry)),
            (std::set<std::string>{"changji", "changliao"}));
  EXPECT_EQ(groups_covering(geo::point_on_surface(feature("city_layouts", "changchun-new-area").geometry)),
            (std::set<std::string>{"changji", "changping"}));
  EXPECT_EQ(groups_covering(geo::point_on_surface(feature("city_layouts", "changchun-auto-zone").geometry)),
            (std::set<std::string>{"changping", "changliao"}));
}

TEST(Dataset, ChangjiJunctionTestZoneAreaNearThePlansFigure) {
  // Seed 003: 长吉接合片区国家城乡融合发展试验区, 11 081 km².
  const layers::Feature* zone = nullptr;
  for (const auto& f : layer("policy_zones").features()) {
    if (f.attributes.text("name_zh").value_or("").find("长吉接合片区") != std::string_view::npos) zone = &f;
  }
  ASSERT_NE(zone, nullptr);
  const double area = geo::area_km2(zone->geometry);
  std::cout << "长吉接合片区 composed " << area << " km², plan 11081 km², ratio " << area / 11081.0 << "\n";
  EXPECT_NEAR(area / 11081.0, 1.0, 0.10);
}

// Median distance in metres from the boundary vertices of `units` that lie within 3 km of the
// border to the border itself, everything projected to the equal-area CRS.
double median_distance_to_border(const std::vector<geo::Geometry>& units, const geo::Geometry& border) {
  const geo::Transformer& metric = geo::thread_transformer(geo::crs::kWgs84, geo::crs::kEqualArea);
  const geo::PreparedGeometry border_m(metric.forward(border));
  std::vector<double> distances;
  for (const auto& u : units) {
    for (const auto& p : geo::coordinates(metric.forward(u))) {
      const double d = border_m.distance(geo::make_point(p.x, p.y));
      if (d < 3000.0) distances.push_back(d);
    }
  }
  if (distances.size() < 50) throw std::runtime_error("too few vertices near the border");
  std::nth_element(distances.begin(), distances.begin() + static_cast<std::ptrdiff_t>(distances.size() / 2),
                   distances.end());
  return distances[distances.size() / 2];
}

TEST(Dataset, CountyLinesAreConvertedFromGcj02ToWgs84) {
  // The Jilin–DPRK border along the 鸭绿江 and 图们江: the OSM-derived WGS84 border is the reference.
  const auto border_store =
      layers::read_store(fs::path(LAYOUTD_DATA_DIR) / "sources/geo-maps-countries-land/china_border_jilin.geojson");
  const layers::Feature* prk = nullptr;
  for (const auto& f : border_store.layers.at(0).features()) {
    if (f.attributes.text("shared_with").value_or("") == "PRK") prk = &f;
  }
  ASSERT_NE(prk, nullptr);
  const std::vector<std::string> border_units = {"通化市/集安市",           "白山市/临江市",
                                                 "白山市/长白朝鲜族自治县", "延边朝鲜族自治州/和龙市",
                                                 "延边朝鲜族自治州/龙井市", "延边朝鲜族自治州/图们市"};
  std::vector<geo::Geometry> converted;
  std::vector<geo::Geometry> as_shipped;  // the same lines pushed back into GCJ-02
  for (const auto& key : border_units) {
    converted.push_back(unit(key).geometry.clone());
    as_shipped.push_back(geo::transform_xy(unit(key).geometry, [](double& x, double& y) {
      const geo::LonLat p = geo::wgs84_to_gcj02({x, y});
      x = p.lon;
      y = p.lat;
      return true;
    }));
  }
  const double after = median_distance_to_border(converted, prk->geometry);
  const double before = median_distance_to_border(as_shipped, prk->geometry);
  std::cout << "median distance to the OSM DPRK border: GCJ-02 " << before << " m, converted " << after << " m\n";
  EXPECT_LT(after, 200.0);
  EXPECT_GT(before, 300.0);
}

TEST(Dataset, PlanTextIsQuotedVerbatim) {
  const fs::path seeds = LAYOUTD_SEEDS_DIR;
  if (!fs::is_directory(seeds)) GTEST_SKIP() << "plan documents not found at " << seeds;
  std::map<std::string, std::string> documents;  // "001" → text
  for (const auto& entry : fs::directory_iterator(seeds)) {
    std::ifstream in(entry.path());
    documents[entry.path().filename().string().substr(0, 3)] = std::string(std::istreambuf_iterator<char>(in), {});
  }
  static const std::regex number(R"(^(\d{3}))");
  for (const auto& l : store().layers) {
    for (const auto& f : l.features()) {
      const std::string ref(f.attributes.text("plan_ref").value_or(""));
      const std::string text(f.attributes.text("plan_text").value_or(""));
      std::smatch m;
      ASSERT_TRUE(std::regex_search(ref, m, number)) << l.id() << "/" << f.id << ": plan_ref '" << ref << "'";
      const auto doc = documents.find(m[1]);
      ASSERT_NE(doc, documents.end()) << l.id() << "/" << f.id << ": no document " << m[1];
      EXPECT_NE(doc->second.find(text), std::string::npos)
          << l.id() << "/" << f.id << ": plan_text not in " << m[1] << ": " << text;
    }
  }
}

}  // namespace
