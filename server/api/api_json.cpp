#include "server/api/api_json.hpp"

#include "server/api/answer_fields.hpp"
#include "server/http/feature_json.hpp"
#include "server/http/http_types.hpp"

#include <cmath>

namespace server {
namespace {

Json field_json(const layers::Feature& feature, const AnswerField& field) {
  if (field.type == FieldType::Text) {
    const auto text = feature.attributes.text(field.attribute);
    return text ? Json(std::string(*text)) : Json(nullptr);
  }
  const layers::AttributeValue* value = feature.attributes.find(field.attribute);
  return attribute_json(value != nullptr ? *value : layers::AttributeValue{});
}

// Centimetres are the most a distance on these data can mean.

Json bbox_json(const geo::Envelope& box) {
  if (box.is_null()) return nullptr;
  return Json::array({box.min_x, box.min_y, box.max_x, box.max_y});
}

}  // namespace

double round_to_cm(double metres) {
  return std::round(metres * 100.0) / 100.0;
}

Json match_json(const layers::Snapshot& snapshot, const layers::query::Match& match) {
  const layers::Layer& layer = snapshot.layers()[match.layer];
  const layers::Feature& feature = layer.features()[match.feature];
  Json out = {{"layer", layer.id()}, {"id", feature.id}};
  for (const AnswerField& field : kMatchFields) out[field.name] = field_json(feature, field);
  out["distance_m"] = round_to_cm(match.distance_m);
  return out;
}

Json admin_json(const layers::Feature* county) {
  if (county == nullptr) return nullptr;
  Json out = Json::object();
  for (const AnswerField& field : kAdminFields) out[field.name] = field_json(*county, field);
  return out;
}

Json locate_json(const layers::Snapshot& snapshot, const layers::query::LocateView& result) {
  Json matches = Json::array();
  for (const auto& m : result.matches) matches.push_back(match_json(snapshot, m));
  Json nearest = Json::array();
  for (const auto& m : result.nearest) nearest.push_back(match_json(snapshot, m));
  return {{"site", {{"lon", result.site.lon}, {"lat", result.site.lat}}},
          {"admin", admin_json(result.county)},
          {"matches", std::move(matches)},
          {"nearest", std::move(nearest)}};
}

Json layer_json(const layers::Layer& layer) {
  return {{"id", layer.id()},
          {"title_zh", layer.info().title_zh},
          {"title_en", layer.info().title_en},
          {"geometry_type", layers::to_string(layer.info().geometry_kind)},
          {"count", layer.features().size()},
          {"bbox", bbox_json(layer.bounds())}};
}

}  // namespace server
