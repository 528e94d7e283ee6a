#include "layers/build/build_store.hpp"

#include "geo/measure.hpp"
#include "layers/build/composer.hpp"
#include "layers/build/definition.hpp"
#include "layers/build/segments.hpp"
#include "layers/build/units.hpp"
#include "layers/store/store_writer.hpp"
#include "layers/model/schema.hpp"
#include "layers/model/validate.hpp"

#include <cstdio>
#include <map>
#include <sstream>

namespace layers::build {
namespace {

std::string fixed(double value, int decimals) {
  char text[64];
  std::snprintf(text, sizeof text, "%.*f", decimals, value);
  return text;
}

void report_units(std::ostream& out, const SourcesDef& sources, const UnitSet& units) {
  std::size_t raw = 0;
  std::size_t kept = 0;
  std::size_t repaired = 0;
  for (const auto& r : units.repairs) {
    raw += static_cast<std::size_t>(r.vertices_raw);
    kept += static_cast<std::size_t>(r.vertices_kept);
    if (!r.invalid_reason.empty()) ++repaired;
  }
  out << "units: " << units.units.size() << " from " << sources.unit_files.size() << " files, datum "
      << sources.units_datum << (sources.units_datum == "GCJ02" ? " converted to WGS84" : "") << "\n";
  out << "  consecutive duplicate vertices dropped: " << (raw - kept) << " of " << raw << " ("
      << fixed(100.0 * static_cast<double>(raw - kept) / static_cast<double>(std::max<std::size_t>(raw, 1)), 1) << "%)\n";
  out << "  invalid after cleaning, repaired with MakeValid(structure): " << repaired << " of " << units.units.size();
  std::map<std::string, std::pair<int, int>> by_province;  // repaired, total
  for (std::size_t i = 0; i < units.units.size(); ++i) {
    auto& [fixed_count, total] = by_province[units.units[i].province];
    ++total;
    if (!units.repairs[i].invalid_reason.empty()) ++fixed_count;
  }
  for (const auto& [province, counts] : by_province) out << "; " << province << " " << counts.first << "/" << counts.second;
  out << "\n";
  for (const auto& r : units.repairs) {
    if (r.invalid_reason.empty()) continue;
    out << "    " << r.key << ": " << r.invalid_reason << "; area " << fixed(r.area_before_km2, 2) << " -> "
        << fixed(r.area_after_km2, 2) << " km2\n";
  }
  for (const auto& unit : units.units) {
    if (!unit.reassigned_from.empty()) out << "  reassigned: " << unit.county << " " << unit.reassigned_from << " -> " << unit.city << "\n";
  }
}

void report_layers(std::ostream& out, const std::vector<Layer>& layers) {
  for (const auto& layer : layers) {
    out << "layer " << layer.id() << " (" << layer.info().title_zh << "): " << layer.features().size() << " features\n";
    if (layer.info().geometry_kind != GeometryKind::Polygon || layer.id() == schema::kAdminLayer) continue;
    for (const auto& feature : layer.features()) {
      out << "    " << feature.id << " " << feature.attributes.text(schema::kNameZh).value_or("") << ": "
          << fixed(geo::area_km2(feature.geometry), 1) << " km2\n";
    }
  }
}

}  // namespace

void build_store(const BuildOptions& options, std::ostream& report) {
  const Definition definition = load_definition(options.definition_dir);
  const UnitSet units = load_units(definition.sources);
  const SegmentSet segments = load_segments(definition.sources.rivers, definition.sources.lakes);
  report_units(report, definition.sources, units);
  report << "gshhg: " << segments.rivers.size() << " river segments, " << segments.lakes.size() << " lakes\n";

  Composer composer(definition, units, segments);
  const std::vector<Layer> layers = composer.compose();
  report_layers(report, layers);

  const ValidationReport validation = validate(layers);
  if (!validation.ok()) {
    std::ostringstream problems;
    for (const auto& issue : validation.issues) {
      if (issue.severity != ValidationIssue::Severity::Error) continue;
      problems << "\n  layer '" << issue.layer << "' feature '" << issue.feature << "': " << issue.reason;
    }
    throw DefinitionError(options.definition_dir.string(), "composed layers are invalid:" + problems.str());
  }
  write_store(layers, options.output.string(), WriteOptions{"", options.timestamp});
  report << "wrote " << options.output.string() << "\n";
}

}  // namespace layers::build
