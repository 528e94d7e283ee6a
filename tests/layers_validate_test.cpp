#include "geo/wkb.hpp"
#include "layers/model/validate.hpp"
#include "support/fixture_store.hpp"

#include <gtest/gtest.h>

#include <algorithm>

namespace {

bool has_issue(const layers::ValidationReport& report, const std::string& feature, const std::string& fragment) {
  return std::any_of(report.issues.begin(), report.issues.end(), [&](const auto& issue) {
    return issue.feature == feature && issue.reason.find(fragment) != std::string::npos;
  });
}

TEST(Validate, SampleStoreIsValid) {
  const auto layers = test_support::sample_layers();
  const auto report = layers::validate(layers);
  EXPECT_TRUE(report.ok());
  EXPECT_EQ(report.errors(), 0U);
}

TEST(Validate, ReportsEachProblemWithItsFeature) {
  auto sample = test_support::sample_layers();
  std::vector<layers::Feature> features;
  auto copy = [&](std::size_t i) {
    const auto& src = sample[0].features()[i];
    layers::Feature f;
    f.fid = src.fid;
    f.id = src.id;
    f.attributes = src.attributes;
    f.geometry = src.geometry.clone();
    return f;
  };
  auto bowtie = copy(0);
  bowtie.id = "bowtie";
  bowtie.geometry = geo::from_wkt("POLYGON ((125 43, 126 44, 126 43, 125 44, 125 43))");
  auto line = copy(0);
  line.id = "line-in-polygon-layer";
  line.geometry = geo::from_wkt("LINESTRING (125 43, 126 44)");
  auto unnamed = copy(1);
  unnamed.id = "unnamed";
  unnamed.attributes.set("name_zh", std::string());
  unnamed.attributes.set("precision", std::string("guessed"));
  auto empty = copy(1);
  empty.id = "empty";
  empty.geometry = geo::from_wkt("POLYGON EMPTY");
  auto far = copy(1);
  far.id = "projected-coordinates";
  far.geometry = geo::from_wkt("POLYGON ((500000 4800000, 500100 4800000, 500100 4800100, 500000 4800000))");
  auto dup = copy(1);
  dup.id = "unnamed";
  features.push_back(std::move(bowtie));
  features.push_back(std::move(line));
  features.push_back(std::move(unnamed));
  features.push_back(std::move(empty));
  features.push_back(std::move(far));
  features.push_back(std::move(dup));
  std::vector<layers::Layer> layers;
  layers.push_back(layers::Layer::build(sample[0].info(), std::move(features)));

  const auto report = layers::validate(layers);
  EXPECT_FALSE(report.ok());
  EXPECT_TRUE(has_issue(report, "bowtie", "Self-intersection"));
  EXPECT_TRUE(has_issue(report, "line-in-polygon-layer", "LineString in a polygon layer"));
  EXPECT_TRUE(has_issue(report, "unnamed", "missing required attribute 'name_zh'"));
  EXPECT_TRUE(has_issue(report, "unnamed", "precision 'guessed'"));
  EXPECT_TRUE(has_issue(report, "unnamed", "duplicate feature id"));
  EXPECT_TRUE(has_issue(report, "empty", "empty geometry"));
  EXPECT_TRUE(has_issue(report, "projected-coordinates", "outside lon/lat range"));
}

TEST(Validate, LineLayerNeedsBand) {
  auto sample = test_support::sample_layers();
  const auto& river = sample[1].features()[0];
  layers::Feature f;
  f.id = river.id;
  f.geometry = river.geometry.clone();
  for (const auto& [name, value] : river.attributes.items()) {
    if (name != "band_m") f.attributes.set(name, value);
  }
  std::vector<layers::Feature> features;
  features.push_back(std::move(f));
  std::vector<layers::Layer> layers;
  layers.push_back(layers::Layer::build(sample[1].info(), std::move(features)));
  EXPECT_TRUE(has_issue(layers::validate(layers), "yitong", "band_m"));
}

}  // namespace
