#include "support/mvt_decode.hpp"

#include "vector_tile.pb.h"

#include <sstream>
#include <stdexcept>

namespace test_support {
namespace {

std::int32_t unzigzag(std::uint32_t v) {
  return static_cast<std::int32_t>((v >> 1) ^ (~(v & 1) + 1));
}

geo::mvt::TileGeometry decode_geometry(const vector_tile::Tile_Feature& feature) {
  geo::mvt::TileGeometry out;
  switch (feature.type()) {
    case vector_tile::Tile_GeomType_POINT: out.type = geo::mvt::GeomType::Point; break;
    case vector_tile::Tile_GeomType_LINESTRING: out.type = geo::mvt::GeomType::LineString; break;
    case vector_tile::Tile_GeomType_POLYGON: out.type = geo::mvt::GeomType::Polygon; break;
    default: throw std::runtime_error("feature of UNKNOWN geometry type");
  }
  const auto& words = feature.geometry();
  std::int32_t x = 0, y = 0;
  int i = 0;
  const int n = words.size();
  const auto next = [&]() -> std::uint32_t {
    if (i >= n) throw std::runtime_error("command stream ends inside a command");
    return words.Get(i++);
  };
  const auto read_point = [&] {
    x += unzigzag(next());
    y += unzigzag(next());
    out.points.push_back({x, y});
  };
  while (i < n) {
    const std::uint32_t header = next();
    const std::uint32_t id = header & 7U;
    const std::uint32_t count = header >> 3;
    if (out.type == geo::mvt::GeomType::Point) {
      if (id != geo::mvt::kMoveTo || count == 0 || i != 1) throw std::runtime_error("point: expected one MoveTo(n>0)");
      for (std::uint32_t k = 0; k < count; ++k) read_point();
      out.part_ends.push_back(static_cast<std::uint32_t>(out.points.size()));
      continue;
    }
    if (id != geo::mvt::kMoveTo || count != 1) throw std::runtime_error("part must start with MoveTo(1)");
    read_point();
    const std::uint32_t line_to = next();
    if ((line_to & 7U) != geo::mvt::kLineTo || (line_to >> 3) == 0) throw std::runtime_error("expected LineTo(n>0)");
    for (std::uint32_t k = 0; k < (line_to >> 3); ++k) read_point();
    if (out.type == geo::mvt::GeomType::Polygon) {
      if (next() != geo::mvt::command(geo::mvt::kClosePath, 1)) throw std::runtime_error("ring without ClosePath(1)");
    }
    out.part_ends.push_back(static_cast<std::uint32_t>(out.points.size()));
  }
  return out;
}

std::string value_text(const vector_tile::Tile_Value& v) {
  if (v.has_string_value()) return "s:" + v.string_value();
  if (v.has_int_value()) return "i:" + std::to_string(v.int_value());
  if (v.has_sint_value()) return "i:" + std::to_string(v.sint_value());
  if (v.has_uint_value()) return "u:" + std::to_string(v.uint_value());
  if (v.has_double_value()) {
    std::ostringstream s;
    s.precision(17);
    s << v.double_value();
    return "d:" + s.str();
  }
  if (v.has_float_value()) return "f:" + std::to_string(v.float_value());
  if (v.has_bool_value()) return v.bool_value() ? "b:true" : "b:false";
  throw std::runtime_error("value with no member set");
}

}  // namespace

const DecodedFeature* DecodedLayer::find(std::uint64_t id) const {
  for (const auto& f : features) {
    if (f.id == id) return &f;
  }
  return nullptr;
}

const DecodedLayer* DecodedTile::find(std::string_view name) const {
  for (const auto& l : layers) {
    if (l.name == name) return &l;
  }
  return nullptr;
}

DecodedTile decode_mvt(std::string_view bytes) {
  vector_tile::Tile tile;
  if (!tile.ParseFromArray(bytes.data(), static_cast<int>(bytes.size())))
    throw std::runtime_error("not a protobuf Tile");
  DecodedTile out;
  for (const auto& layer : tile.layers()) {
    DecodedLayer& decoded = out.layers.emplace_back();
    decoded.name = layer.name();
    decoded.version = layer.version();
    decoded.extent = layer.extent();
    for (const auto& feature : layer.features()) {
      DecodedFeature& f = decoded.features.emplace_back();
      f.id = feature.id();
      f.geometry = decode_geometry(feature);
      if (feature.tags_size() % 2 != 0) throw std::runtime_error("odd number of tags");
      for (int t = 0; t < feature.tags_size(); t += 2) {
        const auto key = feature.tags(t);
        const auto value = feature.tags(t + 1);
        if (static_cast<int>(key) >= layer.keys_size() || static_cast<int>(value) >= layer.values_size()) {
          throw std::runtime_error("tag index out of the keys/values tables");
        }
        if (!f.properties.emplace(layer.keys(static_cast<int>(key)), value_text(layer.values(static_cast<int>(value))))
                 .second) {
          throw std::runtime_error("a key repeated in one feature");
        }
      }
    }
  }
  return out;
}

std::string dump_mvt(std::string_view bytes) {
  const DecodedTile tile = decode_mvt(bytes);
  std::ostringstream out;
  for (const auto& layer : tile.layers) {
    out << "layer " << layer.name << " version=" << layer.version << " extent=" << layer.extent
        << " features=" << layer.features.size() << "\n";
    for (const auto& f : layer.features) {
      static constexpr const char* kTypes[] = {"UNKNOWN", "POINT", "LINESTRING", "POLYGON"};
      out << "  feature id=" << f.id << " type=" << kTypes[static_cast<int>(f.geometry.type)]
          << " parts=" << f.geometry.part_ends.size() << " vertices=" << f.geometry.points.size() << "\n";
      for (const auto& [k, v] : f.properties) out << "    " << k << " = " << v << "\n";
      std::uint32_t begin = 0;
      for (const std::uint32_t end : f.geometry.part_ends) {
        const std::span<const geo::mvt::TilePoint> run(f.geometry.points.data() + begin, end - begin);
        out << "    part n=" << run.size();
        if (f.geometry.type == geo::mvt::GeomType::Polygon) out << " area2=" << geo::mvt::ring_area2(run);
        out << ":";
        // Long runs: the first vertices and a hash of all of them keep the dump readable and exact.
        std::uint64_t hash = 1469598103934665603ULL;
        for (std::size_t k = 0; k < run.size(); ++k) {
          if (k < 6) out << " " << run[k].x << "," << run[k].y;
          hash = (hash ^ static_cast<std::uint32_t>(run[k].x)) * 1099511628211ULL;
          hash = (hash ^ static_cast<std::uint32_t>(run[k].y)) * 1099511628211ULL;
        }
        if (run.size() > 6) out << " ... hash=" << std::hex << hash << std::dec;
        out << "\n";
        begin = end;
      }
    }
  }
  return out.str();
}

}  // namespace test_support
