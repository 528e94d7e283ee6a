// `layoutctl load` and `layoutctl export` as GIS staff run them: files made in the test (GeoJSON
// written here, Shapefiles made from it by ogr2ogr in CGCS2000 / Gauss–Krüger), loaded into a copy
// of a store, then checked by reading the store back and locating sites with the query engine.
// Every refusal is checked to leave the store byte-identical.
#include "geo/operations.hpp"
#include "layers/store/gdal_support.hpp"
#include "layers/query/engine.hpp"
#include "layers/serving/served_snapshot.hpp"
#include "layers/store/store_reader.hpp"
#include "support/fixture_store.hpp"
#include "support/process.hpp"

#include <gtest/gtest.h>

#include <csignal>
#include <filesystem>
#include <random>
#include <thread>
#include <fstream>
#include <set>
#include <sstream>

namespace {

namespace fs = std::filesystem;
using test_support::CommandResult;
using test_support::run_command;
using test_support::TempDir;

std::string file_bytes(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), {}};
}

void write_file(const fs::path& path, const std::string& text) {
  std::ofstream(path, std::ios::binary) << text;
}

bool contains(const std::string& text, const std::string& fragment) {
  return text.find(fragment) != std::string::npos;
}

// A GeoJSON Feature with a rectangle polygon and the given properties (a JSON object body).
std::string box_feature(const std::string& properties, double west, double south, double east, double north) {
  std::ostringstream out;
  out << R"({"type":"Feature","properties":{)" << properties << R"(},"geometry":{"type":"Polygon","coordinates":[[)";
  out << "[" << west << "," << south << "],[" << east << "," << south << "],[" << east << "," << north << "],[" << west
      << "," << north << "],[" << west << "," << south << "]]]}}";
  return out.str();
}

std::string collection(const std::vector<std::string>& features) {
  std::string out = R"({"type":"FeatureCollection","features":[)";
  for (std::size_t i = 0; i < features.size(); ++i) out += (i > 0 ? "," : "") + features[i];
  return out + "]}";
}

// Every schema attribute but id, for a feature that needs nothing from defaults or the store.
const std::string kComplete =
    R"("name_zh":"北组团","name_en":"North group","kind":"group","plan_ref":"test","plan_text":"测试","precision":"surveyed")";

class Load : public ::testing::Test {
 protected:
  void SetUp() override { test_support::write_sample_store(store_); }

  CommandResult layoutctl(std::vector<std::string> args) {
    args.insert(args.begin(), LAYOUTCTL_BIN);
    return run_command(args, scratch_.path());
  }
  CommandResult load(const fs::path& source, std::vector<std::string> args) {
    args.insert(args.begin(), {"load", source.string(), "--store", store_.string()});
    return layoutctl(std::move(args));
  }
  void ogr2ogr(std::vector<std::string> args) {
    args.insert(args.begin(), OGR2OGR_BIN);
    const auto result = run_command(args, scratch_.path());
    ASSERT_EQ(result.exit_code, 0) << result.err;
  }
  // A Shapefile in `crs` made by ogr2ogr from a GeoJSON text in WGS84.
  fs::path shapefile(const std::string& name, const std::string& geojson, const std::string& crs) {
    const fs::path source = dir_ / (name + ".geojson");
    write_file(source, geojson);
    const fs::path shp = dir_ / (name + ".shp");
    ogr2ogr({"-f", "ESRI Shapefile", "-t_srs", crs, "-lco", "ENCODING=UTF-8", shp.string(), source.string()});
    return shp;
  }
  fs::path geojson(const std::string& name, const std::string& text) {
    const fs::path path = dir_ / (name + ".geojson");
    write_file(path, text);
    return path;
  }
  // The ids of `layer`'s features the query engine locates the site in, after reading the store
  // afresh (or in `snapshot`).
  static std::set<std::string> located_in(const layers::ServedSnapshot& snapshot, double lon, double lat,
                                          const std::string& layer = "groups") {
    std::set<std::string> ids;
    for (const auto& match : layers::query::locate(snapshot, {lon, lat}).matches) {
      const auto& l = snapshot.layers()[match.layer];
      if (l.id() == layer) ids.insert(l.features()[match.feature].id);
    }
    return ids;
  }
  std::set<std::string> located(double lon, double lat, const std::string& layer = "groups") const {
    return located_in(*layers::load_snapshot(store_.string(), 1), lon, lat, layer);
  }
  // Runs a load that must be refused: exit 1, the reason on stderr, the store's bytes untouched.
  CommandResult expect_refused(const fs::path& source, std::vector<std::string> args, const std::string& reason) {
    const std::string before = file_bytes(store_);
    auto result = load(source, std::move(args));
    EXPECT_EQ(result.exit_code, 1) << result.out << result.err;
    EXPECT_TRUE(contains(result.err, reason)) << result.err;
    EXPECT_TRUE(contains(result.err, "nothing written")) << result.err;
    EXPECT_TRUE(file_bytes(store_) == before) << "the refused load changed the store";
    return result;
  }

