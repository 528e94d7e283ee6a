#include "geo/mvt_encoder.hpp"

#include "vector_tile.pb.h"

#include <cstring>
#include <stdexcept>
#include <unordered_map>

namespace geo::mvt {

std::int64_t ring_area2(std::span<const TilePoint> ring) noexcept {
  std::int64_t sum = 0;
  for (std::size_t i = 0, n = ring.size(); i < n; ++i) {
    const TilePoint& a = ring[i];
    const TilePoint& b = ring[(i + 1) % n];
    sum += std::int64_t{a.x} * b.y - std::int64_t{b.x} * a.y;
  }
  return sum;
}

std::vector<std::uint32_t> encode_commands(const TileGeometry& geometry) {
  std::vector<std::uint32_t> out;
  out.reserve(geometry.points.size() * 2 + geometry.part_ends.size() * 3);
  TilePoint cursor;  // the cursor persists across parts (section 4.3.1)
  const auto parameter = [&](const TilePoint& p) {
    out.push_back(zigzag(p.x - cursor.x));
    out.push_back(zigzag(p.y - cursor.y));
    cursor = p;
  };
  if (geometry.type == GeomType::Point) {
    if (geometry.points.empty()) return out;
    out.push_back(command(kMoveTo, static_cast<std::uint32_t>(geometry.points.size())));
    for (const TilePoint& p : geometry.points) parameter(p);
    return out;
  }
  std::uint32_t begin = 0;
  for (const std::uint32_t end : geometry.part_ends) {
    const std::uint32_t count = end - begin;
    out.push_back(command(kMoveTo, 1));
    parameter(geometry.points[begin]);
    out.push_back(command(kLineTo, count - 1));
    for (std::uint32_t i = begin + 1; i < end; ++i) parameter(geometry.points[i]);
    if (geometry.type == GeomType::Polygon) out.push_back(command(kClosePath, 1));
    begin = end;
  }
  return out;
}

namespace {

// Values are deduplicated per layer by type and content: 1 (int) and 1.0 (double) stay distinct.
std::string value_key(const Value& value) {
  std::string key(1, static_cast<char>('0' + value.index()));
  std::visit(
      [&](const auto& v) {
        using T = std::decay_t<decltype(v)>;
        if constexpr (std::is_same_v<T, std::string>) {
          key += v;
        } else {
          char bytes[sizeof(T)];
          std::memcpy(bytes, &v, sizeof(T));
          key.append(bytes, sizeof(T));
        }
      },
      value);
  return key;
}

void set_value(vector_tile::Tile_Value& out, const Value& value) {
  std::visit(
      [&](const auto& v) {
        using T = std::decay_t<decltype(v)>;
        if constexpr (std::is_same_v<T, std::string>)
          out.set_string_value(v);
        else if constexpr (std::is_same_v<T, double>)
          out.set_double_value(v);
        else if constexpr (std::is_same_v<T, std::int64_t>)
          out.set_int_value(v);
        else
          out.set_bool_value(v);
      },
      value);
}

}  // namespace

struct TileBuilder::State {
  vector_tile::Tile tile;
  vector_tile::Tile_Layer* layer = nullptr;
  std::unordered_map<std::string, std::uint32_t> keys;
  std::unordered_map<std::string, std::uint32_t> values;
  std::size_t features = 0;
};

TileBuilder::TileBuilder() : state_(std::make_unique<State>()) {}
TileBuilder::TileBuilder(TileBuilder&&) noexcept = default;
TileBuilder& TileBuilder::operator=(TileBuilder&&) noexcept = default;
TileBuilder::~TileBuilder() = default;

void TileBuilder::layer(std::string_view name, std::uint32_t extent) {
  // A layer that received no feature is dropped: readers gain nothing from it.
  if (state_->layer != nullptr && state_->layer->features_size() == 0) state_->tile.mutable_layers()->RemoveLast();
  state_->layer = state_->tile.add_layers();
  state_->layer->set_version(2);
  state_->layer->set_name(std::string(name));
  state_->layer->set_extent(extent);
  state_->keys.clear();
  state_->values.clear();
}

bool TileBuilder::add_feature(std::uint64_t id, const TileGeometry& geometry, std::span<const Property> properties) {
  if (state_->layer == nullptr) throw std::logic_error("mvt::TileBuilder: add_feature before layer()");
  if (geometry.empty()) return false;
  auto& layer = *state_->layer;
  auto* feature = layer.add_features();
  feature->set_id(id);
  feature->set_type(static_cast<vector_tile::Tile_GeomType>(geometry.type));
  for (const std::uint32_t word : encode_commands(geometry)) feature->add_geometry(word);
  for (const Property& property : properties) {
    auto [key, key_added] = state_->keys.try_emplace(std::string(property.key), layer.keys_size());
    if (key_added) layer.add_keys(std::string(property.key));
    auto [value, value_added] = state_->values.try_emplace(value_key(property.value), layer.values_size());
    if (value_added) set_value(*layer.add_values(), property.value);
    feature->add_tags(key->second);
    feature->add_tags(value->second);
  }
  ++state_->features;
  return true;
}

std::size_t TileBuilder::feature_count() const noexcept {
  return state_->features;
}

std::string TileBuilder::serialize() const {
  if (state_->features == 0) return {};
  if (state_->layer->features_size() > 0) return state_->tile.SerializeAsString();
  // The last layer is still empty: leave it out.
  vector_tile::Tile tile = state_->tile;
  tile.mutable_layers()->RemoveLast();
  return tile.SerializeAsString();
}

}  // namespace geo::mvt
