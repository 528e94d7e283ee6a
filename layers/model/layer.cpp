#include "layers/model/layer.hpp"

#include <algorithm>
#include <stdexcept>
#include <string>

namespace layers {

std::string_view to_string(GeometryKind kind) noexcept {
  switch (kind) {
    case GeometryKind::Point: return "point";
    case GeometryKind::Line: return "line";
    case GeometryKind::Polygon: return "polygon";
    case GeometryKind::Mixed: return "mixed";
  }
  return "mixed";
}

GeometryKind geometry_kind_from_string(std::string_view text) {
  if (text == "point") return GeometryKind::Point;
  if (text == "line") return GeometryKind::Line;
  if (text == "polygon") return GeometryKind::Polygon;
  if (text == "mixed") return GeometryKind::Mixed;
  throw std::invalid_argument("unknown geometry kind \"" + std::string(text) + "\" (point, line, polygon, mixed)");
}

Layer Layer::build(LayerInfo info, std::vector<Feature> features) {
  Layer layer;
  layer.info_ = std::move(info);
  layer.features_ = std::move(features);
  layer.envelopes_.reserve(layer.features_.size());
  for (const auto& feature : layer.features_) {
    layer.envelopes_.push_back(feature.geometry.is_null() ? geo::Envelope{} : feature.geometry.envelope());
  }
  layer.index_ = geo::BoxIndex(layer.envelopes_);
  return layer;
}

const Feature* Layer::find(std::string_view feature_id) const noexcept {
  const auto it = std::find_if(features_.begin(), features_.end(), [&](const Feature& f) { return f.id == feature_id; });
  return it == features_.end() ? nullptr : &*it;
}

}  // namespace layers