  TempDir dir_;
  TempDir scratch_;
  fs::path store_ = dir_ / "store.gpkg";
};

TEST_F(Load, ShapefileInGaussKrugerZone42IsLoadedIntoTheRealStoreAndLocated) {
  fs::copy_file(LAYOUTD_TEST_STORE, store_, fs::copy_options::overwrite_existing);
  const auto original = layers::read_store(store_.string());
  // A zone around 长春's centre (人民广场 is at 125.3245, 43.8868), surveyed in CGCS2000 GK zone 42.
  const fs::path shp = shapefile("zone",
                                 collection({box_feature(R"("ID":"test-zone","MC":"测试片区","NAME_EN":"Test zone")",
                                                         125.30, 43.85, 125.40, 43.95)}),
                                 "EPSG:4530");
  const auto result = load(
      shp, {"--layer", "groups", "--mode", "append", "--map", "id=ID,name_zh=MC", "--default", "precision=surveyed",
            "--default", "kind=group", "--default", "plan_ref=测试", "--default", "plan_text=测试用片区"});
  ASSERT_EQ(result.exit_code, 0) << result.out << result.err;
  EXPECT_TRUE(contains(result.out, "CRS EPSG:4530 CGCS2000 / 3-degree Gauss-Kruger zone 42")) << result.out;
  EXPECT_TRUE(contains(result.out, "changes: 0 updated, 1 added, 0 deleted")) << result.out;
  EXPECT_TRUE(contains(result.out, "revision 1 -> 2")) << result.out;

  const auto loaded = layers::read_store(store_.string());
  EXPECT_EQ(loaded.revision, 2);
  ASSERT_EQ(loaded.layers.size(), original.layers.size());
  for (std::size_t i = 0; i < loaded.layers.size(); ++i) {
    const std::size_t expected = original.layers[i].features().size() + (loaded.layers[i].id() == "groups" ? 1 : 0);
    EXPECT_EQ(loaded.layers[i].features().size(), expected) << loaded.layers[i].id();
  }
  const auto groups =
      std::find_if(loaded.layers.begin(), loaded.layers.end(), [](const auto& l) { return l.id() == "groups"; });
  const layers::Feature* zone = groups->find("test-zone");
  ASSERT_NE(zone, nullptr);
  EXPECT_EQ(zone->attributes.text("name_zh"), "测试片区");
  EXPECT_EQ(zone->attributes.text("source"), "zone.shp, layer zone");
  // Through EPSG:4530 and back: the corners come home to well under a millimetre.
  const geo::Envelope env = zone->geometry.envelope();
  EXPECT_NEAR(env.min_x, 125.30, 1e-8);
  EXPECT_NEAR(env.max_x, 125.40, 1e-8);
  EXPECT_NEAR(env.min_y, 43.85, 1e-8);
  EXPECT_NEAR(env.max_y, 43.95, 1e-8);
  const auto snapshot = layers::load_snapshot(store_.string(), 1);
  EXPECT_TRUE(located_in(*snapshot, 125.3245, 43.8868).contains("test-zone"));
  EXPECT_FALSE(located_in(*snapshot, 125.45, 43.8868).contains("test-zone"));
  const auto validate = layoutctl({"validate", store_.string()});
  EXPECT_EQ(validate.exit_code, 0) << validate.out;
}

