#include "layers/build/definition.hpp"

#include "layers/model/schema.hpp"

#include <algorithm>
#include <cmath>
#include <set>

namespace layers::build {
namespace {

namespace fs = std::filesystem;

std::string scalar(const YAML::Node& node, const std::string& where, const char* key) {
  const YAML::Node value = node[key];
  if (!value) throw DefinitionError(where, std::string("missing '") + key + "'");
  if (!value.IsScalar()) throw DefinitionError(where, std::string("'") + key + "' must be a single value");
  return value.as<std::string>();
}

// YAML scalars become typed attribute values: integers, reals, booleans, else text.
AttributeValue attribute_value(const YAML::Node& node) {
  if (node.IsNull()) return std::monostate{};
  const std::string text = node.Scalar();
  if (node.Tag() == "!") return text;  // quoted in the file: always text
  try {
    std::size_t used = 0;
    const long long integer = std::stoll(text, &used);
    if (used == text.size()) return static_cast<std::int64_t>(integer);
  } catch (const std::exception&) {
  }
  try {
    std::size_t used = 0;
    const double real = std::stod(text, &used);
    if (used == text.size() && std::isfinite(real)) return real;
  } catch (const std::exception&) {
  }
  if (text == "true" || text == "false") return text == "true";
  return text;
}

SourcesDef read_sources(const fs::path& file) {
  const std::string name = file.filename().string();
  const YAML::Node root = YAML::LoadFile(file.string());
  SourcesDef sources;
  const YAML::Node units = root["units"];
  if (!units) throw DefinitionError(name, "missing 'units'");
  sources.units_datum = scalar(units, location(name, units), "datum");
  if (sources.units_datum != "GCJ02" && sources.units_datum != "WGS84") {
    throw DefinitionError(location(name, units), "units datum must be GCJ02 or WGS84");
  }
  sources.units_source = scalar(units, location(name, units), "source");
  for (const auto& entry : units["files"]) {
    const std::string where = location(name, entry);
    sources.unit_files.push_back({file.parent_path() / scalar(entry, where, "path"), scalar(entry, where, "province"),
                                  scalar(entry, where, "city")});
  }
  for (const auto& entry : units["reassign"]) {
    const std::string where = location(name, entry);
    sources.reassignments.push_back({scalar(entry, where, "unit"), scalar(entry, where, "to"), scalar(entry, where, "reason")});
  }
  sources.rivers = file.parent_path() / scalar(root, name, "rivers");
  sources.lakes = file.parent_path() / scalar(root, name, "lakes");
  for (const auto& id : root["order"]) sources.order.push_back(id.as<std::string>());
  if (sources.order.empty()) throw DefinitionError(name, "missing 'order' (the layer ids)");
  return sources;
}

std::map<std::string, geo::LonLat> read_places(const fs::path& file) {
  std::map<std::string, geo::LonLat> places;
  if (!fs::exists(file)) return places;
  const std::string name = file.filename().string();
  const YAML::Node root = YAML::LoadFile(file.string());
  for (const auto& entry : root["places"]) {
    const std::string where = location(name, entry.second);
    const std::string place = entry.first.as<std::string>();
    const geo::LonLat p{entry.second["lon"].as<double>(), entry.second["lat"].as<double>()};
    if (!(p.lon >= -180 && p.lon <= 180 && p.lat >= -90 && p.lat <= 90)) {
      throw DefinitionError(where, "place '" + place + "' has coordinates off the globe");
    }
    if (!places.emplace(place, p).second) throw DefinitionError(where, "place '" + place + "' defined twice");
  }
  return places;
}

LayerDef read_layer(const YAML::Node& node, const std::string& file) {
  LayerDef layer;
  layer.file = file;
  const std::string where = location(file, node);
  layer.info.id = scalar(node, where, "id");
  const std::string layer_where = where + ": layer '" + layer.info.id + "'";
  layer.info.title_zh = scalar(node, layer_where, "title_zh");
  layer.info.title_en = scalar(node, layer_where, "title_en");
  try {
    layer.info.geometry_kind = geometry_kind_from_string(scalar(node, layer_where, "geometry"));
  } catch (const std::invalid_argument& e) {
    throw DefinitionError(layer_where, e.what());
  }
  const YAML::Node defaults = node["defaults"];
  std::set<std::string> ids;
  for (const auto& feature_node : node["features"]) {
    FeatureDef feature;
    const std::string at = location(file, feature_node) + ": layer '" + layer.info.id + "'";
    feature.id = scalar(feature_node, at, "id");
    feature.where = at + " feature '" + feature.id + "'";
    if (!ids.insert(feature.id).second) throw DefinitionError(feature.where, "duplicate feature id");
    if (defaults) {
      for (const auto& item : defaults) feature.attributes.set(item.first.as<std::string>(), attribute_value(item.second));
    }
    for (const auto& item : feature_node) {
      const std::string key = item.first.as<std::string>();
      if (key == "id" || key == "geometry") continue;
      if (!item.second.IsScalar() && !item.second.IsNull()) {
        throw DefinitionError(feature.where, "attribute '" + key + "' must be a single value");
      }
      feature.attributes.set(key, attribute_value(item.second));
    }
    for (const auto required : schema::kRequired) {
      if (!feature.attributes.text(required)) {
        throw DefinitionError(feature.where, "missing required attribute '" + std::string(required) + "'");
      }
    }
    if (layer.info.geometry_kind == GeometryKind::Line && !feature.attributes.number(schema::kBand)) {
      throw DefinitionError(feature.where, "a line feature needs a numeric 'band_m'");
    }
    feature.geometry = feature_node["geometry"];
    if (!feature.geometry) throw DefinitionError(feature.where, "missing 'geometry'");
    layer.features.push_back(std::move(feature));
  }
  return layer;
}

}  // namespace

std::string location(const std::string& file, const YAML::Node& node) {
  const YAML::Mark mark = node.Mark();
  return mark.line >= 0 ? file + ":" + std::to_string(mark.line + 1) : file;
}

Definition load_definition(const fs::path& directory) {
  if (!fs::is_directory(directory)) throw DefinitionError(directory.string(), "not a directory");
  Definition definition;
  definition.directory = directory;
  std::vector<fs::path> files;
  for (const auto& entry : fs::directory_iterator(directory)) {
    if (entry.path().extension() == ".yaml") files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());  // deterministic, whatever the directory order

  const fs::path sources_file = directory / "sources.yaml";
  if (!fs::exists(sources_file)) throw DefinitionError(sources_file.string(), "missing: it names the inputs and layer order");
  std::map<std::string, LayerDef> by_id;
  std::string current = "sources.yaml";  // for YAML errors, which know the line but not the file
  try {
    definition.sources = read_sources(sources_file);
    current = "places.yaml";
    definition.places = read_places(directory / "places.yaml");
    for (const auto& file : files) {
      const std::string name = file.filename().string();
      if (name == "sources.yaml" || name == "places.yaml") continue;
      current = name;
      const YAML::Node root = YAML::LoadFile(file.string());
      if (!root["layers"]) throw DefinitionError(name, "no 'layers' list");
      for (const auto& node : root["layers"]) {
        LayerDef layer = read_layer(node, name);
        const auto& order = definition.sources.order;
        if (std::find(order.begin(), order.end(), layer.info.id) == order.end()) {
          throw DefinitionError(location(name, node), "unknown layer '" + layer.info.id + "' (not in sources.yaml order)");
        }
        const std::string id = layer.info.id;
        if (!by_id.emplace(id, std::move(layer)).second) throw DefinitionError(location(name, node), "layer '" + id + "' defined twice");
      }
    }
  } catch (const YAML::Exception& e) {
    throw DefinitionError(current, std::string("YAML: ") + e.what());
  }
  for (const auto& id : definition.sources.order) {
    auto it = by_id.find(id);
    if (it == by_id.end()) throw DefinitionError("sources.yaml", "layer '" + id + "' is in order but defined nowhere");
    definition.layers.push_back(std::move(it->second));
  }
  return definition;
}

}  // namespace layers::build
