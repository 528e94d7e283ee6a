#pragma once
// A catalogue layer: metadata, its features, and a bounding-box index over them. Immutable once
// built (Layer::build), so a Snapshot can share it across threads.
#include "geo/box_index.hpp"
#include "geo/coord.hpp"
#include "layers/model/feature.hpp"

#include <string>
#include <vector>

namespace layers {

// What kind of geometry a layer holds. Polygon layers are asked "does it cover the site", line
// layers "is the site within band_m of the axis".
enum class GeometryKind { Point, Line, Polygon, Mixed };

std::string_view to_string(GeometryKind kind) noexcept;
GeometryKind geometry_kind_from_string(std::string_view text);  // throws std::invalid_argument

struct LayerInfo {
  std::string id;  // "groups", "water_veins", ...
  std::string title_zh;
  std::string title_en;
  GeometryKind geometry_kind = GeometryKind::Polygon;
};

class Layer {
 public:
  // Computes each feature's envelope and the layer's index.
  static Layer build(LayerInfo info, std::vector<Feature> features);

  [[nodiscard]] const LayerInfo& info() const noexcept { return info_; }
  [[nodiscard]] const std::string& id() const noexcept { return info_.id; }
  [[nodiscard]] const std::vector<Feature>& features() const noexcept { return features_; }
  [[nodiscard]] const std::vector<geo::Envelope>& envelopes() const noexcept { return envelopes_; }
  [[nodiscard]] const geo::BoxIndex& index() const noexcept { return index_; }
  [[nodiscard]] geo::Envelope bounds() const noexcept { return index_.bounds(); }
  [[nodiscard]] const Feature* find(std::string_view feature_id) const noexcept;

 private:
  LayerInfo info_;
  std::vector<Feature> features_;
  std::vector<geo::Envelope> envelopes_;
  geo::BoxIndex index_;
};

}  // namespace layers
