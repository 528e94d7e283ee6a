#include "layers/store/store_report.hpp"

#include "layers/model/schema.hpp"

#include <cstdio>
#include <string>

namespace layers {
namespace {

std::string format_bbox(const geo::Envelope& env) {
  if (env.is_null()) return "empty";
  char text[128];
  std::snprintf(text, sizeof text, "%.4f,%.4f,%.4f,%.4f", env.min_x, env.min_y, env.max_x, env.max_y);
  return text;
}

}  // namespace

void print_info(std::ostream& out, const std::string& store, const StoreContents& contents) {
  std::size_t features = 0;
  for (const auto& layer : contents.layers) features += layer.features().size();
  out << "store " << store << " (" << contents.driver << "): " << contents.layers.size() << " layers, " << features
      << " features, revision " << contents.revision << "\n";
  for (const auto& layer : contents.layers) {
    const LayerInfo& info = layer.info();
    out << "\n" << info.id << "  " << info.title_zh << " / " << info.title_en << "  " << to_string(info.geometry_kind)
        << "  " << layer.features().size() << " features  bbox " << format_bbox(layer.bounds()) << "\n";
    std::string line = "  ";
    for (const auto& feature : layer.features()) {
      const auto name = feature.attributes.text(schema::kNameZh);
      const std::string label = name ? std::string(*name) : feature.id;
      if (line.size() > 2 && line.size() + label.size() > 100) {
        out << line << "\n";
        line = "  ";
      }
      line += (line.size() > 2 ? "、" : "") + label;
    }
    if (line.size() > 2) out << line << "\n";
  }
}

void print_validation(std::ostream& out, const std::string& store, const ValidationReport& report) {
  for (const auto& issue : report.issues) {
    out << (issue.severity == ValidationIssue::Severity::Error ? "error" : "warning") << ": " << store << ": layer '"
        << issue.layer << "'";
    if (!issue.feature.empty()) out << " feature '" << issue.feature << "'";
    out << ": " << issue.reason << "\n";
  }
  out << store << ": " << (report.ok() ? "valid" : "INVALID") << " (" << report.errors() << " errors, "
      << report.warnings() << " warnings)\n";
}

}  // namespace layers
