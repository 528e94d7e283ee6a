// `layoutctl build` on small definitions: a good one builds; each kind of mistake fails with the
// file, the feature and the reason, and writes nothing.
#include "support/fixture_store.hpp"
#include "support/process.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

namespace {

namespace fs = std::filesystem;
using test_support::run_command;
using test_support::TempDir;

class LayoutctlBuild : public ::testing::Test {
 protected:
  void SetUp() override {
    const fs::path data = LAYOUTD_DATA_DIR;
    const fs::path units = fs::path(data) / "sources/echarts-china-cities/raw/ji2_lin2_chang2_chun1.geojson";
    fs::create_directories(dir_ / "layout");
    write("sources.yaml", "units:\n  datum: GCJ02\n  source: test\n  files:\n    - { path: " + units.string() +
                              ", province: 吉林省, city: 长春市 }\n"
                              "rivers: " +
                              (data / "sources/gshhg/rivers.geojson").string() +
                              "\n"
                              "lakes: " +
                              (data / "sources/gshhg/lakes.geojson").string() +
                              "\n"
                              "order: [admin, groups]\n");
    write("admin.yaml", R"(layers:
  - id: admin
    title_zh: 行政区划
    title_en: Administrative divisions
    geometry: polygon
    defaults: { kind: district, plan_ref: "001 test", plan_text: "test", precision: derived, source: test }
    features:
      - { id: "220112", name_zh: 双阳区, name_en: Shuangyang, geometry: { unit: 长春市/双阳区 } }
      - { id: "220113", name_zh: 九台区, name_en: Jiutai, geometry: { unit: 长春市/九台区 } }
)");
    write("groups.yaml", groups_yaml("{ units: [长春市/双阳区, 长春市/九台区] }", true));
  }

  static std::string groups_yaml(const std::string& geometry, bool with_plan_ref) {
    return std::string("layers:\n  - id: groups\n    title_zh: 组团\n    title_en: Groups\n    geometry: polygon\n") +
           "    features:\n      - id: east\n        name_zh: 东组团\n        name_en: East\n        kind: group\n" +
           (with_plan_ref ? "        plan_ref: \"001 test\"\n" : "") +
           "        plan_text: test\n        precision: derived\n        source: test\n        geometry: " + geometry +
           "\n";
  }

  void write(const std::string& name, const std::string& text) { std::ofstream(dir_ / "layout" / name) << text; }

  test_support::CommandResult build() {
    return run_command({LAYOUTCTL_BIN, "build", (dir_ / "layout").string(), "-o", out().string()}, scratch_.path());
  }
  [[nodiscard]] fs::path out() const { return dir_ / "out.gpkg"; }

  // The build must fail naming `file`, the feature and `reason`, and leave no output behind.
  void expect_failure(const std::string& file, const std::string& reason) {
    const auto result = build();
    EXPECT_EQ(result.exit_code, 1) << result.out << result.err;
    EXPECT_NE(result.err.find(file), std::string::npos) << result.err;
    EXPECT_NE(result.err.find(reason), std::string::npos) << result.err;
    EXPECT_FALSE(fs::exists(out()));
    for (const auto& entry : fs::directory_iterator(dir_.path())) {
      EXPECT_EQ(entry.path().filename(), "layout") << "left behind: " << entry.path();
    }
  }

  TempDir dir_;
  TempDir scratch_;
};

TEST_F(LayoutctlBuild, GoodDefinitionBuildsAValidStore) {
  const auto result = build();
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_NE(result.out.find("units: 10 from 1 files, datum GCJ02 converted to WGS84"), std::string::npos) << result.out;
  EXPECT_NE(result.out.find("layer groups (组团): 1 features"), std::string::npos) << result.out;
  const auto validate = run_command({LAYOUTCTL_BIN, "validate", out().string()}, scratch_.path());
  EXPECT_EQ(validate.exit_code, 0) << validate.out;
}

TEST_F(LayoutctlBuild, UnknownUnit) {
  write("groups.yaml", groups_yaml("{ units: [长春市/双阳区, 长春市/不存在区] }", true));
  expect_failure("groups.yaml:7: layer 'groups' feature 'east'", "unknown unit '长春市/不存在区'");
}

TEST_F(LayoutctlBuild, UnknownLayer) {
  write("extra.yaml", "layers:\n  - { id: rivers, title_zh: 河, title_en: Rivers, geometry: line, features: [] }\n");
  expect_failure("extra.yaml:2", "unknown layer 'rivers'");
}

TEST_F(LayoutctlBuild, UnknownLayerInAReference) {
  write("groups.yaml", groups_yaml("{ feature: nowhere/x }", true));
  expect_failure("feature 'east'", "unknown layer 'nowhere'");
}

TEST_F(LayoutctlBuild, InvalidGeometry) {
  write("groups.yaml", groups_yaml("{ polygon: [[125, 43], [126, 44], [126, 43], [125, 44]] }", true));
  expect_failure("groups.yaml:7: layer 'groups' feature 'east'", "invalid polygon: Self-intersection");
}

TEST_F(LayoutctlBuild, MissingPlanRef) {
  write("groups.yaml", groups_yaml("{ unit: 长春市/双阳区 }", false));
  expect_failure("groups.yaml:7: layer 'groups' feature 'east'", "missing required attribute 'plan_ref'");
}

TEST_F(LayoutctlBuild, WrongGeometryKindForTheLayer) {
  write("groups.yaml", groups_yaml("{ point: [125.5, 43.6] }", true));
  expect_failure("feature 'east'", "a polygon layer needs a polygon");
}

TEST_F(LayoutctlBuild, BrokenYaml) {
  write("groups.yaml", "layers:\n  - id: groups\n    features: [ {\n");
  expect_failure("groups.yaml", "YAML");
}

TEST_F(LayoutctlBuild, FailedBuildKeepsThePreviousStore) {
  ASSERT_EQ(build().exit_code, 0);
  const auto size = fs::file_size(out());
  write("groups.yaml", groups_yaml("{ unit: 长春市/不存在区 }", true));
  const auto result = build();
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_EQ(fs::file_size(out()), size);
}

}  // namespace
