#include "server/http/feature_json.hpp"

#include "geo/geojson.hpp"

#include <variant>

namespace server {

Json attribute_json(const layers::AttributeValue& value) {
  return std::visit(
      [](const auto& v) -> Json {
        using T = std::decay_t<decltype(v)>;
        if constexpr (std::is_same_v<T, std::monostate>) {
          return nullptr;
        } else {
          return v;
        }
      },
      value);
}

Json properties_json(const layers::Feature& feature) {
  Json properties = Json::object();
  properties["id"] = feature.id;
  for (const auto& [name, value] : feature.attributes.items()) properties[name] = attribute_json(value);
  return properties;
}

Json feature_geojson(const layers::Feature& feature, int decimals) {
  return {{"type", "Feature"},
          {"id", feature.fid},
          {"geometry", Json(geo::to_geojson(feature.geometry, decimals))},
          {"properties", properties_json(feature)}};
}

}  // namespace server
