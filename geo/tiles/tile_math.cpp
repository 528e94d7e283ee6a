#include "geo/tiles/tile_math.hpp"

#include <algorithm>
#include <cmath>
#include <numbers>

namespace geo {

bool is_valid(const TileId& tile) noexcept {
  return tile.z >= 0 && tile.z <= kMaxTileZoom && tile.x < tiles_per_side(tile.z) && tile.y < tiles_per_side(tile.z);
}

std::uint32_t tiles_per_side(int z) noexcept {
  return std::uint32_t{1} << z;
}

XY lonlat_to_world(double lon, double lat) noexcept {
  const double clamped = std::clamp(lat, -kMaxMercatorLatitude, kMaxMercatorLatitude);
  const double phi = clamped * std::numbers::pi / 180.0;
  return {(lon + 180.0) / 360.0, (1.0 - std::asinh(std::tan(phi)) / std::numbers::pi) / 2.0};
}

LonLat world_to_lonlat(XY world) noexcept {
  const double lat = std::atan(std::sinh(std::numbers::pi * (1.0 - 2.0 * world.y))) * 180.0 / std::numbers::pi;
  return {world.x * 360.0 - 180.0, lat};
}

TileId tile_containing(double lon, double lat, int z) noexcept {
  const XY world = lonlat_to_world(lon, lat);
  const double n = tiles_per_side(z);
  const auto index = [n](double w) { return static_cast<std::uint32_t>(std::clamp(std::floor(w * n), 0.0, n - 1)); };
  return {z, index(world.x), index(world.y)};
}

Envelope tile_world_bounds(const TileId& tile) noexcept {
  const double size = 1.0 / tiles_per_side(tile.z);
  return {tile.x * size, tile.y * size, (tile.x + 1) * size, (tile.y + 1) * size};
}

Envelope tile_lonlat_bounds(const TileId& tile) noexcept {
  const Envelope world = tile_world_bounds(tile);
  const LonLat north_west = world_to_lonlat({world.min_x, world.min_y});
  const LonLat south_east = world_to_lonlat({world.max_x, world.max_y});
  return {north_west.lon, south_east.lat, south_east.lon, north_west.lat};
}

TileRange tiles_covering(const Envelope& lonlat, int z) noexcept {
  const double n = tiles_per_side(z);
  const auto column = [&](double world) {
    return static_cast<std::uint32_t>(std::clamp(std::floor(world * n), 0.0, n - 1));
  };
  const XY north_west = lonlat_to_world(lonlat.min_x, lonlat.max_y);
  const XY south_east = lonlat_to_world(lonlat.max_x, lonlat.min_y);
  return {z, column(north_west.x), column(north_west.y), column(south_east.x), column(south_east.y)};
}

}  // namespace geo
