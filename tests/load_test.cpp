// `layoutctl load`'s parts on their own: attribute mapping and conversion, the per-feature geometry
// checks with their CRS diagnosis, the store revision, and the transactional writer's refusal to
// write over a store that changed since the load was planned.
#include "geo/measure.hpp"
#include "geo/operations.hpp"
#include "geo/wkb.hpp"
#include "layers/cli/command_line.hpp"
#include "layers/store/gdal_support.hpp"
#include "layers/load/attribute_mapping.hpp"
#include "layers/load/feature_check.hpp"
#include "layers/load/layer_writer.hpp"
#include "layers/cli/progress_bar.hpp"
#include "layers/store/store_error.hpp"
#include "layers/store/store_meta.hpp"
#include "layers/store/store_reader.hpp"
#include "layers/store/store_writer.hpp"
#include "layers/model/validate.hpp"
#include "support/fixture_store.hpp"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

namespace {

using layers::Attributes;
using layers::GeometryKind;
using layers::load::AttributeMapping;
using layers::load::LoadError;
using layers::load::LoadOptions;
using layers::load::TargetField;
using test_support::TempDir;

std::vector<TargetField> schema_fields() {
  std::vector<TargetField> fields;
  for (const char* name : {"id", "name_zh", "name_en", "kind", "plan_ref", "plan_text", "precision", "source"}) {
    fields.push_back({name, OFTString, OFSTNone});
  }
  fields.push_back({"band_m", OFTReal, OFSTNone});
  fields.push_back({"order", OFTInteger64, OFSTNone});
  fields.push_back({"navigable", OFTInteger, OFSTBoolean});
  return fields;
}

std::string text(const Attributes& attributes, const std::string& name) {
  return std::string(attributes.text(name).value_or("<none>"));
}

TEST(LoadArguments, AssignmentsSplitAtTheFirstEqualsSign) {
  const auto pairs = layers::load::parse_assignments("name_zh=NAME,kind=TYPE", "--map", true);
  ASSERT_EQ(pairs.size(), 2U);
  EXPECT_EQ(pairs[0], (std::pair<std::string, std::string>{"name_zh", "NAME"}));
  EXPECT_EQ(pairs[1], (std::pair<std::string, std::string>{"kind", "TYPE"}));
  // A --default value keeps its commas and equals signs.
  const auto one = layers::load::parse_assignments("plan_text=a,b=c", "--default", false);
  ASSERT_EQ(one.size(), 1U);
  EXPECT_EQ(one[0].second, "a,b=c");
  for (const char* bad : {"", "name_zh", "=NAME", "name_zh=", "a=b,"}) {
    EXPECT_THROW(layers::load::parse_assignments(bad, "--map", true), layers::UsageError) << bad;
  }
}

TEST(LoadMapping, SlugsAreLowercaseAsciiRuns) {
  EXPECT_EQ(layers::load::slugify("Changchun–Jilin Group"), "changchun-jilin-group");
  EXPECT_EQ(layers::load::slugify("  Zone 3 (east) "), "zone-3-east");
  EXPECT_EQ(layers::load::slugify("长吉组团"), "");
}

TEST(LoadMapping, ValuesAreConvertedToTheFieldTypeOrNamed) {
  std::string problem;
  const TargetField real{"band_m", OFTReal, OFSTNone};
  EXPECT_EQ(*layers::load::convert(std::string(" 2500.5 "), real, problem), layers::AttributeValue(2500.5));
  EXPECT_EQ(*layers::load::convert(std::int64_t{3}, real, problem), layers::AttributeValue(3.0));
  EXPECT_FALSE(layers::load::convert(std::string("wide"), real, problem));
  EXPECT_EQ(problem, "'wide' is not a number");

  const TargetField integer{"order", OFTInteger64, OFSTNone};
  EXPECT_EQ(*layers::load::convert(2.0, integer, problem), layers::AttributeValue(std::int64_t{2}));
  EXPECT_FALSE(layers::load::convert(2.5, integer, problem));
  EXPECT_EQ(problem, "2.5 is not an integer");
  const TargetField small{"n", OFTInteger, OFSTNone};
  EXPECT_FALSE(layers::load::convert(std::int64_t{1} << 40, small, problem));

  const TargetField boolean{"navigable", OFTInteger, OFSTBoolean};
  EXPECT_EQ(*layers::load::convert(std::string("Yes"), boolean, problem), layers::AttributeValue(true));
  EXPECT_EQ(*layers::load::convert(std::int64_t{0}, boolean, problem), layers::AttributeValue(false));
  EXPECT_FALSE(layers::load::convert(std::string("maybe"), boolean, problem));

  const TargetField string{"name_zh", OFTString, OFSTNone};
  EXPECT_EQ(*layers::load::convert(0.1, string, problem), layers::AttributeValue(std::string("0.1")));
  EXPECT_EQ(*layers::load::convert(std::int64_t{42}, string, problem), layers::AttributeValue(std::string("42")));
  // Empty text is no value, so a default or a kept value can take its place.
  EXPECT_EQ(*layers::load::convert(std::string(), string, problem), layers::AttributeValue());
}

TEST(LoadMapping, SourceThenStoredThenDefaultThenBuiltin) {
  LoadOptions options;
  options.source = "groups.shp";
  options.layer = "groups";
  options.field_map = {{"name_zh", "MC"}};
  options.defaults = {{"precision", "surveyed"}, {"kind", "group"}};
  const std::vector<std::string> source_fields = {"ID", "MC", "NAME_EN", "KIND", "AREA"};
  const AttributeMapping mapping(schema_fields(), source_fields, options, "groups.shp, layer groups");

  Attributes values;
  values.set("ID", std::string("west"));
  values.set("MC", std::string("西组团（新）"));
  values.set("NAME_EN", std::string());  // empty: the stored value is kept
  values.set("KIND", std::monostate{});  // null: the stored value comes before the --default
  values.set("AREA", 12.5);
  EXPECT_EQ(mapping.id_of(values), "west");

  Attributes stored;
  stored.set("name_en", std::string("West group"));
  stored.set("kind", std::string("old-kind"));
  stored.set("plan_text", std::string("旧文本"));
  stored.set("precision", std::string("schematic"));
  stored.set("source", std::string("old source"));
  stored.set("band_m", 100.0);
  const auto mapped = mapping.map(values, &stored);
  EXPECT_TRUE(mapped.problems.empty());
  EXPECT_EQ(text(mapped.attributes, "name_zh"), "西组团（新）");
  EXPECT_EQ(text(mapped.attributes, "name_en"), "West group");
  EXPECT_EQ(text(mapped.attributes, "kind"), "old-kind");
  EXPECT_EQ(text(mapped.attributes, "plan_text"), "旧文本");
  // precision and source describe the new geometry: never kept from the stored feature.
  EXPECT_EQ(text(mapped.attributes, "precision"), "surveyed");
  EXPECT_EQ(text(mapped.attributes, "source"), "groups.shp, layer groups");
  EXPECT_EQ(mapped.attributes.number("band_m"), 100.0);
  EXPECT_EQ(mapped.carried, (std::vector<std::string>{"name_en", "kind", "plan_text", "band_m"}));
  EXPECT_EQ(mapped.attributes.find("id"), nullptr);

  // Without a stored feature nothing is kept.
  const auto fresh = mapping.map(values, nullptr);
  EXPECT_EQ(text(fresh.attributes, "plan_text"), "<none>");
  EXPECT_EQ(text(fresh.attributes, "kind"), "group");  // the --default, for a new feature
  EXPECT_TRUE(fresh.carried.empty());

  EXPECT_EQ(mapping.unused_source_fields(), (std::vector<std::string>{"AREA"}));
  const auto lines = mapping.describe();
  ASSERT_FALSE(lines.empty());
  EXPECT_EQ(lines.front().substr(0, 2), "id");
  EXPECT_NE(std::find(lines.begin(), lines.end(), "name_zh   <- MC, else the stored feature's value (same id)"),
            lines.end())
      << lines[1];
}

TEST(LoadMapping, AppendKeepsNothingAndBadValuesAreProblems) {
  LoadOptions options;
  options.layer = "water_veins";
  options.mode = layers::load::Mode::Append;
  const std::vector<std::string> source_fields = {"id", "band_m", "name_zh"};
  const AttributeMapping mapping(schema_fields(), source_fields, options, "x");
  Attributes values;
  values.set("id", std::int64_t{7});
  values.set("band_m", std::string("wide"));
  values.set("name_zh", std::string("\xb3\xa4\xb4\xba"));  // 长春 in GBK: not UTF-8
  Attributes stored;
  stored.set("name_en", std::string("kept?"));
  const auto mapped = mapping.map(values, &stored);
  EXPECT_EQ(mapping.id_of(values), "7");
  EXPECT_TRUE(mapped.carried.empty());
  ASSERT_EQ(mapped.problems.size(), 2U);
  EXPECT_NE(mapped.problems[0].find("name_zh (from name_zh) is not UTF-8 text"), std::string::npos)
      << mapped.problems[0];
  EXPECT_NE(mapped.problems[0].find("--oo ENCODING=GBK"), std::string::npos);
  EXPECT_EQ(mapped.problems[1], "attribute band_m (from band_m): 'wide' is not a number");
}

TEST(LoadMapping, UnknownFieldsAreRefusedWithTheFieldsThereAre) {
  LoadOptions options;
  options.source = "a.geojson";
  options.layer = "groups";
  const std::vector<std::string> source_fields = {"NAME"};
  options.field_map = {{"name_zh", "MINGCHENG"}};
  try {
    const AttributeMapping mapping(schema_fields(), source_fields, options, "x");
    FAIL() << "accepted a missing source field";
  } catch (const LoadError& e) {
    EXPECT_NE(std::string(e.what()).find("a.geojson has no field 'MINGCHENG' (fields: NAME)"), std::string::npos)
        << e.what();
  }
  options.field_map = {{"title", "NAME"}};
  EXPECT_THROW(AttributeMapping(schema_fields(), source_fields, options, "x"), LoadError);
  options.field_map = {};
  options.defaults = {{"precision", "guessed"}};
  EXPECT_THROW(AttributeMapping(schema_fields(), source_fields, options, "x"), LoadError);
  options.defaults = {{"id", "one-for-all"}};
  EXPECT_THROW(AttributeMapping(schema_fields(), source_fields, options, "x"), LoadError);
}

layers::load::SourceFeature feature_with(const std::string& wkt, geo::Envelope source_envelope = {}) {
  layers::load::SourceFeature feature;
  feature.geometry = geo::from_wkt(wkt);
  feature.source_envelope = source_envelope.is_null() ? feature.geometry.envelope() : source_envelope;
  return feature;
}

const layers::load::SourceCrs kWgs84{"EPSG:4326 WGS 84", false, 0, false, ""};

TEST(LoadGeometry, ValidGeometryPassesUnchanged) {
  auto feature = feature_with("POLYGON ((125 43.5, 125.5 43.5, 125.5 44, 125 44, 125 43.5))");
  const auto verdict = layers::load::check_geometry(GeometryKind::Polygon, feature, kWgs84);
  EXPECT_TRUE(verdict.rejection.empty()) << verdict.rejection;
  EXPECT_TRUE(verdict.repair.empty());
  EXPECT_TRUE(geo::equals_exact(verdict.geometry,
                                geo::from_wkt("POLYGON ((125 43.5, 125.5 43.5, 125.5 44, 125 44, 125 43.5))"), 0));
}

TEST(LoadGeometry, BowTieIsRepairedWithTheReasonAndAreas) {
  auto feature = feature_with("POLYGON ((125 43.5, 125.5 44, 125.5 43.5, 125 44, 125 43.5))");
  const auto verdict = layers::load::check_geometry(GeometryKind::Polygon, feature, kWgs84);
  ASSERT_TRUE(verdict.rejection.empty()) << verdict.rejection;
  EXPECT_NE(verdict.repair.find("Self-intersection[125.25 43.75]"), std::string::npos) << verdict.repair;
  ASSERT_FALSE(verdict.geometry.is_null());
  EXPECT_TRUE(verdict.geometry.is_valid());
  EXPECT_EQ(verdict.geometry.num_geometries(), 2);  // the two triangles
  const double after = geo::area_km2(verdict.geometry);
  EXPECT_NE(verdict.repair.find("-> " + std::to_string(after).substr(0, 6)), std::string::npos) << verdict.repair;
}

TEST(LoadGeometry, RejectionsSayWhy) {
  const auto rejection = [](GeometryKind kind, layers::load::SourceFeature feature,
                            const layers::load::SourceCrs& crs) {
    return layers::load::check_geometry(kind, feature, crs).rejection;
  };
  EXPECT_EQ(rejection(GeometryKind::Polygon, feature_with("POINT (125.3 43.9)"), kWgs84),
            "geometry type Point in a polygon layer");
  EXPECT_EQ(rejection(GeometryKind::Line, feature_with("POLYGON EMPTY"), kWgs84), "empty geometry");
  EXPECT_EQ(rejection(GeometryKind::Polygon, layers::load::SourceFeature{}, kWgs84), "no geometry");
  EXPECT_NE(
      rejection(GeometryKind::Polygon, feature_with("POLYGON ((125 43.5, 125.5 43.5, 125.2 43.5, 125 43.5))"), kWgs84)
          .find("degenerate geometry"),
      std::string::npos);
  const std::string swapped =
      rejection(GeometryKind::Polygon, feature_with("POLYGON ((43.5 125, 43.5 125.5, 44 125.5, 43.5 125))"), kWgs84);
  EXPECT_NE(swapped.find("outside the region"), std::string::npos) << swapped;
  EXPECT_NE(swapped.find("latitude and longitude are swapped"), std::string::npos) << swapped;
}

TEST(LoadGeometry, GaussKrugerZonePrefixMistakesNameTheLikelyCrs) {
  // Zone-prefixed eastings (zone 42) read as EPSG:4551, which has no prefix, and the reverse.
  const layers::load::SourceCrs cm126{"EPSG:4551 CGCS2000 / 3-degree Gauss-Kruger CM 126E", true, 500000, true, ""};
  const layers::load::SourceCrs zone42{"EPSG:4530 CGCS2000 / 3-degree Gauss-Kruger zone 42", true, 42500000, false, ""};
  const geo::Envelope prefixed{42435512, 4840800, 42564487, 4885244};
  const geo::Envelope plain{435512, 4840800, 564487, 4885244};
  const geo::Envelope far{40.0, 43.0, 41.0, 44.0};
  EXPECT_NE(layers::load::region_reason(far, prefixed, cm126).find("probably in EPSG:4530 (zone 42)"),
            std::string::npos)
      << layers::load::region_reason(far, prefixed, cm126);
  EXPECT_NE(layers::load::region_reason(far, plain, zone42).find("probably in EPSG:4551 (CM 126°E)"), std::string::npos)
      << layers::load::region_reason(far, plain, zone42);
  EXPECT_NE(layers::load::crs_hint(plain, kWgs84).find("not degrees"), std::string::npos);
  EXPECT_EQ(layers::load::region_reason({125, 43, 126, 44}, plain, zone42), "");

  layers::load::SourceFeature unprojectable;
  unprojectable.unprojectable = true;
  unprojectable.source_envelope = prefixed;
  const auto verdict = layers::load::check_geometry(GeometryKind::Polygon, unprojectable, cm126);
  EXPECT_NE(verdict.rejection.find("cannot reproject from EPSG:4551"), std::string::npos) << verdict.rejection;
  EXPECT_NE(verdict.rejection.find("EPSG:4530 (zone 42)"), std::string::npos) << verdict.rejection;
}

TEST(Validate, FeaturesOutsideTheRegionAreErrors) {
  auto sample = test_support::sample_layers();
  layers::Feature far;
  far.id = "far";
  far.attributes = sample[0].features()[0].attributes;
  far.geometry = geo::from_wkt("POLYGON ((100 30, 101 30, 101 31, 100 30))");
  std::vector<layers::Feature> features;
  features.push_back(std::move(far));
  std::vector<layers::Layer> layers;
  layers.push_back(layers::Layer::build(sample[0].info(), std::move(features)));
  const auto report = layers::validate(layers);
  ASSERT_EQ(report.errors(), 1U);
  EXPECT_NE(report.issues[0].reason.find("outside the region"), std::string::npos) << report.issues[0].reason;
}

TEST(ProgressBar, DrawsOneRedrawnLine) {
  std::ostringstream out;
  layers::ProgressBar bar(out, 8, "features");
  bar.draw(2);
  bar.draw(8, "done");
  bar.finish();
  EXPECT_EQ(out.str(),
            "\r[##########..............................] 2/8 features"
            "\r[########################################] 8/8 features, done\n");
}

std::string file_bytes(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), {}};
}