TEST_F(Load, GeoJsonReplaceUpdatesInPlaceKeepsAttributesAndDeletesTheRest) {
  // west gets a new outline and name; east is not in the file; north is new; the last has no id.
  const fs::path source = geojson(
      "replace", collection({box_feature(R"("id":"west","name_zh":"西组团（修订）")", 125.0, 43.5, 125.3, 43.8),
                             box_feature(R"("id":"north",)" + kComplete, 125.2, 44.1, 125.6, 44.4),
                             box_feature(kComplete.substr(0, kComplete.find("\"name_en\"")) +
                                             R"("name_en":"North Annex","kind":"group","plan_ref":"t","plan_text":"t")",
                                         125.7, 44.1, 125.9, 44.3)}));
  const auto result = load(source, {"--layer", "groups", "--default", "precision=surveyed"});
  ASSERT_EQ(result.exit_code, 0) << result.out << result.err;
  EXPECT_TRUE(contains(result.out, "changes: 1 updated, 2 added, 1 deleted")) << result.out;
  EXPECT_TRUE(contains(result.out, "'north-annex' (feature 2)")) << result.out;
  EXPECT_TRUE(contains(result.out, "are kept from the stored feature of the same id for 1 feature")) << result.out;

  const auto stored = layers::read_store(store_.string());
  const auto& groups = stored.layers[0];
  ASSERT_EQ(groups.features().size(), 3U);
  const layers::Feature* west = groups.find("west");
  ASSERT_NE(west, nullptr);
  EXPECT_EQ(west->fid, 1);  // updated in place: tile feature ids stay
  EXPECT_EQ(west->attributes.text("name_zh"), "西组团（修订）");
  EXPECT_EQ(west->attributes.text("plan_text"), "测试用要素");  // kept from the stored feature
  EXPECT_EQ(west->attributes.text("precision"), "surveyed");
  EXPECT_EQ(west->attributes.text("source"), "replace.geojson, layer replace");
  EXPECT_EQ(groups.find("east"), nullptr);
  EXPECT_NE(groups.find("north-annex"), nullptr);
  EXPECT_EQ(located(125.4, 44.2), (std::set<std::string>{"north"}));
  EXPECT_EQ(located(125.45, 43.9), (std::set<std::string>{}));  // east is gone, west shrank
  EXPECT_EQ(located(125.1, 43.6), (std::set<std::string>{"west"}));
  EXPECT_EQ(stored.layers[1].features().size(), 1U);  // the other layer is untouched
}

TEST_F(Load, UpdateReplacesTheFeaturesOfTheFileAndKeepsTheOthers) {
  const fs::path source =
      geojson("west", collection({box_feature(R"("id":"west","name_zh":"西组团（测绘）")", 125.0, 43.5, 125.2, 43.7)}));
  const auto result = load(source, {"--layer", "groups", "--mode", "update", "--default", "precision=surveyed"});
  ASSERT_EQ(result.exit_code, 0) << result.out << result.err;
  EXPECT_TRUE(contains(result.out, "mode update")) << result.out;
  EXPECT_TRUE(contains(result.out, "changes: 1 updated, 0 added, 0 deleted")) << result.out;
  const auto stored = layers::read_store(store_.string());
  ASSERT_EQ(stored.layers[0].features().size(), 2U);
  EXPECT_EQ(stored.layers[0].find("west")->attributes.text("name_zh"), "西组团（测绘）");
  EXPECT_EQ(stored.layers[0].find("east")->attributes.text("source"), "tests/support/fixture_store.cpp");
}

