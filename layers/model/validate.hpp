#pragma once
// Checks layers against the store schema (schema.hpp): geometry present, non-empty, valid and of
// the layer's kind, coordinates on the globe and inside the region (region.hpp), required
// attributes present, ids unique.
#include "layers/model/layer.hpp"

#include <span>
#include <string>
#include <vector>

namespace layers {

struct ValidationIssue {
  enum class Severity { Warning, Error };
  Severity severity = Severity::Error;
  std::string layer;
  std::string feature;  // empty for a layer-level issue
  std::string reason;
};

struct ValidationReport {
  std::vector<ValidationIssue> issues;
  [[nodiscard]] std::size_t errors() const noexcept;
  [[nodiscard]] std::size_t warnings() const noexcept;
  [[nodiscard]] bool ok() const noexcept { return errors() == 0; }
};

ValidationReport validate(std::span<const Layer> layers);

// The per-feature rules, shared with `layoutctl load` so both apply the same schema.
// Whether a layer of `kind` takes a geometry of `type` (Multi* included; Mixed takes anything).
bool kind_accepts(GeometryKind kind, geo::GeometryType type);
// Required attributes present and non-empty, precision one of the allowed values, band_m > 0 on
// line layers: one sentence per problem, none when the attributes conform.
std::vector<std::string> attribute_problems(GeometryKind kind, const Attributes& attributes);

}  // namespace layers
