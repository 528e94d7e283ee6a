#include "layers/tiles/tileset_metadata.hpp"

#include "geo/operations.hpp"
#include "layers/model/schema.hpp"
#include "layers/tiles/tile_source.hpp"

namespace layers::tiles {

std::vector<std::uint32_t> all_if_empty(const Snapshot& snapshot, std::vector<std::uint32_t> positions) {
  if (positions.empty()) {
    for (std::uint32_t i = 0; i < snapshot.layers().size(); ++i) positions.push_back(i);
  }
  return positions;
}

nlohmann::ordered_json vector_layers(const Snapshot& snapshot, const TileSource& tiles,
                                     const std::vector<std::uint32_t>& positions) {
  nlohmann::ordered_json out = nlohmann::ordered_json::array();
  for (const std::uint32_t position : positions) {
    const Layer& layer = snapshot.layers().at(position);
    nlohmann::ordered_json fields = nlohmann::ordered_json::object();
    for (const auto& field : tiles.fields(static_cast<int>(position))) fields[field.name] = field.type;
    out.push_back({{"id", layer.id()},
                   {"description", layer.info().title_zh + " / " + layer.info().title_en},
                   {"minzoom", 0},
                   {"maxzoom", kMaxZoom},
                   {"fields", std::move(fields)}});
  }
  return out;
}

geo::Envelope tileset_bounds(const Snapshot& snapshot, const std::vector<std::uint32_t>& positions) {
  geo::Envelope bounds;
  for (const std::uint32_t position : positions) bounds.expand(snapshot.layers().at(position).bounds());
  if (bounds.is_null()) bounds = {-180, -85.0511, 180, 85.0511};
  return bounds;
}

MapCenter map_center(const Snapshot& snapshot, const geo::Envelope& bounds) {
  const Layer* centre = snapshot.find(schema::kCentreLayer);
  if (centre != nullptr && !centre->features().empty() && !centre->features().front().geometry.is_empty()) {
    const geo::XY c = geo::coordinates(geo::centroid(centre->features().front().geometry)).front();
    return {c.x, c.y, 7};
  }
  return {(bounds.min_x + bounds.max_x) / 2, (bounds.min_y + bounds.max_y) / 2, 7};
}

}  // namespace layers::tiles
