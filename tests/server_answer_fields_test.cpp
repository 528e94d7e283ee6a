// The answer schema (server/api/answer_fields.hpp) against every writer of a locate answer: the
// JSON tree, the pre-rendered JSON text, protobuf and the batch CSV must say the same thing for
// each field the schema lists, and the .proto must have exactly the schema's fields.
#include "geo/wkb.hpp"
#include "layers/query/engine.hpp"
#include "layers/serving/served_snapshot.hpp"
#include "layoutd_api.pb.h"
#include "server/api/answer_fields.hpp"
#include "server/api/api_json.hpp"
#include "server/api/api_protobuf.hpp"
#include "server/api/csv.hpp"
#include "server/api/locate_text.hpp"
#include "server/api/match_fragments.hpp"
#include "server/app.hpp"
#include "server/handle_request.hpp"
#include "support/fixture_store.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <set>
#include <span>
#include <string>
#include <vector>

namespace {

using nlohmann::json;
namespace gpb = google::protobuf;

// The sample layers plus an admin layer with one county over part of them, so that answers have
// an admin block (with an integer adcode) inside the county and none outside it.
std::vector<layers::Layer> layers_with_county() {
  std::vector<layers::Layer> out = test_support::sample_layers();
  layers::Feature county;
  county.fid = 1;
  county.id = "test_county";
  county.attributes.set("name_zh", std::string("测试县"));
  county.attributes.set("name_en", std::string("Test County"));
  county.attributes.set("kind", std::string("county"));
  county.attributes.set("plan_ref", std::string("test fixture"));
  county.attributes.set("plan_text", std::string("测试用要素"));
  county.attributes.set("precision", std::string("surveyed"));
  county.attributes.set("source", std::string("tests/server_answer_fields_test.cpp"));
  county.attributes.set("province", std::string("吉林省"));
  county.attributes.set("city", std::string("长春市"));
  county.attributes.set("county", std::string("测试县"));
  county.attributes.set("adcode", std::int64_t{220199});
  county.geometry = geo::from_wkt("POLYGON((125 43.5, 125.6 43.5, 125.6 44, 125 44, 125 43.5))");
  std::vector<layers::Feature> features;
  features.push_back(std::move(county));
  out.insert(out.begin(), layers::Layer::build({std::string(layers::schema::kAdminLayer), "行政区", "Admin units",
                                                layers::GeometryKind::Polygon},
                                               std::move(features)));
  return out;
}

const layers::ServedSnapshot& snapshot() {
  static const layers::ServedSnapshot instance(layers_with_county(), "memory", 1);
  return instance;
}

// Sites inside the county over both sample polygons, inside it over one, and outside it.
const std::vector<geo::LonLat> kSites = {{125.45, 43.7}, {125.2, 43.6}, {125.9, 43.9}};

json expected_proto_value(const json& value, server::FieldType type) {
  if (!value.is_null()) return value;
  return type == server::FieldType::Text ? json("") : json(0);
}

json proto_value(const gpb::Message& message, const server::AnswerField& field) {
  const gpb::FieldDescriptor* descriptor = message.GetDescriptor()->FindFieldByName(std::string(field.name));
  if (descriptor == nullptr) return "<no field " + std::string(field.name) + ">";
  const gpb::Reflection& reflection = *message.GetReflection();
  if (field.type == server::FieldType::Text) return reflection.GetString(message, descriptor);
  return reflection.GetInt64(message, descriptor);
}

// The fields of a protobuf message that the schema does not list (besides `framing`, the ones a
// writer fills from the match itself).
std::vector<std::string> unlisted_fields(const gpb::Descriptor& message, std::span<const server::AnswerField> schema,
                                         const std::set<std::string>& framing) {
  std::vector<std::string> out;
  for (int i = 0; i < message.field_count(); ++i) {
    const std::string& name = message.field(i)->name();
    const bool listed =
        std::any_of(schema.begin(), schema.end(), [&](const auto& field) { return field.name == name; });
    if (!listed && framing.count(name) == 0) out.push_back(name);
  }
  return out;
}

void expect_match_fields(const json& from_tree, const layoutd::api::v1::FeatureRef& from_proto) {
  EXPECT_EQ(from_proto.layer(), from_tree.at("layer").get<std::string>());
  EXPECT_EQ(from_proto.id(), from_tree.at("id").get<std::string>());
  for (const auto& field : server::kMatchFields) {
    EXPECT_EQ(proto_value(from_proto, field), expected_proto_value(from_tree.at(std::string(field.name)), field.type))
        << field.name;
  }
}

}  // namespace

TEST(AnswerFields, TheProtoHasExactlyTheSchemasFields) {
  EXPECT_EQ(
      unlisted_fields(*layoutd::api::v1::FeatureRef::descriptor(), server::kMatchFields, {"layer", "id", "distance_m"}),
      std::vector<std::string>{});
  EXPECT_EQ(unlisted_fields(*layoutd::api::v1::Admin::descriptor(), server::kAdminFields, {}),
            std::vector<std::string>{});
  // And every schema field is in the .proto, with the type the schema gives it (the writer
  // throws otherwise).
  layers::query::LocateResult result = layers::query::locate(snapshot(), kSites[0]);
  ASSERT_NE(result.county, nullptr);
  EXPECT_NO_THROW((void)server::locate_protobuf(snapshot(), result));
}

