#include "layers/build/units.hpp"

#include "geo/gcj02.hpp"
#include "geo/measure.hpp"
#include "geo/operations.hpp"
#include "layers/store/store_error.hpp"
#include "layers/store/store_reader.hpp"

#include <algorithm>

namespace layers::build {
const AdminUnit* UnitSet::find(const std::string& key) const {
  const auto it = std::find_if(units.begin(), units.end(), [&](const AdminUnit& u) { return u.key == key; });
  return it == units.end() ? nullptr : &*it;
}

std::vector<const AdminUnit*> UnitSet::of_city(const std::string& city) const {
  std::vector<const AdminUnit*> out;
  for (const auto& unit : units) {
    if (unit.city == city) out.push_back(&unit);
  }
  return out;
}

UnitSet load_units(const SourcesDef& sources) {
  UnitSet set;
  const bool gcj = sources.units_datum == "GCJ02";
  for (const auto& file : sources.unit_files) {
    StoreContents contents;
    try {
      contents = read_store(file.path.string());
    } catch (const StoreError& e) {
      throw DefinitionError("sources.yaml", std::string("units file ") + e.what());
    }
    for (const auto& layer : contents.layers) {
      for (const auto& feature : layer.features()) {
        AdminUnit unit;
        unit.province = file.province;
        unit.city = file.city;
        unit.county = std::string(feature.attributes.text("name").value_or(""));
        // The GeoJSON feature "id" is the unit's administrative code (GB/T 2260), e.g. 220102.
        try {
          unit.adcode = std::stoll(feature.id);
        } catch (const std::exception&) {
          throw DefinitionError(file.path.string(), "feature '" + feature.id + "' has no numeric administrative code");
        }
        unit.key = unit.city + "/" + unit.county;
        if (unit.county.empty() || feature.geometry.is_null()) {
          throw DefinitionError(file.path.string(), "feature " + std::to_string(feature.fid) + " has no name or geometry");
        }

        UnitRepair repair;
        repair.key = unit.key;
        repair.vertices_raw = feature.geometry.num_coordinates();
        geo::Geometry wgs84 = gcj ? geo::transform_xy(feature.geometry,
                                                       [](double& x, double& y) {
                                                         const geo::LonLat p = geo::gcj02_to_wgs84({x, y});
                                                         x = p.lon;
                                                         y = p.lat;
                                                         return true;
                                                       },
                                                       "GCJ-02 to WGS84")
                                  : feature.geometry.clone();
        geo::Geometry cleaned = geo::remove_repeated_points(wgs84);
        repair.vertices_kept = cleaned.num_coordinates();
        repair.area_before_km2 = geo::area_km2(cleaned);
        if (!cleaned.is_valid()) {
          repair.invalid_reason = cleaned.validity_reason();
          cleaned = geo::polygonal_part(geo::make_valid(cleaned));
        }
        repair.area_after_km2 = geo::area_km2(cleaned);
        if (cleaned.is_empty()) throw DefinitionError(file.path.string(), unit.key + ": nothing left after repair");
        unit.geometry = std::move(cleaned);
        if (set.find(unit.key) != nullptr) throw DefinitionError(file.path.string(), "unit " + unit.key + " appears twice");
        set.repairs.push_back(std::move(repair));
        set.units.push_back(std::move(unit));
      }
    }
  }
  for (const auto& move : sources.reassignments) {
    auto it = std::find_if(set.units.begin(), set.units.end(), [&](const AdminUnit& u) { return u.key == move.unit; });
    if (it == set.units.end()) throw DefinitionError("sources.yaml", "reassign: unknown unit '" + move.unit + "'");
    it->reassigned_from = it->city;
    it->city = move.to_city;
    it->key = it->city + "/" + it->county;
    for (auto& repair : set.repairs) {
      if (repair.key == move.unit) repair.key = it->key;
    }
  }
  return set;
}

}  // namespace layers::build
