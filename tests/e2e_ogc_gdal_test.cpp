// OGC API – Features checked with someone else's client: layoutd serves the real dataset, and
// GDAL's OAPIF driver (ogrinfo, ogr2ogr from gdal-bin) lists, copies and pages through it. The
// copies are compared with the store itself: attributes equal, coordinates within 1e-7°.
#include "geo/operations.hpp"
#include "geo/wkb.hpp"
#include "layers/store/gdal_support.hpp"
#include "layers/store/store_reader.hpp"
#include "support/fixture_store.hpp"
#include "support/process.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <cstdlib>
#include <map>
#include <optional>
#include <regex>
#include <sstream>
#include <string>
#include <variant>
#include <vector>

namespace {

using test_support::CommandResult;
using test_support::TempDir;

const layers::StoreContents& store() {
  static const layers::StoreContents contents = layers::read_store(LAYOUTD_TEST_STORE);
  return contents;
}

const layers::Layer& store_layer(const std::string& id) {
  for (const auto& layer : store().layers) {
    if (layer.id() == id) return layer;
  }
  throw std::runtime_error("the store has no layer " + id);
}

class OgcGdal : public ::testing::Test {
 protected:
  void SetUp() override {
    // GDAL's HTTP client must not wait forever on a broken server, nor go through a proxy that
    // cannot reach 127.0.0.1. Set before the children start: they inherit the environment.
    setenv("GDAL_HTTP_TIMEOUT", "30", 1);
    setenv("NO_PROXY", "127.0.0.1,localhost", 1);
    setenv("no_proxy", "127.0.0.1,localhost", 1);
    server_.emplace(LAYOUTD_BIN, LAYOUTD_TEST_STORE, dir_ / "layoutd.log");
  }

  [[nodiscard]] std::string oapif() const { return "OAPIF:http://127.0.0.1:" + std::to_string(server_->port) + "/ogc"; }

  CommandResult run(const std::vector<std::string>& argv) {
    return test_support::run_command(argv, dir_.path(), std::chrono::seconds(90));
  }

