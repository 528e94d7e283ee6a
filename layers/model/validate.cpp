#include "layers/model/validate.hpp"

#include "geo/error.hpp"
#include "geo/operations.hpp"
#include "layers/model/region.hpp"
#include "layers/model/schema.hpp"

#include <algorithm>
#include <cmath>
#include <set>

namespace layers {
namespace {

void check_geometry(const Layer& layer, const Feature& feature, std::vector<ValidationIssue>& out) {
  auto error = [&](std::string reason) {
    out.push_back({ValidationIssue::Severity::Error, layer.id(), feature.id, std::move(reason)});
  };
  if (feature.geometry.is_null()) return error("no geometry");
  try {
    if (feature.geometry.is_empty()) return error("empty geometry");
    const geo::GeometryType type = feature.geometry.type();
    if (!kind_accepts(layer.info().geometry_kind, type)) {
      error("geometry type " + std::string(geo::to_string(type)) + " in a " +
            std::string(to_string(layer.info().geometry_kind)) + " layer");
    }
    const geo::Envelope env = feature.geometry.envelope();
    if (!std::isfinite(env.min_x) || !std::isfinite(env.max_y) || env.min_x < -180 || env.max_x > 180 ||
        env.min_y < -90 || env.max_y > 90) {
      error("coordinates outside lon/lat range: projected numbers in an EPSG:4326 layer (ogr2ogr -append without "
            "-t_srs EPSG:4326?)");
    } else if (auto problem = region_problem(env)) {
      error("geometry " + *problem);
    }
    if (!feature.geometry.is_valid()) error("invalid geometry: " + feature.geometry.validity_reason());
  } catch (const geo::GeometryError& e) {
    error(std::string("geometry check failed: ") + e.what());
  }
}

void check_attributes(const Layer& layer, const Feature& feature, std::vector<ValidationIssue>& out) {
  for (auto& reason : attribute_problems(layer.info().geometry_kind, feature.attributes)) {
    out.push_back({ValidationIssue::Severity::Error, layer.id(), feature.id, std::move(reason)});
  }
}

}  // namespace

bool kind_accepts(GeometryKind kind, geo::GeometryType type) {
  using T = geo::GeometryType;
  switch (kind) {
    case GeometryKind::Point: return type == T::Point || type == T::MultiPoint;
    case GeometryKind::Line: return type == T::LineString || type == T::MultiLineString;
    case GeometryKind::Polygon: return type == T::Polygon || type == T::MultiPolygon;
    case GeometryKind::Mixed: return true;
  }
  return true;
}

std::vector<std::string> attribute_problems(GeometryKind kind, const Attributes& attributes) {
  std::vector<std::string> problems;
  for (const auto name : schema::kRequired) {
    if (!attributes.text(name)) problems.push_back("missing required attribute '" + std::string(name) + "'");
  }
  if (const auto precision = attributes.text("precision")) {
    const auto& allowed = schema::kPrecisionValues;
    if (std::find(allowed.begin(), allowed.end(), *precision) == allowed.end()) {
      problems.push_back("precision '" + std::string(*precision) + "' is not one of surveyed, derived, schematic");
    }
  }
  if (kind == GeometryKind::Line) {
    const auto band = attributes.number(schema::kBand);
    if (!band || !(*band > 0)) problems.push_back("line feature needs a positive '" + std::string(schema::kBand) + "'");
  }
  return problems;
}

std::size_t ValidationReport::errors() const noexcept {
  return static_cast<std::size_t>(std::count_if(issues.begin(), issues.end(), [](const auto& i) {
    return i.severity == ValidationIssue::Severity::Error;
  }));
}

std::size_t ValidationReport::warnings() const noexcept { return issues.size() - errors(); }

ValidationReport validate(std::span<const Layer> layers) {
  ValidationReport report;
  std::set<std::string> layer_ids;
  for (const auto& layer : layers) {
    if (!layer_ids.insert(layer.id()).second) {
      report.issues.push_back({ValidationIssue::Severity::Error, layer.id(), "", "duplicate layer id"});
    }
    if (layer.features().empty()) {
      report.issues.push_back({ValidationIssue::Severity::Warning, layer.id(), "", "layer has no features"});
    }
    if (layer.info().title_zh == layer.id() && layer.info().title_en == layer.id()) {
      report.issues.push_back({ValidationIssue::Severity::Warning, layer.id(), "",
                               "layer is not listed in " + std::string(schema::kCatalogueTable) + " (no titles)"});
    }
    std::set<std::string> feature_ids;
    for (const auto& feature : layer.features()) {
      if (!feature_ids.insert(feature.id).second) {
        report.issues.push_back({ValidationIssue::Severity::Error, layer.id(), feature.id, "duplicate feature id"});
      }
      check_geometry(layer, feature, report.issues);
      check_attributes(layer, feature, report.issues);
    }
  }
  return report;
}

}  // namespace layers