TEST_F(Load, LineLayerTakesItsBandFromAMappedTextField) {
  const fs::path source = geojson("rivers", R"({"type":"FeatureCollection","features":[
      {"type":"Feature","properties":{"id":"yinma","BAND":"1500","name_zh":"饮马河","name_en":"Yinma River","kind":"经",
       "plan_ref":"t","plan_text":"t","precision":"derived"},
       "geometry":{"type":"LineString","coordinates":[[125.6,43.5],[125.7,44.3]]}},
      {"type":"Feature","properties":{"id":"nameless","BAND":"wide","name_zh":"无名河","name_en":"Nameless","kind":"经",
       "plan_ref":"t","plan_text":"t","precision":"derived"},
       "geometry":{"type":"LineString","coordinates":[[125.8,43.5],[125.9,44.3]]}}]})");
  const auto result = load(source, {"--layer", "water_veins", "--mode", "append", "--map", "band_m=BAND"});
  ASSERT_EQ(result.exit_code, 0) << result.out << result.err;
  EXPECT_TRUE(contains(result.out,
                       "rejected: feature 1 (id 'nameless'): attribute band_m (from BAND): 'wide' is not a "
                       "number; line feature needs a positive 'band_m'"))
      << result.out;
  const auto stored = layers::read_store(store_.string());
  const layers::Feature* yinma = stored.layers[1].find("yinma");
  ASSERT_NE(yinma, nullptr);
  EXPECT_EQ(yinma->attributes.number("band_m"), 1500.0);
  EXPECT_EQ(stored.layers[1].find("nameless"), nullptr);
  EXPECT_TRUE(located(125.652, 43.9, "water_veins").contains("yinma"));  // within 1.5 km of the axis
}

TEST_F(Load, SelfIntersectingPolygonIsRepairedAndReported) {
  const fs::path source = geojson("bowtie", R"({"type":"FeatureCollection","features":[
      {"type":"Feature","properties":{"id":"bowtie",)" +
                                                kComplete + R"(},
       "geometry":{"type":"Polygon","coordinates":[[[125.0,44.1],[125.5,44.6],[125.5,44.1],[125.0,44.6],[125.0,44.1]]]}}]})");
  const auto result = load(source, {"--layer", "groups", "--mode", "append"});
  ASSERT_EQ(result.exit_code, 0) << result.out << result.err;
  EXPECT_TRUE(contains(result.out, "repaired: feature 0 (id 'bowtie'): Self-intersection[125.25 44.35]; area "))
      << result.out;
  EXPECT_TRUE(contains(result.out, "1 to load (1 of them repaired), 0 rejected")) << result.out;
  const auto stored = layers::read_store(store_.string());
  const layers::Feature* bowtie = stored.layers[0].find("bowtie");
  ASSERT_NE(bowtie, nullptr);
  EXPECT_TRUE(bowtie->geometry.is_valid());
  EXPECT_EQ(bowtie->geometry.num_geometries(), 2);
  EXPECT_TRUE(located(125.1, 44.35).contains("bowtie"));   // the western triangle
  EXPECT_FALSE(located(125.25, 44.5).contains("bowtie"));  // between the triangles
  EXPECT_EQ(layoutctl({"validate", store_.string()}).exit_code, 0);
}

TEST_F(Load, SourceWithoutCrsIsRefusedUntilGivenOne) {
  const fs::path shp = shapefile(
      "noprj", collection({box_feature(R"("id":"noprj",)" + kComplete, 125.2, 44.1, 125.3, 44.2)}), "EPSG:4530");
  fs::remove(dir_ / "noprj.prj");
  expect_refused(shp, {"--layer", "groups", "--mode", "append"}, "has no coordinate reference system");
  const auto wrong_zone = load(shp, {"--layer", "groups", "--mode", "append", "--s_srs", "EPSG:4551"});
  EXPECT_EQ(wrong_zone.exit_code, 1);
  EXPECT_TRUE(contains(wrong_zone.out, "probably in EPSG:4530 (zone 42)")) << wrong_zone.out;
  const auto given = load(shp, {"--layer", "groups", "--mode", "append", "--s_srs", "EPSG:4530"});
  ASSERT_EQ(given.exit_code, 0) << given.out << given.err;
  EXPECT_TRUE(located(125.25, 44.15).contains("noprj"));
}

