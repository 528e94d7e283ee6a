#pragma once
// Web Mercator tile arithmetic (the XYZ scheme of /tiles/{z}/{x}/{y}: y grows southwards). "World"
// coordinates are Web Mercator (EPSG:3857) scaled to the unit square: x in [0, 1] from 180°W,
// y in [0, 1] from the northern edge (85.0511°N). Spherical formulas, exactly EPSG:3857's.
#include "geo/coord.hpp"

#include <cstdint>

namespace geo {

inline constexpr int kMaxTileZoom = 24;  // world pixel coordinates stay below 2^36
inline constexpr double kMaxMercatorLatitude = 85.05112877980659;

struct TileId {
  int z = 0;
  std::uint32_t x = 0;
  std::uint32_t y = 0;
  friend bool operator==(const TileId&, const TileId&) = default;
};

// z in [0, kMaxTileZoom] and x, y < 2^z.
[[nodiscard]] bool is_valid(const TileId& tile) noexcept;
[[nodiscard]] std::uint32_t tiles_per_side(int z) noexcept;

// Latitudes beyond ±kMaxMercatorLatitude are clamped to the map's edge.
[[nodiscard]] XY lonlat_to_world(double lon, double lat) noexcept;
[[nodiscard]] LonLat world_to_lonlat(XY world) noexcept;

// The tile of zoom z holding a lon/lat point.
[[nodiscard]] TileId tile_containing(double lon, double lat, int z) noexcept;

[[nodiscard]] Envelope tile_world_bounds(const TileId& tile) noexcept;  // min_y is the tile's north edge
[[nodiscard]] Envelope tile_lonlat_bounds(const TileId& tile) noexcept;

// The tiles of zoom z whose bounds intersect a lon/lat envelope, as inclusive column/row ranges.
struct TileRange {
  int z = 0;
  std::uint32_t min_x = 0, min_y = 0, max_x = 0, max_y = 0;
  [[nodiscard]] std::uint64_t count() const noexcept { return std::uint64_t{max_x - min_x + 1} * (max_y - min_y + 1); }
};
[[nodiscard]] TileRange tiles_covering(const Envelope& lonlat, int z) noexcept;

}  // namespace geo
