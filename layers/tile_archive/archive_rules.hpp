#pragma once
// What every archive writer refuses, checked in one place so MBTiles and PMTiles exports fail on
// the same input with the same message.
#include "layers/tile_archive/tile_archive.hpp"

#include <nlohmann/json.hpp>

#include <string>
#include <string_view>

namespace layers::tiles {

// Zooms above this are refused: PMTiles readers in JavaScript hold tile ids in doubles, exact only
// to 2^53 (zoom 26), and nothing this project exports goes near either.
inline constexpr int kMaxArchiveZoom = 26;

// Checks the zoom range, the center zoom, the bounds and the center, and returns
// vector_layers_json parsed. Throws std::invalid_argument naming the field at fault.
[[nodiscard]] nlohmann::json checked_vector_layers(const ArchiveMetadata& metadata);

// Throws std::invalid_argument for a tile outside [minzoom, maxzoom] or its zoom's grid, or an
// empty one.
void check_tile(TileCoord tile, std::string_view mvt, const ArchiveMetadata& metadata);

// "z/x/y", for messages.
[[nodiscard]] std::string to_string(TileCoord tile);

}  // namespace layers::tiles
