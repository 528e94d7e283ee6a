#include "server/tiles/tilejson.hpp"

#include "layers/tiles/tile_source.hpp"
#include "layers/tiles/tileset_metadata.hpp"
#include "server/http/url.hpp"

namespace server {

Json tilejson(const layers::ServedSnapshot& snapshot, const std::string& base_url,
              const std::vector<std::uint32_t>& positions, const std::string& layers_param) {
  const std::vector<std::uint32_t> chosen = layers::tiles::all_if_empty(snapshot, positions);
  const geo::Envelope bounds = layers::tiles::tileset_bounds(snapshot, chosen);
  const layers::tiles::MapCenter center = layers::tiles::map_center(snapshot, bounds);
  std::string url = base_url + "/tiles/{z}/{x}/{y}.mvt";
  if (!layers_param.empty()) url += "?layers=" + percent_encode(layers_param);
  return {{"tilejson", "3.0.0"},
          {"name", layers::tiles::kTilesetName},
          {"description", layers::tiles::kTilesetDescription},
          {"version", "1.0.0"},
          {"attribution", layers::tiles::kTilesetAttribution},
          {"scheme", "xyz"},
          {"tiles", Json::array({url})},
          {"minzoom", 0},
          {"maxzoom", layers::tiles::kMaxZoom},
          {"bounds", Json::array({bounds.min_x, bounds.min_y, bounds.max_x, bounds.max_y})},
          {"center", Json::array({center.lon, center.lat, center.zoom})},
          {"vector_layers", layers::tiles::vector_layers(snapshot, snapshot.tiles(), chosen)}};
}

}  // namespace server
