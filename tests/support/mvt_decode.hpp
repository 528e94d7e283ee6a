#pragma once
// A strict MVT 2.1 reader for tests, independent of the encoder's code paths: parses with the
// generated protobuf classes and decodes command streams back to vertices, throwing on anything
// the specification forbids (wrong command order, counts, unknown tags, bad ClosePath).
#include "geo/tiles/mvt_encoder.hpp"

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace test_support {

struct DecodedFeature {
  std::uint64_t id = 0;
  geo::mvt::TileGeometry geometry;                // rings without closing repeat, as encoded
  std::map<std::string, std::string> properties;  // values rendered as text ("s:..", "i:..", "d:..", "b:..")
};

struct DecodedLayer {
  std::string name;
  std::uint32_t version = 0;
  std::uint32_t extent = 0;
  std::vector<DecodedFeature> features;
  [[nodiscard]] const DecodedFeature* find(std::uint64_t id) const;
};

struct DecodedTile {
  std::vector<DecodedLayer> layers;
  [[nodiscard]] const DecodedLayer* find(std::string_view name) const;
};

DecodedTile decode_mvt(std::string_view bytes);

// A stable text dump of a tile (layers, features, properties, commands): the golden-file format.
std::string dump_mvt(std::string_view bytes);

}  // namespace test_support
