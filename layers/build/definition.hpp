#pragma once
// The layout definition (data/layout/*.yaml, format in data/layout/README.md) as parsed values.
// Geometry expressions stay YAML nodes until the Composer evaluates them.
#include "geo/coord.hpp"
#include "layers/model/attributes.hpp"
#include "layers/model/layer.hpp"

#include <yaml-cpp/yaml.h>

#include <filesystem>
#include <map>
#include <stdexcept>
#include <string>
#include <vector>

namespace layers::build {

// A definition problem, located: "groups.yaml:23: feature 'changji': unknown unit '长春市/九台'".
class DefinitionError : public std::runtime_error {
 public:
  DefinitionError(const std::string& where, const std::string& reason) : std::runtime_error(where + ": " + reason) {}
};

// "file.yaml:LINE" for a node (yaml-cpp lines are 0-based).
std::string location(const std::string& file, const YAML::Node& node);

struct FeatureDef {
  std::string id;
  Attributes attributes;  // everything but id and geometry, in file order
  YAML::Node geometry;
  std::string where;  // "groups.yaml:23: layer 'groups' feature 'changji'"
};

struct LayerDef {
  LayerInfo info;
  std::vector<FeatureDef> features;
  std::string file;
};

struct UnitFile {
  std::filesystem::path path;
  std::string province;
  std::string city;
};

struct Reassignment {
  std::string unit;  // "四平市/公主岭市"
  std::string to_city;
  std::string reason;
};

struct SourcesDef {
  std::string units_datum;  // "GCJ02" or "WGS84"
  std::string units_source;  // provenance text stamped on admin features
  std::vector<UnitFile> unit_files;
  std::vector<Reassignment> reassignments;
  std::filesystem::path rivers;
  std::filesystem::path lakes;
  std::vector<std::string> order;  // layer ids, catalogue order
};

struct Definition {
  std::filesystem::path directory;
  SourcesDef sources;
  std::map<std::string, geo::LonLat> places;
  std::vector<LayerDef> layers;  // in `order`
};

// Reads every *.yaml in `directory`. Throws DefinitionError naming file, line, feature and reason.
Definition load_definition(const std::filesystem::path& directory);

}  // namespace layers::build
