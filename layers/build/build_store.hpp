#pragma once
// `layoutctl build`: definition directory in, validated store out, with a report of what the build
// did to the sources (GCJ-02 conversion, vertices dropped, repairs) and what it produced.
#include <filesystem>
#include <ostream>

namespace layers::build {

struct BuildOptions {
  std::filesystem::path definition_dir;
  std::filesystem::path output;
  // Stamped into the GeoPackage so that the same definition yields the same bytes.
  std::string timestamp = "2025-09-28T00:00:00Z";
};

// Throws DefinitionError (bad definition or composed layers that fail validation) or StoreError;
// in either case nothing is written.
void build_store(const BuildOptions& options, std::ostream& report);

}  // namespace layers::build