  TempDir dir_;
  std::optional<test_support::RunningLayoutd> server_;
};

// Every feature of a GPKG layer, by slug (the "id" property), as GDAL read them.
std::map<std::string, OGRFeatureUniquePtr> features_by_slug(GDALDataset& dataset, const std::string& layer_name,
                                                            std::vector<std::string>& order) {
  OGRLayer* layer = dataset.GetLayerByName(layer_name.c_str());
  if (layer == nullptr) throw std::runtime_error("no layer " + layer_name + " in the copy");
  std::map<std::string, OGRFeatureUniquePtr> out;
  layer->ResetReading();
  while (OGRFeature* feature = layer->GetNextFeature()) {
    const std::string slug = feature->GetFieldAsString("id");
    order.push_back(slug);
    out.emplace(slug, OGRFeatureUniquePtr(feature));
  }
  return out;
}

geo::Geometry geometry_of(const OGRFeature& feature) {
  const OGRGeometry* geometry = feature.GetGeometryRef();
  if (geometry == nullptr) throw std::runtime_error("a copied feature has no geometry");
  std::vector<std::uint8_t> wkb(static_cast<std::size_t>(geometry->WkbSize()));
  geometry->exportToWkb(wkbNDR, wkb.data(), wkbVariantIso);
  return geo::from_wkb(wkb);
}

// Same parts, same vertices in the same order, each within `tolerance` degrees.
void expect_same_geometry(const geo::Geometry& expected, const geo::Geometry& actual, const std::string& what) {
  constexpr double kTolerance = 1e-7;
  const auto a = geo::coordinates(expected);
  const auto b = geo::coordinates(actual);
  bool same = expected.num_geometries() == actual.num_geometries() && a.size() == b.size();
  double worst = 0;
  for (std::size_t i = 0; same && i < a.size(); ++i) {
    worst = std::max({worst, std::abs(a[i].x - b[i].x), std::abs(a[i].y - b[i].y)});
  }
  // Both WKTs, cut short: admin outlines run to megabytes.
  const auto wkt = [](const geo::Geometry& g) { return geo::to_wkt(g, 9).substr(0, 400); };
  EXPECT_TRUE(same && worst <= kTolerance) << what << ": geometries differ (worst vertex offset " << worst
                                           << "°)\n  store: " << wkt(expected) << "\n  copy:  " << wkt(actual);
}

void expect_same_attribute(const OGRFeature& copy, const std::string& name, const layers::AttributeValue& value,
                           const std::string& what) {
  const int field = copy.GetFieldIndex(name.c_str());
  if (std::holds_alternative<std::monostate>(value)) {
    // A property null on every feature of the layer gives GDAL no type, so no field; else null.
    if (field >= 0) {
      EXPECT_TRUE(copy.IsFieldNull(field)) << what << " " << name;
    }
    return;
  }
  ASSERT_GE(field, 0) << what << ": the copy has no field " << name;
  std::visit(
      [&](const auto& v) {
        using T = std::decay_t<decltype(v)>;
        if constexpr (std::is_same_v<T, std::string>) {
          EXPECT_EQ(copy.GetFieldAsString(field), v) << what << " " << name;
        } else if constexpr (std::is_same_v<T, std::int64_t>) {
          EXPECT_EQ(copy.GetFieldAsInteger64(field), v) << what << " " << name;
        } else if constexpr (std::is_same_v<T, double>) {
          EXPECT_DOUBLE_EQ(copy.GetFieldAsDouble(field), v) << what << " " << name;
        } else if constexpr (std::is_same_v<T, bool>) {
          EXPECT_EQ(copy.GetFieldAsInteger(field) != 0, v) << what << " " << name;
        }
      },
      value);
}

// The copy holds exactly the store layer's features, in the store's order, with equal attributes
// and geometries.
void expect_copy_equals_store(const std::filesystem::path& gpkg, const std::string& layer_id) {
  layers::ensure_gdal_registered();
  const GDALDatasetUniquePtr dataset(GDALDataset::Open(gpkg.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY));
  ASSERT_NE(dataset, nullptr) << "cannot open " << gpkg;
  std::vector<std::string> order;
  const auto copies = features_by_slug(*dataset, layer_id, order);
  const layers::Layer& original = store_layer(layer_id);
  ASSERT_EQ(order.size(), original.features().size());
  ASSERT_EQ(copies.size(), original.features().size()) << "slugs repeat in the copy";
  for (std::size_t i = 0; i < order.size(); ++i) {
    const layers::Feature& feature = original.features()[i];
    EXPECT_EQ(order[i], feature.id) << "feature " << i << " out of order";
    const auto copy = copies.find(feature.id);
    ASSERT_NE(copy, copies.end()) << layer_id << "/" << feature.id << " missing from the copy";
    const std::string what = layer_id + "/" + feature.id;
    for (const auto& [name, value] : feature.attributes.items()) {
      expect_same_attribute(*copy->second, name, value, what);
    }
    expect_same_geometry(feature.geometry, geometry_of(*copy->second), what);
  }
}

TEST_F(OgcGdal, OgrinfoListsEveryStoreLayerWithItsCount) {
  const CommandResult info = run({OGRINFO_BIN, "-ro", "-al", "-so", oapif()});
  ASSERT_EQ(info.exit_code, 0) << info.err;
  // "Layer name: x" then, further down its block, "Feature Count: n" (from numberMatched).
  std::vector<std::pair<std::string, long>> listed;
  std::istringstream lines(info.out);
  for (std::string line; std::getline(lines, line);) {
    std::smatch match;
    if (std::regex_match(line, match, std::regex("Layer name: (.+)"))) listed.emplace_back(match[1], -1);
    if (std::regex_match(line, match, std::regex(R"(Feature Count: (\d+))")) && !listed.empty()) {
      listed.back().second = std::stol(match[1]);
    }
  }
  std::vector<std::pair<std::string, long>> expected;
  for (const auto& layer : store().layers) {
    expected.emplace_back(layer.id(), static_cast<long>(layer.features().size()));
  }
  EXPECT_EQ(listed, expected) << info.out.substr(0, 2000);
  EXPECT_EQ(expected.size(), 12U) << "the dataset changed; fine, but look at this test again";
}

TEST_F(OgcGdal, Ogr2ogrCopiesGroupsExactly) {
  const auto copy = dir_ / "groups.gpkg";
  const CommandResult result = run({OGR2OGR_BIN, "-f", "GPKG", copy.string(), oapif(), "groups"});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  expect_copy_equals_store(copy, "groups");
}

TEST_F(OgcGdal, Ogr2ogrFollowsNextLinksThroughAdmin) {
  // admin has 64 features: with pages of 10, GDAL must follow six next links to get them all.
  ASSERT_GT(store_layer("admin").features().size(), 10U);
  const auto copy = dir_ / "admin.gpkg";
  const CommandResult result = run({OGR2OGR_BIN, "-oo", "PAGE_SIZE=10", "-f", "GPKG", copy.string(), oapif(), "admin"});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  expect_copy_equals_store(copy, "admin");
  const std::string log = server_->process.log();
  for (const char* page :
       {"target=/ogc/collections/admin/items?limit=10 ", "items?limit=10&offset=10 ", "items?limit=10&offset=60 "}) {
    EXPECT_NE(log.find(page), std::string::npos) << "no request for " << page << "\n" << log;
  }
  EXPECT_EQ(log.find("items?limit=10&offset=70"), std::string::npos) << "a next link after the last page";
}

TEST_F(OgcGdal, SpatialFilterGoesToTheServerAsBbox) {
  // GDAL sends -spat as bbox=..., and filters again itself; the server must not drop anything.
  const geo::Envelope box{125.0, 43.5, 125.5, 44.0};
  const auto copy = dir_ / "filtered.gpkg";
  const CommandResult result =
      run({OGR2OGR_BIN, "-spat", "125.0", "43.5", "125.5", "44.0", "-f", "GPKG", copy.string(), oapif(), "admin"});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_NE(server_->process.log().find("bbox=125,43.5,125.5,44 status=200"), std::string::npos)
      << server_->process.log();

  std::size_t expected = 0;
  const std::vector<geo::XY> ring{
      {box.min_x, box.min_y}, {box.max_x, box.min_y}, {box.max_x, box.max_y}, {box.min_x, box.max_y}};
  const geo::Geometry rect = geo::make_polygon(ring);
  for (const auto& feature : store_layer("admin").features()) {
    if (geo::intersects(feature.geometry, rect)) ++expected;
  }
  ASSERT_GT(expected, 0U);
  layers::ensure_gdal_registered();
  const GDALDatasetUniquePtr dataset(GDALDataset::Open(copy.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY));
  ASSERT_NE(dataset, nullptr);
  EXPECT_EQ(dataset->GetLayerByName("admin")->GetFeatureCount(), static_cast<GIntBig>(expected));
}

}  // namespace
