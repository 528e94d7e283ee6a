#include "geo/operations.hpp"
#include "geo/wkb.hpp"
#include "layers/store/store_error.hpp"
#include "layers/store/store_reader.hpp"
#include "layers/store/store_writer.hpp"
#include "support/fixture_store.hpp"

#include <gdal_priv.h>
#include <ogrsf_frmts.h>

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

namespace {

using test_support::TempDir;

void expect_same_layers(const std::vector<layers::Layer>& expected, const std::vector<layers::Layer>& actual) {
  ASSERT_EQ(expected.size(), actual.size());
  for (std::size_t i = 0; i < expected.size(); ++i) {
    const auto& e = expected[i];
    const auto& a = actual[i];
    EXPECT_EQ(e.id(), a.id());
    EXPECT_EQ(e.info().title_zh, a.info().title_zh);
    EXPECT_EQ(e.info().title_en, a.info().title_en);
    EXPECT_EQ(e.info().geometry_kind, a.info().geometry_kind);
    ASSERT_EQ(e.features().size(), a.features().size()) << e.id();
    for (std::size_t j = 0; j < e.features().size(); ++j) {
      const auto& ef = e.features()[j];
      const auto& af = a.features()[j];
      EXPECT_EQ(ef.fid, af.fid);
      EXPECT_EQ(ef.id, af.id);
      EXPECT_EQ(ef.attributes, af.attributes) << e.id() << "/" << ef.id;
      EXPECT_TRUE(geo::equals_exact(ef.geometry, af.geometry, 0))
          << geo::to_wkt(ef.geometry) << " vs " << geo::to_wkt(af.geometry);
    }
  }
}

TEST(Store, GeoPackageWriteReadRoundTrip) {
  TempDir dir;
  const auto path = dir / "store.gpkg";
  const auto layers = test_support::sample_layers();
  layers::write_store(layers, path.string());
  const layers::StoreContents read = layers::read_store(path.string());
  EXPECT_EQ(read.driver, "GPKG");
  expect_same_layers(layers, read.layers);
  // Index and bounds are rebuilt on read.
  EXPECT_EQ(read.layers[0].index().size(), 2U);
  EXPECT_NEAR(read.layers[0].bounds().max_x, 126.0, 1e-12);
}

TEST(Store, WriteLeavesNoTemporaryFilesAndReplacesAtomically) {
  TempDir dir;
  const auto path = dir / "store.gpkg";
  test_support::write_sample_store(path);
  test_support::write_sample_store(path);  // overwrite an existing store
  std::size_t files = 0;
  for ([[maybe_unused]] const auto& entry : std::filesystem::directory_iterator(dir.path())) ++files;
  EXPECT_EQ(files, 1U);
  EXPECT_EQ(layers::read_store(path.string()).layers.size(), 2U);
}

TEST(Store, FailedWriteKeepsThePreviousStore) {
  TempDir dir;
  const auto path = dir / "store.gpkg";
  test_support::write_sample_store(path);
  const auto before = std::filesystem::file_size(path);
  // The driver refuses the second layer of the same name halfway through the write.
  auto layers = test_support::sample_layers();
  auto duplicate = test_support::sample_layers();
  layers.push_back(std::move(duplicate[0]));
  EXPECT_THROW(layers::write_store(layers, path.string()), layers::StoreError);
  EXPECT_EQ(std::filesystem::file_size(path), before);
  EXPECT_EQ(layers::read_store(path.string()).layers.size(), 2U);
  std::size_t files = 0;
  for ([[maybe_unused]] const auto& entry : std::filesystem::directory_iterator(dir.path())) ++files;
  EXPECT_EQ(files, 1U) << "temporary file left behind";
}

TEST(Store, GeoJsonAndOtherDriversByExtension) {
  TempDir dir;
  auto layers = test_support::sample_layers();
  layers.resize(1);  // GeoJSON holds one layer
  const auto path = dir / "groups.geojson";
  layers::write_store(layers, path.string());
  const auto read = layers::read_store(path.string());
  EXPECT_EQ(read.driver, "GeoJSON");
  ASSERT_EQ(read.layers.size(), 1U);
  EXPECT_EQ(read.layers[0].features().size(), 2U);
  EXPECT_EQ(read.layers[0].features()[0].attributes.text("name_zh").value_or(""), "西组团");
  EXPECT_THROW(layers::driver_for("x.unknownext"), layers::StoreError);
}

TEST(Store, ProjectedLayerIsReprojectedToLonLatOnRead) {
  TempDir dir;
  const auto path = dir / "gk.gpkg";
  {
    // A store written by someone else in CGCS2000 / 3-degree GK CM 126E (EPSG:4551).
    GDALAllRegister();
    GDALDriver* driver = GetGDALDriverManager()->GetDriverByName("GPKG");
    GDALDatasetUniquePtr ds(driver->Create(path.c_str(), 0, 0, 0, GDT_Unknown, nullptr));
    OGRSpatialReference srs;
    srs.importFromEPSG(4551);
    OGRLayer* layer = ds->CreateLayer("sites", &srs, wkbPoint, nullptr);
    OGRFieldDefn id("id", OFTString);
    layer->CreateField(&id);
    OGRFeatureUniquePtr f(OGRFeature::CreateFeature(layer->GetLayerDefn()));
    f->SetField("id", "on-meridian");
    OGRPoint p(500000.0, 4873822.37);  // CM 126E at 44N
    f->SetGeometry(&p);
    ASSERT_EQ(layer->CreateFeature(f.get()), OGRERR_NONE);
  }
  const auto read = layers::read_store(path.string());
  ASSERT_EQ(read.layers.size(), 1U);
  const auto xy = geo::coordinates(read.layers[0].features()[0].geometry);
  ASSERT_EQ(xy.size(), 1U);
  EXPECT_NEAR(xy[0].x, 126.0, 1e-7);
  EXPECT_NEAR(xy[0].y, 44.0, 1e-7);
}

TEST(Store, UnreadableStoresRaiseStoreErrorNamingTheFile) {
  TempDir dir;
  const auto missing = dir / "missing.gpkg";
  try {
    (void)layers::read_store(missing.string());
    FAIL();
  } catch (const layers::StoreError& e) {
    EXPECT_EQ(e.store(), missing.string());
    EXPECT_EQ(e.reason(), "no such file");
  }
  const auto text = dir / "notes.txt";
  std::ofstream(text) << "not spatial data\n";
  EXPECT_THROW((void)layers::read_store(text.string()), layers::StoreError);
  const auto csv = dir / "table.csv";
  std::ofstream(csv) << "a,b\n1,2\n";
  try {
    (void)layers::read_store(csv.string());
    FAIL();
  } catch (const layers::StoreError& e) {
    EXPECT_NE(e.reason().find("no spatial layers"), std::string::npos) << e.what();
  }
}

}  // namespace
