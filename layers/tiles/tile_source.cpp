#include "layers/tiles/tile_source.hpp"

#include "geo/operations.hpp"
#include "layers/model/schema.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace layers::tiles {
namespace {

bool omitted(std::string_view name) {
  return std::find(kOmittedAttributes.begin(), kOmittedAttributes.end(), name) != kOmittedAttributes.end();
}

std::string field_type(const AttributeValue& value) {
  if (std::holds_alternative<std::string>(value)) return "String";
  if (std::holds_alternative<bool>(value)) return "Boolean";
  return "Number";
}

std::vector<geo::mvt::Property> properties_of(const Feature& feature) {
  std::vector<geo::mvt::Property> out;
  out.push_back({schema::kId, feature.id});
  for (const auto& [name, value] : feature.attributes.items()) {
    if (omitted(name)) continue;
    std::visit(
        [&, &name = name](const auto& v) {  // explicit: clang 14 cannot capture a structured binding
          using T = std::decay_t<decltype(v)>;
          if constexpr (!std::is_same_v<T, std::monostate>) out.push_back({name, geo::mvt::Value(v)});
        },
        value);
  }
  return out;
}

// Field names and types over every feature of a layer: the first non-null value decides the type.
std::vector<FieldInfo> fields_of(const Layer& layer) {
  std::vector<FieldInfo> out{{std::string(schema::kId), "String"}};
  for (const Feature& feature : layer.features()) {
    for (const auto& [name, value] : feature.attributes.items()) {
      if (omitted(name) || std::holds_alternative<std::monostate>(value)) continue;
      const bool known = std::any_of(out.begin(), out.end(), [&name = name](const FieldInfo& f) { return f.name == name; });
      if (!known) out.push_back({name, field_type(value)});
    }
  }
  return out;
}

}  // namespace

TileSource::TileSource(const std::vector<Layer>& layers, geo::TileOptions options)
    : layers_(layers), options_(options) {
  for (const Layer& layer : layers_) {
    fields_.push_back(fields_of(layer));
    auto& per_feature = properties_.emplace_back();
    per_feature.reserve(layer.features().size());
    for (const Feature& feature : layer.features()) per_feature.push_back(properties_of(feature));
  }
}

TileSource::~TileSource() = default;

const TileSource::Zoom& TileSource::zoom(int z) const {
  if (z < 0 || z > kMaxZoom)
    throw std::out_of_range("tile zoom " + std::to_string(z) + " is beyond the source's range");
  std::call_once(projected_, [&] {
    world_.reserve(layers_.size());
    for (const Layer& layer : layers_) {
      auto& features = world_.emplace_back();
      features.reserve(layer.features().size());
      for (const Feature& feature : layer.features()) features.emplace_back(feature.geometry);
    }
  });
  Zoom& zoom = zooms_[static_cast<std::size_t>(z)];
  std::call_once(zoom.prepared, [&] {
    zoom.layers.reserve(layers_.size());
    for (const auto& world_features : world_) {
      ZoomLayer& layer = zoom.layers.emplace_back();
      std::vector<geo::Envelope> boxes;
      layer.features.reserve(world_features.size());
      boxes.reserve(world_features.size());
      for (const geo::WorldFeature& world : world_features) {
        const geo::PixelBox& box = layer.features.emplace_back(geo::prepare_for_zoom(world, z, options_)).shape.box();
        boxes.push_back(box.empty() ? geo::Envelope{}
                                    : geo::Envelope{static_cast<double>(box.min_x), static_cast<double>(box.min_y),
                                                    static_cast<double>(box.max_x), static_cast<double>(box.max_y)});
      }
      layer.index = geo::BoxIndex(boxes);
    }
  });
  return zoom;
}

std::string TileSource::render(const geo::TileId& tile, std::span<const std::uint32_t> positions) const {
  if (!geo::is_valid(tile))
    throw std::out_of_range("not a tile: " + std::to_string(tile.z) + "/" + std::to_string(tile.x) + "/" +
                            std::to_string(tile.y));
  const Zoom& prepared = zoom(tile.z);
  const double extent = options_.extent;
  const double buffer = options_.buffer;
  const geo::Envelope rect{tile.x * extent - buffer, tile.y * extent - buffer, (tile.x + 1) * extent + buffer,
                           (tile.y + 1) * extent + buffer};
  geo::mvt::TileBuilder builder;
  std::vector<std::uint32_t> hits;
  for (const std::uint32_t at : positions) {
    const ZoomLayer& layer = prepared.layers.at(at);
    hits.clear();
    layer.index.query(rect, [&](std::uint32_t feature) {
      hits.push_back(feature);
      return true;
    });
    if (hits.empty()) continue;
    std::sort(hits.begin(), hits.end());  // the store's order, whatever the index's
    builder.layer(layers_[at].id(), options_.extent);
    for (const std::uint32_t feature : hits) {
      const geo::mvt::TileGeometry geometry = geo::tile_geometry(layer.features[feature], tile.x, tile.y, options_);
      const Feature& stored = layers_[at].features()[feature];
      builder.add_feature(static_cast<std::uint64_t>(stored.fid), geometry, properties_[at][feature]);
    }
  }
  return builder.serialize();
}

std::string TileSource::render(const geo::TileId& tile) const {
  std::vector<std::uint32_t> all(layers_.size());
  for (std::uint32_t i = 0; i < all.size(); ++i) all[i] = i;
  return render(tile, all);
}

std::vector<std::size_t> TileSource::collapsed_counts(int z) const {
  std::vector<std::size_t> out;
  for (const ZoomLayer& layer : zoom(z).layers) {
    out.push_back(static_cast<std::size_t>(std::count_if(layer.features.begin(), layer.features.end(),
                                                         [](const geo::ZoomGeometry& f) { return f.collapsed; })));
  }
  return out;
}

}  // namespace layers::tiles
