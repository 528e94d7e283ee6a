#include "layers/tile_archive/archive_rules.hpp"

#include <cmath>
#include <stdexcept>

namespace layers::tiles {
namespace {

void require(bool condition, const std::string& message) {
  if (!condition) throw std::invalid_argument("tile archive: " + message);
}

bool within(double value, double low, double high) {
  return std::isfinite(value) && value >= low && value <= high;
}

}  // namespace

nlohmann::json checked_vector_layers(const ArchiveMetadata& metadata) {
  require(metadata.minzoom >= 0 && metadata.minzoom <= metadata.maxzoom && metadata.maxzoom <= kMaxArchiveZoom,
          "zoom range " + std::to_string(metadata.minzoom) + ".." + std::to_string(metadata.maxzoom) +
              " is not within 0.." + std::to_string(kMaxArchiveZoom));
  require(
      metadata.center_zoom >= 0 && metadata.center_zoom <= kMaxArchiveZoom,
      "center zoom " + std::to_string(metadata.center_zoom) + " is not within 0.." + std::to_string(kMaxArchiveZoom));
  // PMTiles stores degrees as int32 of 1e-7 degree: out-of-range values would not fit.
  require(within(metadata.west, -180, 180) && within(metadata.east, -180, 180) && within(metadata.south, -90, 90) &&
              within(metadata.north, -90, 90) && metadata.west <= metadata.east && metadata.south <= metadata.north,
          "bounds are not a lon/lat box (west <= east in -180..180, south <= north in -90..90)");
  require(within(metadata.center_lon, -180, 180) && within(metadata.center_lat, -90, 90),
          "center is not a lon/lat position");
  nlohmann::json layers = nlohmann::json::parse(metadata.vector_layers_json, nullptr, /*allow_exceptions=*/false);
  require(layers.is_array(), "vector_layers_json is not a JSON array");
  return layers;
}

void check_tile(TileCoord tile, std::string_view mvt, const ArchiveMetadata& metadata) {
  require(tile.z >= metadata.minzoom && tile.z <= metadata.maxzoom,
          "tile " + to_string(tile) + " is outside the zoom range " + std::to_string(metadata.minzoom) + ".." +
              std::to_string(metadata.maxzoom));
  const std::uint64_t size = std::uint64_t{1} << tile.z;
  require(tile.x < size && tile.y < size, "tile " + to_string(tile) + " is outside the grid of its zoom");
  require(!mvt.empty(), "tile " + to_string(tile) + " is empty (empty tiles are left out of archives)");
}

std::string to_string(TileCoord tile) {
  return std::to_string(tile.z) + "/" + std::to_string(tile.x) + "/" + std::to_string(tile.y);
}

}  // namespace layers::tiles
