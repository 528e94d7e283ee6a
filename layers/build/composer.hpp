#pragma once
// Evaluates the definition's geometry expressions (data/layout/README.md) into layers. Pure
// composition on already-loaded inputs: units, GSHHG segments, places. Feature references are
// resolved on demand with cycle detection, so files and features may refer to each other in any order.
#include "layers/build/definition.hpp"
#include "layers/build/segments.hpp"
#include "layers/build/units.hpp"
#include "layers/model/layer.hpp"

#include <map>
#include <set>
#include <string>
#include <vector>

namespace layers::build {

class Composer {
 public:
  Composer(const Definition& definition, const UnitSet& units, const SegmentSet& segments);

  // Every layer of the definition, in catalogue order. Throws DefinitionError.
  std::vector<Layer> compose();

 private:
  geo::Geometry evaluate(const YAML::Node& expression, const std::string& where);
  geo::Geometry evaluate_all_union(const YAML::Node& list, const std::string& where);
  const geo::Geometry& feature_geometry(const std::string& reference, const std::string& where);
  geo::Geometry finish(const LayerDef& layer, const FeatureDef& feature, geo::Geometry geometry);
  geo::XY position(const YAML::Node& node, const std::string& where) const;
  std::vector<geo::XY> positions(const YAML::Node& list, const std::string& where) const;
  geo::Geometry river(const YAML::Node& list, const std::string& where) const;
  const AdminUnit& unit(const std::string& key, const std::string& where) const;

  const Definition& definition_;
  const UnitSet& units_;
  const SegmentSet& segments_;
  std::map<std::string, const LayerDef*> layers_;
  std::map<std::string, geo::Geometry> done_;  // "layer/id" → finished geometry
  std::set<std::string> in_progress_;
};

// Stable positive 31-bit feature id from "layer/id" (FNV-1a): survives reordering and edits of
// other features, fits JavaScript numbers, and MVT feature ids.
std::int64_t stable_feature_id(const std::string& layer_id, const std::string& feature_id);

}  // namespace layers::build
