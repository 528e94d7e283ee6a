#include "support/fixture_store.hpp"

#include "geo/wkb.hpp"
#include "layers/store/store_writer.hpp"

#include <random>
#include <stdexcept>

namespace test_support {

namespace {

layers::Feature make_feature(std::int64_t fid, std::string id, const char* name_zh, const char* name_en, const char* kind,
                             const char* wkt) {
  layers::Feature f;
  f.fid = fid;
  f.id = std::move(id);
  f.attributes.set("name_zh", std::string(name_zh));
  f.attributes.set("name_en", std::string(name_en));
  f.attributes.set("kind", std::string(kind));
  f.attributes.set("plan_ref", std::string("test fixture"));
  f.attributes.set("plan_text", std::string("测试用要素"));
  f.attributes.set("precision", std::string("schematic"));
  f.attributes.set("source", std::string("tests/support/fixture_store.cpp"));
  f.geometry = geo::from_wkt(wkt);
  return f;
}

}  // namespace

std::vector<layers::Layer> sample_layers() {
  std::vector<layers::Feature> groups;
  groups.push_back(make_feature(1, "west", "西组团", "West group", "group",
                                "MULTIPOLYGON (((125.0 43.5, 125.5 43.5, 125.5 44.0, 125.0 44.0, 125.0 43.5)))"));
  groups.push_back(make_feature(2, "east", "东组团", "East group", "group",
                                "MULTIPOLYGON (((125.4 43.5, 126.0 43.5, 126.0 44.0, 125.4 44.0, 125.4 43.5)))"));
  std::vector<layers::Feature> rivers;
  auto river = make_feature(7, "yitong", "伊通河", "Yitong River", "经",
                            "MULTILINESTRING ((125.30 43.40, 125.32 43.88, 125.40 44.30))");
  river.attributes.set("band_m", 2000.0);
  river.attributes.set("order", std::int64_t{3});
  river.attributes.set("navigable", false);
  rivers.push_back(std::move(river));

  std::vector<layers::Layer> out;
  out.push_back(layers::Layer::build({"groups", "三组团", "Three groups", layers::GeometryKind::Polygon}, std::move(groups)));
  out.push_back(
      layers::Layer::build({"water_veins", "六经三纬", "Water veins", layers::GeometryKind::Line}, std::move(rivers)));
  return out;
}

void write_sample_store(const std::filesystem::path& path) {
  const auto layers = sample_layers();
  layers::write_store(layers, path.string());
}

TempDir::TempDir() {
  std::random_device device;
  const auto base = std::filesystem::temp_directory_path();
  for (int attempt = 0; attempt < 100; ++attempt) {
    auto candidate = base / ("layoutd-test-" + std::to_string(device()));
    if (std::filesystem::create_directory(candidate)) {
      path_ = std::move(candidate);
      return;
    }
  }
  throw std::runtime_error("cannot create a temporary directory");
}

TempDir::~TempDir() {
  std::error_code ignored;
  std::filesystem::remove_all(path_, ignored);
}

}  // namespace test_support