GDALDatasetUniquePtr open_update(const std::filesystem::path& path) {
  layers::ensure_gdal_registered();
  return GDALDatasetUniquePtr(GDALDataset::Open(path.c_str(), GDAL_OF_VECTOR | GDAL_OF_UPDATE));
}

TEST(StoreRevision, BuildWritesOneAndIncrementsCountInTransactions) {
  TempDir dir;
  const auto path = dir / "store.gpkg";
  test_support::write_sample_store(path);
  EXPECT_EQ(layers::read_store(path.string()).revision, 1);
  {
    auto dataset = open_update(path);
    ASSERT_TRUE(dataset);
    ASSERT_EQ(dataset->StartTransaction(), OGRERR_NONE);
    EXPECT_EQ(layers::increment_revision(*dataset, path.string()), 2);
    ASSERT_EQ(dataset->RollbackTransaction(), OGRERR_NONE);
    EXPECT_EQ(layers::read_revision(*dataset, path.string()), 1);
    ASSERT_EQ(dataset->StartTransaction(), OGRERR_NONE);
    EXPECT_EQ(layers::increment_revision(*dataset, path.string()), 2);
    EXPECT_EQ(layers::increment_revision(*dataset, path.string()), 3);
    ASSERT_EQ(dataset->CommitTransaction(), OGRERR_NONE);
  }
  EXPECT_EQ(layers::read_store(path.string()).revision, 3);
}