TEST_F(Load, WrongGeometryTypeIsRefused) {
  const fs::path points =
      geojson("points", R"({"type":"FeatureCollection","features":[
      {"type":"Feature","properties":{"id":"p",)" +
                            kComplete + R"(},"geometry":{"type":"Point","coordinates":[125.3,43.9]}}]})");
  expect_refused(points, {"--layer", "groups"}, "holds Point geometries, and layer 'groups' takes polygons");

  // A file of mixed types: the point is rejected and listed, the polygon loaded.
  const fs::path mixed =
      geojson("mixed", R"({"type":"FeatureCollection","features":[
      {"type":"Feature","properties":{"id":"p",)" +
                           kComplete + R"(},"geometry":{"type":"Point","coordinates":[125.3,43.9]}},)" +
                           box_feature(R"("id":"q",)" + kComplete, 125.2, 44.1, 125.3, 44.2) + "]}");
  const auto result = load(mixed, {"--layer", "groups", "--mode", "append"});
  ASSERT_EQ(result.exit_code, 0) << result.out << result.err;
  EXPECT_TRUE(contains(result.out, "rejected: feature 0 (id 'p'): geometry type Point in a polygon layer"))
      << result.out;
  EXPECT_TRUE(located(125.25, 44.15).contains("q"));
}

TEST_F(Load, TruncatedFilesAreRefusedAndTheStoreIsByteIdentical) {
  const std::string text = collection({box_feature(R"("id":"a",)" + kComplete, 125.2, 44.1, 125.3, 44.2),
                                       box_feature(R"("id":"b",)" + kComplete, 125.4, 44.1, 125.5, 44.2)});
  const fs::path cut = geojson("cut", text.substr(0, text.size() / 2));
  expect_refused(cut, {"--layer", "groups"}, "cut.geojson");

  const fs::path shp = shapefile("cutshp", text, "EPSG:4530");
  const std::string bytes = file_bytes(shp);
  write_file(shp, bytes.substr(0, bytes.size() - 60));  // the second polygon loses its end
  expect_refused(shp, {"--layer", "groups"}, "truncated or corrupt file");
}

TEST_F(Load, AFailureDuringTheWriteRollsEverythingBack) {
  // A trigger makes the second insert fail after the first feature was updated and east deleted.
  const auto trigger = run_command({OGRINFO_BIN, store_.string(), "-sql",
                                    "CREATE TRIGGER boom BEFORE INSERT ON groups WHEN NEW.id = 'boom' "
                                    "BEGIN SELECT RAISE(ABORT, 'boom'); END"},
                                   scratch_.path());
  ASSERT_EQ(trigger.exit_code, 0) << trigger.err;
  const fs::path source =
      geojson("boom", collection({box_feature(R"("id":"west",)" + kComplete, 125.0, 43.5, 125.2, 43.7),
                                  box_feature(R"("id":"boom",)" + kComplete, 125.2, 44.1, 125.3, 44.2)}));
  const auto result = expect_refused(source, {"--layer", "groups"}, "boom");
  EXPECT_TRUE(contains(result.out, "nothing written: store")) << result.out;
  EXPECT_TRUE(contains(result.out, "2 read: 2 to load")) << result.out;
}

TEST_F(Load, DryRunAndStrictWriteNothing) {
  const fs::path source =
      geojson("two", collection({box_feature(R"("id":"ok",)" + kComplete, 125.2, 44.1, 125.3, 44.2),
                                 box_feature(R"("id":"bad","name_zh":"缺")", 125.4, 44.1, 125.5, 44.2)}));
  const std::string before = file_bytes(store_);
  const auto dry = load(source, {"--layer", "groups", "--mode", "append", "--dry-run"});
  EXPECT_EQ(dry.exit_code, 0) << dry.err;
  EXPECT_TRUE(contains(dry.out, "rejected: feature 1 (id 'bad'): missing required attribute 'name_en'")) << dry.out;
  EXPECT_TRUE(contains(dry.out, "changes it would make: 0 updated, 1 added, 0 deleted")) << dry.out;
  EXPECT_TRUE(contains(dry.out, "dry run: nothing written")) << dry.out;
  EXPECT_TRUE(file_bytes(store_) == before);
  expect_refused(source, {"--layer", "groups", "--mode", "append", "--strict"}, "--strict, and 1 feature rejected");
}

TEST_F(Load, AppendRefusesIdsAlreadyInTheLayer) {
  const fs::path source =
      geojson("again", collection({box_feature(R"("id":"west",)" + kComplete, 125.2, 44.1, 125.3, 44.2)}));
  const auto result =
      expect_refused(source, {"--layer", "groups", "--mode", "append"}, "no feature of the source passed");
  EXPECT_TRUE(contains(result.out, "id 'west' is already in layer 'groups'")) << result.out;
}

TEST_F(Load, UnknownLayerOrFieldIsRefused) {
  const fs::path source = geojson("x", collection({box_feature(R"("id":"x",)" + kComplete, 125.2, 44.1, 125.3, 44.2)}));
  expect_refused(source, {"--layer", "lakes"}, "has no layer 'lakes' (layers: groups, water_veins)");
  expect_refused(source, {"--layer", "groups", "--map", "name_zh=MC"}, "has no field 'MC'");
  EXPECT_EQ(load(source, {"--layer", "groups", "--mode", "merge"}).exit_code, 2);
}

TEST_F(Load, InfoShowsTheRevisionAStoreWithoutItReadsAsZero) {
  EXPECT_TRUE(contains(layoutctl({"info", store_.string()}).out, "3 features, revision 1"));
  const auto dropped = run_command({OGRINFO_BIN, store_.string(), "-sql", "DELLAYER:layoutd_meta"}, scratch_.path());
  ASSERT_EQ(dropped.exit_code, 0) << dropped.err;
  EXPECT_TRUE(contains(layoutctl({"info", store_.string()}).out, "3 features, revision 0"));
  EXPECT_EQ(layoutctl({"validate", store_.string()}).exit_code, 0);
  const fs::path source = geojson("x", collection({box_feature(R"("id":"x",)" + kComplete, 125.2, 44.1, 125.3, 44.2)}));
  const auto result = load(source, {"--layer", "groups", "--mode", "append"});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_TRUE(contains(result.out, "revision 0 -> 1")) << result.out;
  EXPECT_TRUE(contains(layoutctl({"info", store_.string()}).out, "4 features, revision 1"));
}

TEST_F(Load, Ogr2ogrAppendIsCheckedByValidate) {
  // The documented way without layoutctl: reproject to EPSG:4326 and keep the layer's Multi* type.
  const fs::path good = shapefile(
      "good", collection({box_feature(R"("id":"good",)" + kComplete + R"(,"source":"s")", 125.2, 44.1, 125.3, 44.2)}),
      "EPSG:4530");
  ogr2ogr({"-update", "-append", "-nln", "groups", "-nlt", "MULTIPOLYGON", "-t_srs", "EPSG:4326", store_.string(),
           good.string()});
  const auto valid = layoutctl({"validate", store_.string()});
  EXPECT_EQ(valid.exit_code, 0) << valid.out;
  EXPECT_TRUE(located(125.25, 44.15).contains("good"));

  const fs::path bad =
      geojson("bad", collection({box_feature(R"("id":"bad","name_zh":"缺")", 125.4, 44.1, 125.5, 44.2)}));
  ogr2ogr({"-update", "-append", "-nln", "groups", "-nlt", "MULTIPOLYGON", store_.string(), bad.string()});
  const auto invalid = layoutctl({"validate", store_.string()});
  EXPECT_EQ(invalid.exit_code, 1);
  EXPECT_TRUE(contains(invalid.out, "layer 'groups' feature 'bad': missing required attribute 'name_en'"))
      << invalid.out;

  // The usual mistake: appending Gauss–Krüger numbers into the lon/lat layer without -t_srs.
  ogr2ogr({"-update", "-append", "-nln", "groups", "-nlt", "MULTIPOLYGON", store_.string(), good.string()});
  const auto projected = layoutctl({"validate", store_.string()});
  EXPECT_EQ(projected.exit_code, 1);
  EXPECT_TRUE(contains(projected.out, "feature 'good': coordinates outside lon/lat range")) << projected.out;
  EXPECT_TRUE(contains(projected.out, "-t_srs EPSG:4326")) << projected.out;
}

TEST_F(Load, ExportWritesAnyOgrFormatWithEveryAttribute) {
  const fs::path json = dir_ / "groups.geojson";
  const auto result = layoutctl({"export", "--layer", "groups", "--store", store_.string(), json.string()});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_TRUE(contains(result.out, "wrote 2 features of layer 'groups'")) << result.out;
  const fs::path shp = dir_ / "groups_4530.shp";
  ASSERT_EQ(
      layoutctl({"export", "--layer", "water_veins", "--store", store_.string(), "--t_srs", "EPSG:4530", shp.string()})
          .exit_code,
      0);

  layers::ensure_gdal_registered();
  GDALDatasetUniquePtr exported(GDALDataset::Open(json.c_str(), GDAL_OF_VECTOR));
  ASSERT_TRUE(exported);
  OGRLayer* layer = exported->GetLayer(0);
  ASSERT_EQ(layer->GetFeatureCount(), 2);
  OGRFeatureUniquePtr west(layer->GetNextFeature());
  EXPECT_STREQ(west->GetFieldAsString("id"), "west");
  EXPECT_STREQ(west->GetFieldAsString("name_zh"), "西组团");
  EXPECT_STREQ(west->GetFieldAsString("plan_text"), "测试用要素");
  EXPECT_STREQ(west->GetFieldAsString("source"), "tests/support/fixture_store.cpp");

  GDALDatasetUniquePtr projected(GDALDataset::Open(shp.c_str(), GDAL_OF_VECTOR));
  ASSERT_TRUE(projected);
  OGRLayer* rivers = projected->GetLayer(0);
  EXPECT_STREQ(rivers->GetSpatialRef()->GetAuthorityCode(nullptr), "4530");
  OGRFeatureUniquePtr river(rivers->GetNextFeature());
  EXPECT_STREQ(river->GetFieldAsString("name_zh"), "伊通河");
  EXPECT_DOUBLE_EQ(river->GetFieldAsDouble("band_m"), 2000.0);
  OGREnvelope env;
  river->GetGeometryRef()->getEnvelope(&env);
  EXPECT_GT(env.MinX, 42.0e6);  // zone-prefixed Gauss–Krüger eastings
  EXPECT_LT(env.MaxX, 43.0e6);

  // A failed export leaves an existing OUT alone.
  const std::string before = file_bytes(json);
  EXPECT_EQ(layoutctl({"export", "--layer", "lakes", "--store", store_.string(), json.string()}).exit_code, 1);
  EXPECT_EQ(
      layoutctl({"export", "--layer", "groups", "--store", store_.string(), "--format", "NoSuchDriver", json.string()})
          .exit_code,
      1);
  EXPECT_TRUE(file_bytes(json) == before);
  std::size_t entries = 0;
  for ([[maybe_unused]] const auto& entry : fs::directory_iterator(dir_.path())) ++entries;
  EXPECT_EQ(entries, 7U) << "staging directories left behind";  // store, geojson, shp/shx/dbf/prj/cpg
}

}  // namespace

namespace {

// Issue 22, defect 9: `kill -9` of a load left a hot rollback journal beside the GeoPackage, and
// every later read-only open (layoutctl info, layoutd, a reload) failed with "attempt to write a
// readonly database" until someone opened the file read-write by hand. The store must open
// afterwards without manual steps, holding the old revision or the new one, never a mix.
TEST_F(Load, KilledLoadsLeaveAStoreThatOpensWithTheOldOrTheNewRevision) {
  constexpr int kFeatures = 50000;  // the issue asks for kills of a 50 000-feature load
  std::vector<std::string> boxes;
  boxes.reserve(kFeatures);
  for (int i = 0; i < kFeatures; ++i) {
    const double west = 125.0 + 0.001 * (i % 500);
    const double south = 43.5 + 0.001 * (i / 500);  // 100 rows of 500: 125.0-125.5 E, 43.5-43.6 N
    boxes.push_back(box_feature(R"("id":"patch)" + std::to_string(i) + "\"," + kComplete, west, south,
                                west + 0.0008, south + 0.0008));
  }
  const fs::path source = geojson("patches", collection(boxes));
  const std::string pristine = file_bytes(store_);
  const auto groups_count = [&] {
    const auto snapshot = layers::load_snapshot(store_.string(), 1);
    return std::make_pair(snapshot->find("groups")->features().size(), snapshot->store_revision());
  };
  const auto [old_count, old_revision] = groups_count();

  // How long a whole load takes here, to kill at points spread over it.
  const auto start = std::chrono::steady_clock::now();
  ASSERT_EQ(load(source, {"--layer", "groups", "--mode", "append"}).exit_code, 0);
  const auto whole = std::chrono::steady_clock::now() - start;
  const auto [new_count, new_revision] = groups_count();
  ASSERT_EQ(new_count, old_count + kFeatures);

  constexpr int kKills = 20;
  int journals_left = 0;
  int old_seen = 0;
  int new_seen = 0;
  std::mt19937 random(22);
  for (int k = 0; k < kKills; ++k) {
    SCOPED_TRACE("kill " + std::to_string(k));
    write_file(store_, pristine);
    fs::remove(fs::path(store_.string() + "-journal"));
    test_support::ChildProcess child({LAYOUTCTL_BIN, "load", source.string(), "--store", store_.string(), "--layer",
                                      "groups", "--mode", "append"},
                                     scratch_ / "killed-load.log");
    const auto at = std::chrono::duration_cast<std::chrono::milliseconds>(
        whole * std::uniform_real_distribution<double>(0.05, 1.0)(random));
    std::this_thread::sleep_for(at);
    child.signal(SIGKILL);
    ASSERT_TRUE(child.wait(std::chrono::seconds(10)).has_value());
    if (fs::exists(store_.string() + "-journal") && fs::file_size(store_.string() + "-journal") > 0) ++journals_left;

    // Every reader opens it as it is: the tool, then the server's reader.
    const auto info = layoutctl({"info", store_.string()});
    ASSERT_EQ(info.exit_code, 0) << info.err;
    const auto [count, revision] = groups_count();
    if (revision == old_revision) {
      EXPECT_EQ(count, old_count);
      ++old_seen;
    } else {
      EXPECT_EQ(revision, new_revision);
      EXPECT_EQ(count, new_count);
      ++new_seen;
    }
    EXPECT_EQ(layoutctl({"validate", store_.string()}).exit_code, 0);
  }
  EXPECT_EQ(old_seen + new_seen, kKills);
  // The test means something only if some kills hit the write's transaction.
  EXPECT_GT(journals_left, 0) << "no kill left a journal: the load is too quick for this test";
  RecordProperty("journals_left", journals_left);
}

}  // namespace
