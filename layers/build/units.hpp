#pragma once
// The county-level units: read from the source files through GDAL, converted to WGS84 (the
// echarts data is GCJ-02), cleaned (consecutive duplicate vertices dropped) and repaired with GEOS
// MakeValid (structure method). Every repair is recorded for the build report.
#include "geo/geometry.hpp"
#include "layers/build/definition.hpp"

#include <map>
#include <string>
#include <vector>

namespace layers::build {

struct AdminUnit {
  std::string key;  // "长春市/南关区"
  std::string province;
  std::string city;
  std::string county;
  std::int64_t adcode = 0;
  std::string reassigned_from;  // the city the source lists it under, when moved
  geo::Geometry geometry;       // WGS84, valid, (Multi)Polygon
};

struct UnitRepair {
  std::string key;
  int vertices_raw = 0;
  int vertices_kept = 0;  // after dropping consecutive duplicates
  std::string invalid_reason;  // empty if it was valid after cleaning
  double area_before_km2 = 0;  // of the cleaned geometry, as GEOS measures an invalid one
  double area_after_km2 = 0;
};

struct UnitSet {
  std::vector<AdminUnit> units;  // source order
  std::vector<UnitRepair> repairs;  // one per unit
  [[nodiscard]] const AdminUnit* find(const std::string& key) const;
  [[nodiscard]] std::vector<const AdminUnit*> of_city(const std::string& city) const;
};

UnitSet load_units(const SourcesDef& sources);

}  // namespace layers::build
