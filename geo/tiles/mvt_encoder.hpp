#pragma once
// Mapbox Vector Tile 2.1 encoding: features in tile coordinates in, protobuf bytes out. No I/O.
//   TileGeometry   one feature's vertices in tile coordinates, already clipped, snapped and wound
//   encode_commands  its command stream (spec section 4.3: MoveTo/LineTo/ClosePath, zigzag deltas)
//   TileBuilder    layers with shared keys/values tables per layer (section 4.4), serialised
#include "geo/tiles/tile_point.hpp"

#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

namespace geo::mvt {

[[nodiscard]] constexpr std::uint32_t zigzag(std::int32_t value) noexcept {
  return (static_cast<std::uint32_t>(value) << 1) ^ static_cast<std::uint32_t>(value >> 31);
}
[[nodiscard]] constexpr std::uint32_t command(std::uint32_t id, std::uint32_t count) noexcept {
  return (id & 0x7U) | (count << 3);
}
inline constexpr std::uint32_t kMoveTo = 1;
inline constexpr std::uint32_t kLineTo = 2;
inline constexpr std::uint32_t kClosePath = 7;

[[nodiscard]] std::vector<std::uint32_t> encode_commands(const TileGeometry& geometry);
void encode_commands(const TileGeometry& geometry, std::vector<std::uint32_t>& out);  // reuses `out`

// An attribute value as MVT stores it (section 4.1: string, double, int, bool).
using Value = std::variant<std::string, double, std::int64_t, bool>;
struct Property {
  std::string_view key;
  Value value;
};

class TileBuilder {
 public:
  TileBuilder();
  TileBuilder(TileBuilder&&) noexcept;
  TileBuilder& operator=(TileBuilder&&) noexcept;
  ~TileBuilder();

  // Starts a layer (version 2). Features added afterwards go to it until the next layer().
  void layer(std::string_view name, std::uint32_t extent = 4096);
  // Adds a feature to the current layer; a geometry with no points adds nothing (returns false).
  bool add_feature(std::uint64_t id, const TileGeometry& geometry, std::span<const Property> properties);
  [[nodiscard]] std::size_t feature_count() const noexcept;
  // The tile's bytes; layers that received no feature are left out, so an empty tile is "".
  [[nodiscard]] std::string serialize() const;

 private:
  struct State;
  std::unique_ptr<State> state_;
};

}  // namespace geo::mvt
