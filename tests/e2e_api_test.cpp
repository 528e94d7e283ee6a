// The query API over real sockets on the real dataset (the `dataset` fixture's store): the
// answers planners and firms get for sites whose plan position is known from the text.
#include "support/fixture_store.hpp"
#include "support/process.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <algorithm>

namespace {

using nlohmann::json;
using test_support::RunningLayoutd;
using test_support::TempDir;

class ApiOnDataset : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new TempDir();
    server_ = new RunningLayoutd(LAYOUTD_BIN, LAYOUTD_TEST_STORE, dir_->path() / "layoutd.log");
  }
  static void TearDownTestSuite() {
    delete server_;
    delete dir_;
  }
  static json get(const std::string& target, int expected = 200) {
    const auto result = test_support::http_get("127.0.0.1", server_->port, target);
    EXPECT_EQ(result.status, expected) << target << ": " << result.body;
    return json::parse(result.body);
  }
  static TempDir* dir_;
  static RunningLayoutd* server_;
};
TempDir* ApiOnDataset::dir_ = nullptr;
RunningLayoutd* ApiOnDataset::server_ = nullptr;

std::vector<std::string> names_in(const json& matches, const std::string& layer) {
  std::vector<std::string> out;
  for (const auto& m : matches) {
    if (m["layer"] == layer) out.push_back(m["name_zh"]);
  }
  return out;
}

TEST_F(ApiOnDataset, ShuangyangIsInTheChangjiAndChangliaoGroups) {
  const auto body = get("/api/v1/locate?lon=125.6646&lat=43.5253");
  EXPECT_EQ(body["admin"]["province"], "吉林省");
  EXPECT_EQ(body["admin"]["city"], "长春市");
  EXPECT_EQ(body["admin"]["county"], "双阳区");
  EXPECT_EQ(names_in(body["matches"], "groups"), (std::vector<std::string>{"长吉组团", "长辽组团"}));
  // Every match cites the plan.
  for (const auto& m : body["matches"]) {
    EXPECT_FALSE(m["plan_ref"].is_null()) << m;
    EXPECT_FALSE(m["plan_text"].get<std::string>().empty()) << m;
  }
  // The nearest feature of every line layer, water veins included.
  const auto water = std::find_if(body["nearest"].begin(), body["nearest"].end(),
                                  [](const json& m) { return m["layer"] == "water_veins"; });
  ASSERT_NE(water, body["nearest"].end());
  EXPECT_GT((*water)["distance_m"].get<double>(), 0.0);
}

TEST_F(ApiOnDataset, CatalogueListsEveryLayer) {
  const auto body = get("/api/v1/layers");
  ASSERT_EQ(body["layers"].size(), 12U);
  std::size_t features = 0;
  for (const auto& layer : body["layers"]) features += layer["count"].get<std::size_t>();
  EXPECT_EQ(features, get("/healthz")["features"].get<std::size_t>());
}

TEST_F(ApiOnDataset, CsvBatchOverHttpAgreesWithSingleLocates) {
  const std::string csv = "name,lon,lat\n双阳,125.6646,43.5253\n长春站,125.3245,43.9070\n";
  const auto result = test_support::http_request(
      "127.0.0.1", server_->port, {"POST", "/api/v1/locate", csv, "text/csv; charset=utf-8", "application/json"});
  ASSERT_EQ(result.status, 200) << result.body;
  const auto body = json::parse(result.body);
  ASSERT_EQ(body["features"].size(), 2U);
  EXPECT_EQ(body["features"][0]["properties"]["name"], "双阳");
  const auto single = get("/api/v1/locate?lon=125.3245&lat=43.9070");
  // The GET answer is written as text from pre-rendered fragments, the batch one as a JSON tree:
  // the same content either way.
  const auto& located = body["features"][1]["properties"]["locate"];
  EXPECT_EQ(located["matches"], single["matches"]);
  EXPECT_EQ(located["nearest"], single["nearest"]);
  EXPECT_EQ(located["admin"], single["admin"]);
  EXPECT_EQ(located["site"]["lon"], single["site"]["lon"]);
}

TEST_F(ApiOnDataset, OversizedBodyIs413AndTheServerKeepsServing) {
  const std::string huge(9U << 20, 'x');  // over the default 8 MiB --max-body
  const auto result =
      test_support::http_request("127.0.0.1", server_->port, {"POST", "/api/v1/overlap", huge, "application/json", ""});
  EXPECT_EQ(result.status, 413);
  EXPECT_EQ(json::parse(result.body)["error"], "payload_too_large");
  EXPECT_EQ(get("/healthz")["status"], "ok");
}

}  // namespace
