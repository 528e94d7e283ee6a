#include "geo/tiles/mvt_encoder.hpp"

#include <cstring>
#include <stdexcept>
#include <string>
#include <unordered_map>

namespace geo::mvt {

std::vector<std::uint32_t> encode_commands(const TileGeometry& geometry) {
  std::vector<std::uint32_t> out;
  encode_commands(geometry, out);
  return out;
}

void encode_commands(const TileGeometry& geometry, std::vector<std::uint32_t>& out) {
  out.clear();
  out.reserve(geometry.points.size() * 2 + geometry.part_ends.size() * 3);
  TilePoint cursor;  // the cursor persists across parts (section 4.3.1)
  const auto parameter = [&](const TilePoint& p) {
    out.push_back(zigzag(p.x - cursor.x));
    out.push_back(zigzag(p.y - cursor.y));
    cursor = p;
  };
  if (geometry.type == GeomType::Point) {
    if (geometry.points.empty()) return;
    out.push_back(command(kMoveTo, static_cast<std::uint32_t>(geometry.points.size())));
    for (const TilePoint& p : geometry.points) parameter(p);
    return;
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

// Protocol buffers wire format, written directly (fields in number order, as libprotobuf writes
// them): the generated classes cost an allocation per feature and a copy of every vertex.
void put_varint(std::string& out, std::uint64_t v) {
  while (v >= 0x80) {
    out.push_back(static_cast<char>((v & 0x7F) | 0x80));
    v >>= 7;
  }
  out.push_back(static_cast<char>(v));
}

std::size_t varint_size(std::uint64_t v) {
  std::size_t n = 1;
  while (v >= 0x80) {
    v >>= 7;
    ++n;
  }
  return n;
}

enum Wire : std::uint32_t { kVarint = 0, kFixed64 = 1, kLengthDelimited = 2 };

void put_key(std::string& out, std::uint32_t field, Wire wire) {
  put_varint(out, (field << 3) | wire);
}

void put_bytes(std::string& out, std::uint32_t field, std::string_view bytes) {
  put_key(out, field, kLengthDelimited);
  put_varint(out, bytes.size());
  out.append(bytes);
}

void put_packed(std::string& out, std::uint32_t field, std::span<const std::uint32_t> words) {
  if (words.empty()) return;
  std::size_t size = 0;
  for (const std::uint32_t w : words) size += varint_size(w);
  put_key(out, field, kLengthDelimited);
  put_varint(out, size);
  for (const std::uint32_t w : words) put_varint(out, w);
}

// A Tile.Value message (spec 4.1): string 1, double 3, int 4, bool 7.
std::string encoded_value(const Value& value) {
  std::string out;
  std::visit(
      [&](const auto& v) {
        using T = std::decay_t<decltype(v)>;
        if constexpr (std::is_same_v<T, std::string>) {
          put_bytes(out, 1, v);
        } else if constexpr (std::is_same_v<T, double>) {
          put_key(out, 3, kFixed64);
          std::uint64_t bits = 0;
          std::memcpy(&bits, &v, sizeof bits);
          for (int i = 0; i < 8; ++i) out.push_back(static_cast<char>((bits >> (8 * i)) & 0xFF));
        } else if constexpr (std::is_same_v<T, std::int64_t>) {
          put_key(out, 4, kVarint);
          put_varint(out, static_cast<std::uint64_t>(v));
        } else {
          put_key(out, 7, kVarint);
          put_varint(out, v ? 1 : 0);
        }
      },
      value);
  return out;
}

}  // namespace

// Each layer's parts are kept encoded; serialize() frames them.
struct TileBuilder::State {
  struct Layer {
    std::string name;
    std::uint32_t extent = 4096;
    std::string features;  // field 2, each Feature framed
    std::string keys;      // field 3
    std::string values;    // field 4
    std::unordered_map<std::string, std::uint32_t> key_index;
    std::unordered_map<std::string, std::uint32_t> value_index;  // by value_key
    std::size_t feature_count = 0;
  };
  std::vector<Layer> layers;
  std::size_t features = 0;
  std::vector<std::uint32_t> commands, tags;  // scratch
  std::string feature;                        // scratch
};

TileBuilder::TileBuilder() : state_(std::make_unique<State>()) {}
TileBuilder::TileBuilder(TileBuilder&&) noexcept = default;
TileBuilder& TileBuilder::operator=(TileBuilder&&) noexcept = default;
TileBuilder::~TileBuilder() = default;

void TileBuilder::layer(std::string_view name, std::uint32_t extent) {
  // A layer that received no feature is dropped: readers gain nothing from it.
  if (!state_->layers.empty() && state_->layers.back().feature_count == 0) state_->layers.pop_back();
  auto& layer = state_->layers.emplace_back();
  layer.name = std::string(name);
  layer.extent = extent;
}

bool TileBuilder::add_feature(std::uint64_t id, const TileGeometry& geometry, std::span<const Property> properties) {
  if (state_->layers.empty()) throw std::logic_error("mvt::TileBuilder: add_feature before layer()");
  if (geometry.empty()) return false;
  auto& layer = state_->layers.back();
  auto& tags = state_->tags;
  tags.clear();
  for (const Property& property : properties) {
    auto [key, key_added] =
        layer.key_index.try_emplace(std::string(property.key), static_cast<std::uint32_t>(layer.key_index.size()));
    if (key_added) put_bytes(layer.keys, 3, property.key);
    auto [value, value_added] =
        layer.value_index.try_emplace(value_key(property.value), static_cast<std::uint32_t>(layer.value_index.size()));
    if (value_added) put_bytes(layer.values, 4, encoded_value(property.value));
    tags.push_back(key->second);
    tags.push_back(value->second);
  }
  encode_commands(geometry, state_->commands);
  // Feature: id 1, tags 2 (packed), type 3, geometry 4 (packed).
  std::string& feature = state_->feature;
  feature.clear();
  put_key(feature, 1, kVarint);
  put_varint(feature, id);
  put_packed(feature, 2, tags);
  put_key(feature, 3, kVarint);
  put_varint(feature, static_cast<std::uint32_t>(geometry.type));
  put_packed(feature, 4, state_->commands);
  put_bytes(layer.features, 2, feature);
  ++layer.feature_count;
  ++state_->features;
  return true;
}

std::size_t TileBuilder::feature_count() const noexcept {
  return state_->features;
}

std::string TileBuilder::serialize() const {
  if (state_->features == 0) return {};
  std::string out;
  std::string layer_bytes;
  for (const auto& layer : state_->layers) {
    if (layer.feature_count == 0) continue;
    // Layer: name 1, features 2, keys 3, values 4, extent 5, version 15.
    layer_bytes.clear();
    put_bytes(layer_bytes, 1, layer.name);
    layer_bytes += layer.features;
    layer_bytes += layer.keys;
    layer_bytes += layer.values;
    put_key(layer_bytes, 5, kVarint);
    put_varint(layer_bytes, layer.extent);
    put_key(layer_bytes, 15, kVarint);
    put_varint(layer_bytes, 2);
    put_bytes(out, 3, layer_bytes);
  }
  return out;
}

}  // namespace geo::mvt