TEST(AnswerFields, JsonTreeTextAndProtobufAgreeOnEveryField) {
  const server::MatchFragments fragments(snapshot());
  int with_county = 0;
  for (const auto& site : kSites) {
    SCOPED_TRACE(std::to_string(site.lon) + "," + std::to_string(site.lat));
    const layers::query::LocateResult result = layers::query::locate(snapshot(), site);
    const layers::query::LocateView view{result.site, result.county, result.matches, result.nearest};
    const json tree = json::parse(server::locate_json(snapshot(), view).dump());
    const json text = json::parse(server::locate_text(fragments, result, {site.lon, site.lat, {}}));
    // The text form adds the input echo to the site; everything else is the same document.
    for (const char* member : {"admin", "matches", "nearest"}) EXPECT_EQ(text.at(member), tree.at(member)) << member;
    ASSERT_FALSE(tree.at("matches").empty());

    layoutd::api::v1::LocateResponse proto;
    ASSERT_TRUE(proto.ParseFromString(server::locate_protobuf(snapshot(), result)));
    ASSERT_EQ(proto.has_admin(), !tree.at("admin").is_null());
    if (proto.has_admin()) {
      ++with_county;
      for (const auto& field : server::kAdminFields) {
        EXPECT_EQ(proto_value(proto.admin(), field),
                  expected_proto_value(tree.at("admin").at(std::string(field.name)), field.type))
            << field.name;
      }
    }
    ASSERT_EQ(static_cast<std::size_t>(proto.matches_size()), tree.at("matches").size());
    for (int i = 0; i < proto.matches_size(); ++i) expect_match_fields(tree.at("matches")[i], proto.matches(i));
    ASSERT_EQ(static_cast<std::size_t>(proto.nearest_size()), tree.at("nearest").size());
    for (int i = 0; i < proto.nearest_size(); ++i) expect_match_fields(tree.at("nearest")[i], proto.nearest(i));
  }
  EXPECT_EQ(with_county, 2);
}

TEST(AnswerFields, BatchCsvColumnsAgreeWithTheJsonAnswer) {
  const server::App app(server::ServerConfig{},
                        std::make_shared<const layers::ServedSnapshot>(layers_with_county(), "memory", 1));
  std::string csv = "lon,lat\n";
  for (const auto& site : kSites) csv += std::to_string(site.lon) + "," + std::to_string(site.lat) + "\n";
  const auto ask = [&](const std::string& accept) {
    server::Request r(server::http::verb::post, "/api/v1/locate", 11);
    r.set(server::http::field::content_type, "text/csv");
    r.set(server::http::field::accept, accept);
    r.body() = csv;
    r.prepare_payload();
    const auto response = server::handle_request(app, r);
    EXPECT_EQ(response.result(), server::http::status::ok) << response.body();
    return response.body();
  };
  const auto rows = server::parse_csv(ask("text/csv"));
  const json answers = json::parse(ask("application/geo+json")).at("features");
  ASSERT_EQ(rows.size(), kSites.size() + 1);
  ASSERT_EQ(answers.size(), kSites.size());
  const server::CsvRow& header = rows.front();
  const auto column = [&](std::string_view name) {
    const auto it = std::find(header.begin(), header.end(), name);
    return it == header.end() ? std::size_t{0} : static_cast<std::size_t>(it - header.begin());
  };
  for (std::size_t i = 0; i < kSites.size(); ++i) {
    const json& locate = answers[i].at("properties").at("locate");
    const server::CsvRow& row = rows[i + 1];
    for (const auto& field : server::kAdminFields) {
      const std::size_t c = column(field.name);
      if (!field.in_csv) {
        EXPECT_EQ(c, 0U) << field.name << " is a CSV column but the schema says it is not";
        continue;
      }
      ASSERT_NE(c, 0U) << "no CSV column " << field.name;
      const json& value = locate.at("admin").is_null() ? json(nullptr) : locate.at("admin").at(std::string(field.name));
      EXPECT_EQ(row[c], value.is_null() ? "" : value.get<std::string>()) << field.name;
    }
    // One column per non-admin layer: the matches' labels, in answer order.
    for (const auto& layer : snapshot().layers()) {
      if (layer.id() == layers::schema::kAdminLayer) continue;
      std::string labels;
      for (const auto& match : locate.at("matches")) {
        if (match.at("layer") != layer.id()) continue;
        if (!labels.empty()) labels += ';';
        labels += match.at(std::string(server::kMatchLabel)).get<std::string>();
      }
      ASSERT_NE(column(layer.id()), 0U) << layer.id();
      EXPECT_EQ(row[column(layer.id())], labels) << layer.id();
    }
  }
}
