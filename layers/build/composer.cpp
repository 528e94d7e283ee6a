#include "layers/build/composer.hpp"

#include "geo/crs.hpp"
#include "geo/error.hpp"
#include "geo/operations.hpp"
#include "geo/projection.hpp"
#include "geo/wkb.hpp"

#include <regex>

namespace layers::build {
namespace {

bool is_lineal(geo::GeometryType t) { return t == geo::GeometryType::LineString || t == geo::GeometryType::MultiLineString; }
bool is_puntal(geo::GeometryType t) { return t == geo::GeometryType::Point || t == geo::GeometryType::MultiPoint; }

// Lines only: a union of lines or a collection reduced to its linear parts.
geo::Geometry lineal_part(const geo::Geometry& g) {
  if (is_lineal(g.type())) return g.clone();
  std::vector<geo::Geometry> lines;
  for (int i = 0; i < g.num_geometries(); ++i) {
    geo::Geometry part = g.geometry_n(i);
    if (part.type() == geo::GeometryType::LineString) lines.push_back(std::move(part));
  }
  return geo::make_collection(std::move(lines));
}

}  // namespace

std::int64_t stable_feature_id(const std::string& layer_id, const std::string& feature_id) {
  std::uint64_t hash = 1469598103934665603ULL;
  for (const unsigned char c : layer_id + "/" + feature_id) {
    hash ^= c;
    hash *= 1099511628211ULL;
  }
  return static_cast<std::int64_t>((hash ^ (hash >> 31U)) & 0x7fffffffULL) + 1;
}

Composer::Composer(const Definition& definition, const UnitSet& units, const SegmentSet& segments)
    : definition_(definition), units_(units), segments_(segments) {
  for (const auto& layer : definition_.layers) layers_[layer.info.id] = &layer;
}

const AdminUnit& Composer::unit(const std::string& key, const std::string& where) const {
  const AdminUnit* found = units_.find(key);
  if (found == nullptr) throw DefinitionError(where, "unknown unit '" + key + "' (expected CITY/COUNTY as in units.tsv)");
  return *found;
}

geo::XY Composer::position(const YAML::Node& node, const std::string& where) const {
  if (node.IsScalar()) {
    const auto it = definition_.places.find(node.as<std::string>());
    if (it == definition_.places.end()) throw DefinitionError(where, "unknown place '" + node.as<std::string>() + "'");
    return {it->second.lon, it->second.lat};
  }
  if (!node.IsSequence() || node.size() != 2) throw DefinitionError(where, "a position is [lon, lat] or a place name");
  const geo::XY p{node[0].as<double>(), node[1].as<double>()};
  if (!(p.x >= -180 && p.x <= 180 && p.y >= -90 && p.y <= 90)) {
    throw DefinitionError(where, "position [" + node[0].Scalar() + ", " + node[1].Scalar() + "] is not lon/lat");
  }
  return p;
}

std::vector<geo::XY> Composer::positions(const YAML::Node& list, const std::string& where) const {
  if (!list.IsSequence()) throw DefinitionError(where, "expected a list of positions");
  std::vector<geo::XY> out;
  for (const auto& node : list) out.push_back(position(node, where));
  return out;
}

geo::Geometry Composer::river(const YAML::Node& list, const std::string& where) const {
  // "r58", "~r58" (reversed), "r32:0-184" (vertices 0..184 inclusive).
  static const std::regex pattern(R"((~?)r(\d+)(?::(\d+)-(\d+))?)");
  std::vector<geo::XY> joined;
  for (const auto& node : list) {
    const std::string text = node.as<std::string>();
    std::smatch m;
    if (!std::regex_match(text, m, pattern)) throw DefinitionError(where, "bad river segment '" + text + "' (rN, ~rN, rN:a-b)");
    const int index = std::stoi(m[2]);
    const auto it = segments_.rivers.find(index);
    if (it == segments_.rivers.end()) throw DefinitionError(where, "no GSHHG river segment r" + std::to_string(index));
    std::vector<geo::XY> xy = geo::coordinates(it->second);
    if (m[3].matched) {
      const auto from = std::stoul(m[3]);
      const auto to = std::stoul(m[4]);
      if (from >= to || to >= xy.size()) {
        throw DefinitionError(where, "vertex range of '" + text + "' outside 0-" + std::to_string(xy.size() - 1));
      }
      xy = std::vector<geo::XY>(xy.begin() + static_cast<std::ptrdiff_t>(from), xy.begin() + static_cast<std::ptrdiff_t>(to) + 1);
    }
    if (m[1].length() > 0) std::reverse(xy.begin(), xy.end());
    for (const auto& p : xy) {
      if (joined.empty() || joined.back().x != p.x || joined.back().y != p.y) joined.push_back(p);
    }
  }
  if (joined.size() < 2) throw DefinitionError(where, "river has fewer than 2 vertices");
  return geo::make_line(joined);
}

geo::Geometry Composer::evaluate_all_union(const YAML::Node& list, const std::string& where) {
  if (!list.IsSequence() || list.size() == 0) throw DefinitionError(where, "expected a non-empty list");
  std::vector<geo::Geometry> parts;
  for (const auto& item : list) parts.push_back(evaluate(item, where));
  return geo::union_all(parts);
}

const geo::Geometry& Composer::feature_geometry(const std::string& reference, const std::string& where) {
  if (const auto it = done_.find(reference); it != done_.end()) return it->second;
  const auto slash = reference.find('/');
  if (slash == std::string::npos) throw DefinitionError(where, "feature reference must be LAYER/ID, got '" + reference + "'");
  const std::string layer_id = reference.substr(0, slash);
  const std::string feature_id = reference.substr(slash + 1);
  const auto layer = layers_.find(layer_id);
  if (layer == layers_.end()) throw DefinitionError(where, "unknown layer '" + layer_id + "' in '" + reference + "'");
  const auto& features = layer->second->features;
  const auto feature = std::find_if(features.begin(), features.end(), [&](const FeatureDef& f) { return f.id == feature_id; });
  if (feature == features.end()) throw DefinitionError(where, "unknown feature '" + reference + "'");
  if (!in_progress_.insert(reference).second) throw DefinitionError(where, "circular reference through '" + reference + "'");
  geo::Geometry geometry = finish(*layer->second, *feature, evaluate(feature->geometry, feature->where));
  in_progress_.erase(reference);
  return done_.emplace(reference, std::move(geometry)).first->second;
}

geo::Geometry Composer::evaluate(const YAML::Node& expression, const std::string& where) {
  if (!expression.IsMap() || expression.size() != 1) {
    throw DefinitionError(where, "a geometry expression is a map with exactly one key (see data/layout/README.md)");
  }
  const std::string op = expression.begin()->first.as<std::string>();
  const YAML::Node arg = expression.begin()->second;
  try {
    if (op == "unit") return unit(arg.as<std::string>(), where).geometry.clone();
    if (op == "units" || op == "cities" || op == "city") {
      std::vector<geo::Geometry> parts;
      std::vector<std::string> names;
      if (arg.IsSequence()) {
        for (const auto& n : arg) names.push_back(n.as<std::string>());
      } else {
        names.push_back(arg.as<std::string>());
      }
      for (const auto& name : names) {
        if (op == "units") {
          parts.push_back(unit(name, where).geometry.clone());
        } else {
          const auto members = units_.of_city(name);
          if (members.empty()) throw DefinitionError(where, "unknown city '" + name + "'");
          for (const auto* member : members) parts.push_back(member->geometry.clone());
        }
      }
      if (parts.empty()) throw DefinitionError(where, "'" + op + "' needs at least one name");
      return geo::union_all(parts);
    }
    if (op == "feature") return feature_geometry(arg.as<std::string>(), where).clone();
    if (op == "union") return evaluate_all_union(arg, where);
    if (op == "intersection" || op == "difference") {
      if (!arg.IsSequence() || arg.size() < 2) throw DefinitionError(where, "'" + op + "' needs at least two expressions");
      geo::Geometry result = evaluate(arg[0], where);
      for (std::size_t i = 1; i < arg.size(); ++i) {
        const geo::Geometry other = evaluate(arg[i], where);
        result = op == "intersection" ? geo::intersection(result, other) : geo::difference(result, other);
      }
      return result;
    }
    if (op == "buffer") {
      if (!arg["of"] || !arg["m"]) throw DefinitionError(where, "buffer needs 'of' and 'm'");
      const double metres = arg["m"].as<double>();
      const geo::Transformer& to_metric = geo::thread_transformer(geo::crs::kWgs84, geo::crs::kEqualArea);
      const geo::Geometry metric = to_metric.forward(evaluate(arg["of"], where));
      return to_metric.inverse(geo::buffer(metric, metres, 16));
    }
    if (op == "point") {
      const geo::XY p = position(arg, where);
      return geo::make_point(p.x, p.y);
    }
    if (op == "line") {
      const auto xy = positions(arg, where);
      if (xy.size() < 2) throw DefinitionError(where, "a line needs at least 2 positions");
      return geo::make_line(xy);
    }
    if (op == "lines") {
      std::vector<geo::Geometry> parts;
      for (const auto& part : arg) {
        const auto xy = positions(part, where);
        if (xy.size() < 2) throw DefinitionError(where, "a line needs at least 2 positions");
        parts.push_back(geo::make_line(xy));
      }
      return geo::make_collection(std::move(parts));
    }
    if (op == "polygon") {
      const auto xy = positions(arg, where);
      if (xy.size() < 3) throw DefinitionError(where, "a polygon needs at least 3 positions");
      geo::Geometry polygon = geo::make_polygon(xy);
      if (!polygon.is_valid()) throw DefinitionError(where, "invalid polygon: " + polygon.validity_reason());
      return polygon;
    }
    if (op == "river") return river(arg, where);
    if (op == "lake") {
      const std::string text = arg.as<std::string>();
      if (text.size() < 2 || text[0] != 'L') throw DefinitionError(where, "a lake is LN, got '" + text + "'");
      const auto it = segments_.lakes.find(std::stoi(text.substr(1)));
      if (it == segments_.lakes.end()) throw DefinitionError(where, "no GSHHG lake " + text);
      geo::Geometry lake = it->second.clone();
      if (is_lineal(lake.type())) lake = geo::make_polygon(geo::coordinates(lake));  // a closed shoreline
      return lake.is_valid() ? std::move(lake) : geo::polygonal_part(geo::make_valid(lake));
    }
  } catch (const YAML::Exception& e) {
    throw DefinitionError(where, "'" + op + "': " + e.what());
  } catch (const geo::GeometryError& e) {
    throw DefinitionError(where, "'" + op + "': " + e.what());
  } catch (const geo::ProjectionError& e) {
    throw DefinitionError(where, "'" + op + "': " + e.what());
  }
  throw DefinitionError(where, "unknown geometry expression '" + op + "'");
}

geo::Geometry Composer::finish(const LayerDef& layer, const FeatureDef& feature, geo::Geometry geometry) {
  const GeometryKind kind = layer.info.geometry_kind;
  if (geometry.is_empty()) throw DefinitionError(feature.where, "geometry is empty");
  const geo::GeometryType type = geometry.type();
  if (kind == GeometryKind::Polygon) {
    geometry = geo::polygonal_part(geometry);
    if (geometry.is_empty()) {
      throw DefinitionError(feature.where, "a polygon layer needs a polygon, the expression gave " +
                                               std::string(geo::to_string(type)));
    }
  } else if (kind == GeometryKind::Line) {
    geometry = lineal_part(geometry);
    if (geometry.is_empty()) throw DefinitionError(feature.where, "a line layer needs a line, got " + std::string(geo::to_string(type)));
  } else if (kind == GeometryKind::Point && !is_puntal(type)) {
    throw DefinitionError(feature.where, "a point layer needs a point, got " + std::string(geo::to_string(type)));
  }
  if (!geometry.is_valid()) throw DefinitionError(feature.where, "invalid geometry: " + geometry.validity_reason());
  return geometry;
}

std::vector<Layer> Composer::compose() {
  std::vector<Layer> out;
  for (const auto& layer : definition_.layers) {
    std::vector<Feature> features;
    std::map<std::int64_t, std::string> fids;
    for (const auto& def : layer.features) {
      Feature feature;
      feature.id = def.id;
      feature.attributes = def.attributes;
      feature.geometry = feature_geometry(layer.info.id + "/" + def.id, def.where).clone();
      // A feature that is exactly one unit carries the unit's administrative attributes.
      if (def.geometry.IsMap() && def.geometry.size() == 1 && def.geometry["unit"]) {
        const AdminUnit& u = unit(def.geometry["unit"].as<std::string>(), def.where);
        feature.attributes.set("province", u.province);
        feature.attributes.set("city", u.city);
        feature.attributes.set("county", u.county);
        feature.attributes.set("adcode", u.adcode);
        feature.fid = u.adcode;
      } else {
        feature.fid = stable_feature_id(layer.info.id, def.id);
      }
      if (!fids.emplace(feature.fid, def.id).second) {
        throw DefinitionError(def.where, "feature id collides with '" + fids[feature.fid] + "'; rename one of them");
      }
      features.push_back(std::move(feature));
    }
    out.push_back(Layer::build(layer.info, std::move(features)));
  }
  return out;
}

}  // namespace layers::build