TEST(StoreRevision, AbsentTableCountsAsZeroAndIsCreated) {
  TempDir dir;
  const auto path = dir / "store.gpkg";
  test_support::write_sample_store(path);
  {
    auto dataset = open_update(path);
    ASSERT_TRUE(dataset);
    for (int i = 0; i < dataset->GetLayerCount(); ++i) {
      if (std::string(dataset->GetLayer(i)->GetName()) == "layoutd_meta") {
        ASSERT_EQ(dataset->DeleteLayer(i), OGRERR_NONE);
      }
    }
  }
  EXPECT_EQ(layers::read_store(path.string()).revision, 0);  // a store from before the table reads fine
  {
    auto dataset = open_update(path);
    ASSERT_EQ(dataset->StartTransaction(), OGRERR_NONE);
    EXPECT_EQ(layers::increment_revision(*dataset, path.string()), 1);
    ASSERT_EQ(dataset->CommitTransaction(), OGRERR_NONE);
  }
  EXPECT_EQ(layers::read_store(path.string()).revision, 1);
}

TEST(StoreRevision, ANonNumberIsAStoreError) {
  TempDir dir;
  const auto path = dir / "store.gpkg";
  test_support::write_sample_store(path);
  {
    auto dataset = open_update(path);
    OGRLayer* meta = dataset->GetLayerByName("layoutd_meta");
    ASSERT_NE(meta, nullptr);
    meta->ResetReading();
    OGRFeatureUniquePtr row(meta->GetNextFeature());
    row->SetField("value", "three");
    ASSERT_EQ(meta->SetFeature(row.get()), OGRERR_NONE);
  }
  try {
    (void)layers::read_store(path.string());
    FAIL() << "accepted revision 'three'";
  } catch (const layers::StoreError& e) {
    EXPECT_NE(std::string(e.what()).find("revision 'three' is not a non-negative integer"), std::string::npos)
        << e.what();
  }
}

