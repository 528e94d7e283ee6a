#pragma once
// The vector tiles of one Snapshot: every catalogue layer as an MVT layer of the same name.
// Each feature is projected and ranked once (geo::WorldFeature) and prepared per zoom (simplified,
// on the pixel grid: geo/tiles/tile_geometry.hpp) the first time a tile of that zoom is asked for, then
// shared read-only by all threads; a tile is then an index query, a clip per feature and the encoding.
#include "geo/box_index.hpp"
#include "geo/tiles/mvt_encoder.hpp"
#include "geo/tiles/tile_geometry.hpp"
#include "geo/tiles/tile_math.hpp"
#include "layers/model/layer.hpp"

#include <array>
#include <mutex>
#include <span>
#include <string>
#include <vector>

namespace layers::tiles {

inline constexpr int kMaxZoom = 14;

// Attributes left out of tiles: long texts a map does not draw. Clients get them from
// /api/v1/locate and /ogc/collections/{layer}/items/{fid}.
inline constexpr std::array<std::string_view, 2> kOmittedAttributes = {"plan_text", "source"};

// A field as TileJSON's vector_layers describe it: "String", "Number" or "Boolean".
struct FieldInfo {
  std::string name;
  std::string type;
};

class TileSource {
 public:
  // `layers` must outlive the source (the Snapshot owns both).
  explicit TileSource(const std::vector<Layer>& layers, geo::TileOptions options = {});
  TileSource(const TileSource&) = delete;
  TileSource& operator=(const TileSource&) = delete;
  ~TileSource();

  // The tile's MVT bytes for the layers at `positions` (indexes into the catalogue; drawn in that
  // order); "" when no feature falls in it. `tile` must be valid with z ≤ kMaxZoom.
  [[nodiscard]] std::string render(const geo::TileId& tile, std::span<const std::uint32_t> positions) const;
  // Every layer, in catalogue order.
  [[nodiscard]] std::string render(const geo::TileId& tile) const;

  [[nodiscard]] const geo::TileOptions& options() const noexcept { return options_; }
  // The fields tiles carry for the layer at `position` (id first, then the store's order).
  [[nodiscard]] const std::vector<FieldInfo>& fields(int position) const { return fields_.at(position); }

  // Prepares zoom z now instead of on its first tile (a reload warms the new snapshot's low zooms
  // before serving it). Idempotent and thread-safe, like the preparation render() triggers.
  void prepare(int z) const { static_cast<void>(zoom(z)); }

  // Features per layer drawn as a point at zoom z because they are smaller than a tile unit there.
  [[nodiscard]] std::vector<std::size_t> collapsed_counts(int z) const;

 private:
  struct ZoomLayer {
    std::vector<geo::ZoomGeometry> features;
    geo::BoxIndex index;  // over the features' pixel boxes
  };
  struct Zoom {
    std::once_flag prepared;
    std::vector<ZoomLayer> layers;
  };
  const Zoom& zoom(int z) const;

  const std::vector<Layer>& layers_;
  geo::TileOptions options_;
  std::vector<std::vector<FieldInfo>> fields_;
  std::vector<std::vector<std::vector<geo::mvt::Property>>> properties_;  // per layer, per feature
  mutable std::once_flag projected_;
  mutable std::vector<std::vector<geo::WorldFeature>> world_;  // per layer, per feature; set once
  mutable std::array<Zoom, kMaxZoom + 1> zooms_;
};

}  // namespace layers::tiles
