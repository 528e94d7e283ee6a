#include "server/api_json.hpp"

#include "server/feature_json.hpp"
#include "server/http_types.hpp"

#include <cmath>

namespace server {
namespace {

Json text_or_null(const layers::Feature& feature, std::string_view name) {
  const auto text = feature.attributes.text(name);
  return text ? Json(std::string(*text)) : Json(nullptr);
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
  return {{"layer", layer.id()},
          {"id", feature.id},
          {"name_zh", text_or_null(feature, "name_zh")},
          {"name_en", text_or_null(feature, "name_en")},
          {"kind", text_or_null(feature, "kind")},
          {"plan_ref", text_or_null(feature, "plan_ref")},
          {"plan_text", text_or_null(feature, "plan_text")},
          {"precision", text_or_null(feature, "precision")},
          {"distance_m", round_to_cm(match.distance_m)}};
}

Json admin_json(const layers::Feature* county) {
  if (county == nullptr) return nullptr;
  return {{"province", text_or_null(*county, "province")},
          {"city", text_or_null(*county, "city")},
          {"county", text_or_null(*county, "county")},
          {"adcode", attribute_json(county->attributes.find("adcode") ? *county->attributes.find("adcode")
                                                                      : layers::AttributeValue{})}};
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

std::string layer_id_list(const layers::Snapshot& snapshot) {
  std::string out;
  for (const auto& layer : snapshot.layers()) {
    if (!out.empty()) out += ", ";
    out += layer.id();
  }
  return out;
}

layers::query::InputCrs input_crs_param(const QueryParams& params) {
  const std::string* text = params.find("crs");
  return text == nullptr ? layers::query::InputCrs::Wgs84 : layers::query::parse_input_crs(*text);
}

std::vector<std::uint32_t> layer_positions(const layers::Snapshot& snapshot, const std::vector<std::string>& ids) {
  std::vector<std::uint32_t> out;
  for (const auto& id : ids) {
    const int position = snapshot.layer_position(id);
    if (position < 0) {
      throw HttpError(http::status::bad_request, "unknown_layer",
                      "no layer '" + id + "'; layers are: " + layer_id_list(snapshot));
    }
    out.push_back(static_cast<std::uint32_t>(position));
  }
  return out;
}

}  // namespace server