TEST(LayerWriter, RefusesAStoreThatChangedSinceThePlanAndLeavesItAlone) {
  TempDir dir;
  const auto path = dir / "store.gpkg";
  test_support::write_sample_store(path);
  const std::string before = file_bytes(path);
  std::vector<layers::Feature> features;
  layers::Feature f;
  f.id = "north";
  f.attributes = test_support::sample_layers()[0].features()[0].attributes;
  f.geometry = geo::from_wkt("MULTIPOLYGON (((125 44, 126 44, 126 44.5, 125 44)))");
  features.push_back(std::move(f));
  layers::load::WriteRequest request;
  request.store = path.string();
  request.layer = "groups";
  request.mode = layers::load::Mode::Append;
  request.features = features;
  request.planned_revision = 0;  // the store is at 1: someone loaded in between
  try {
    (void)layers::load::write_layer(request, {});
    FAIL() << "wrote over a changed store";
  } catch (const LoadError& e) {
    EXPECT_NE(std::string(e.what()).find("changed while the load was prepared (revision 0, now 1)"), std::string::npos)
        << e.what();
  }
  EXPECT_EQ(file_bytes(path), before);

  request.planned_revision = 1;
  const auto result = layers::load::write_layer(request, {});
  EXPECT_EQ(result.added, 1U);
  EXPECT_EQ(result.revision, 2);
  const auto stored = layers::read_store(path.string());
  EXPECT_EQ(stored.revision, 2);
  ASSERT_NE(stored.layers[0].find("north"), nullptr);
  EXPECT_EQ(stored.layers[0].features().size(), 3U);
}

}  // namespace
