#pragma once
// Checks layers against the store schema (schema.hpp): geometry present, non-empty, valid and of
// the layer's kind, coordinates on the globe, required attributes present, ids unique.
#include "layers/layer.hpp"

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

}  // namespace layers
