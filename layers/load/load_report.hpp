#pragma once
// What a load did, or would do (--dry-run), or why it wrote nothing: printed for GIS staff, one
// finding per line, prefixed so that grep finds them ("rejected:", "repaired:").
#include <cstdint>
#include <ostream>
#include <string>
#include <vector>

namespace layers::load {

struct FeatureNote {
  std::int64_t fid = 0;  // the source's feature id
  std::string id;        // the feature's id in the layer (may be empty for a rejected feature)
  std::string text;
};

struct LoadReport {
  std::string source;               // the datasource, its layer, driver, count and CRS
  std::string target;               // the store, its layer, kind, count, revision and the mode
  std::vector<std::string> fields;  // where each target field's values come from
  std::vector<std::string> notes;   // things the user should know (ids derived, CRS overridden...)
  std::vector<FeatureNote> repaired;
  std::vector<FeatureNote> rejected;
  std::size_t read = 0;
  std::size_t loaded = 0;   // features written (or that would be)
  std::size_t updated = 0;  // of them, replacing a stored feature with the same id (same fid)
  std::size_t added = 0;
  std::size_t removed = 0;  // stored features the replace deleted
  std::size_t kept = 0;     // stored features kept because their replacement was rejected
  bool dry_run = false;
  bool written = false;
  std::string refusal;  // why nothing was written; empty when written or a dry run that would write
  std::int64_t revision_before = 0;
  std::int64_t revision_after = 0;
  std::string store;
  std::string layer;
};

void print_report(std::ostream& out, const LoadReport& report);

}  // namespace layers::load
