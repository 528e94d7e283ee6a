// layoutctl as GIS staff run it: output, exit codes, and that a bad store is reported in one line
// and left untouched.
#include "geo/wkb.hpp"
#include "layers/store/store_writer.hpp"
#include "support/fixture_store.hpp"
#include "support/process.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>

namespace {

namespace fs = std::filesystem;
using test_support::run_command;
using test_support::TempDir;

// Every file in a directory with its size and bytes, to prove a command wrote nothing.
std::map<std::string, std::string> snapshot_dir(const fs::path& dir) {
  std::map<std::string, std::string> files;
  for (const auto& entry : fs::directory_iterator(dir)) {
    std::ifstream in(entry.path(), std::ios::binary);
    files[entry.path().filename().string()] = std::string(std::istreambuf_iterator<char>(in), {});
  }
  return files;
}

std::size_t count_lines(const std::string& text) {
  return static_cast<std::size_t>(std::count(text.begin(), text.end(), '\n'));
}

class LayoutctlBadStore : public ::testing::Test {
 protected:
  // Runs `layoutctl info FILE` in a directory holding only FILE; checks the one-line error.
  void expect_clean_refusal(const fs::path& file, const std::string& reason_fragment) {
    const auto before = snapshot_dir(dir_.path());
    const auto result = run_command({LAYOUTCTL_BIN, "info", file.string()}, scratch_.path());
    EXPECT_NE(result.exit_code, 0);
    EXPECT_EQ(count_lines(result.err), 1U) << result.err;
    EXPECT_NE(result.err.find(file.string()), std::string::npos) << "message does not name the file: " << result.err;
    EXPECT_NE(result.err.find(reason_fragment), std::string::npos) << result.err;
    EXPECT_TRUE(result.out.empty()) << result.out;
    EXPECT_EQ(snapshot_dir(dir_.path()), before) << "layoutctl info modified the directory";
  }
  TempDir dir_;
  TempDir scratch_;  // captured output lives here, away from dir_
};

TEST(Layoutctl, InfoListsLayersCountsAndNames) {
  TempDir dir;
  const auto store = dir / "layout.gpkg";
  test_support::write_sample_store(store);
  const auto result = run_command({LAYOUTCTL_BIN, "info", store.string()}, dir.path());
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_NE(result.out.find("2 layers, 3 features"), std::string::npos) << result.out;
  EXPECT_NE(result.out.find("groups  三组团 / Three groups  polygon  2 features"), std::string::npos) << result.out;
  EXPECT_NE(result.out.find("西组团、东组团"), std::string::npos) << result.out;
  EXPECT_NE(result.out.find("water_veins  六经三纬 / Water veins  line  1 features"), std::string::npos) << result.out;
}

TEST(Layoutctl, ValidateAcceptsGoodStoreAndReportsBadFeatures) {
  TempDir dir;
  const auto good = dir / "good.gpkg";
  test_support::write_sample_store(good);
  const auto ok = run_command({LAYOUTCTL_BIN, "validate", good.string()}, dir.path());
  EXPECT_EQ(ok.exit_code, 0) << ok.out << ok.err;
  EXPECT_NE(ok.out.find("valid (0 errors"), std::string::npos) << ok.out;

  auto layers = test_support::sample_layers();
  std::vector<layers::Feature> features;
  layers::Feature bowtie;
  bowtie.fid = 9;
  bowtie.id = "bowtie";
  bowtie.attributes = layers[0].features()[0].attributes;
  bowtie.geometry = geo::from_wkt("POLYGON ((125 43, 126 44, 126 43, 125 44, 125 43))");
  features.push_back(std::move(bowtie));
  std::vector<layers::Layer> bad_layers;
  bad_layers.push_back(layers::Layer::build(layers[0].info(), std::move(features)));
  const auto bad = dir / "bad.gpkg";
  layers::write_store(bad_layers, bad.string());
  const auto rejected = run_command({LAYOUTCTL_BIN, "validate", bad.string()}, dir.path());
  EXPECT_EQ(rejected.exit_code, 1);
  EXPECT_NE(rejected.out.find("layer 'groups' feature 'bowtie': invalid geometry: Self-intersection"),
            std::string::npos)
      << rejected.out;
}

TEST_F(LayoutctlBadStore, MissingFile) {
  expect_clean_refusal(dir_ / "nowhere.gpkg", "no such file");
}

TEST_F(LayoutctlBadStore, NonSpatialFile) {
  const auto csv = dir_ / "table.csv";
  std::ofstream(csv) << "name,value\n长春,1\n";
  expect_clean_refusal(csv, "no spatial layers");
  const auto text = dir_ / "readme.txt";
  std::ofstream(text) << "just some text\n";
  expect_clean_refusal(text, "not a vector dataset");
}

TEST_F(LayoutctlBadStore, CorruptGeoPackage) {
  // A real store cut in half, and one that is garbage from the first byte.
  TempDir source;
  const auto good = source / "good.gpkg";
  test_support::write_sample_store(good);
  std::ifstream in(good, std::ios::binary);
  const std::string bytes(std::istreambuf_iterator<char>(in), {});
  const auto truncated = dir_ / "truncated.gpkg";
  std::ofstream(truncated, std::ios::binary) << bytes.substr(0, bytes.size() / 2);
  expect_clean_refusal(truncated, "");
  fs::remove(truncated);
  const auto garbage = dir_ / "garbage.gpkg";
  std::ofstream(garbage, std::ios::binary) << std::string(8192, '\x5a');
  expect_clean_refusal(garbage, "");
}

TEST(Layoutctl, UsageErrorsExitTwo) {
  TempDir dir;
  EXPECT_EQ(run_command({LAYOUTCTL_BIN}, dir.path()).exit_code, 2);
  EXPECT_EQ(run_command({LAYOUTCTL_BIN, "frobnicate"}, dir.path()).exit_code, 2);
  EXPECT_EQ(run_command({LAYOUTCTL_BIN, "info"}, dir.path()).exit_code, 2);
  const auto help = run_command({LAYOUTCTL_BIN, "--help"}, dir.path());
  EXPECT_EQ(help.exit_code, 0);
  EXPECT_NE(help.out.find("validate STORE"), std::string::npos);
}

}  // namespace
