#include "layers/build/segments.hpp"

#include "geo/operations.hpp"
#include "layers/build/definition.hpp"
#include "layers/store/store_error.hpp"
#include "layers/store/store_reader.hpp"

namespace layers::build {
namespace {

std::map<int, geo::Geometry> read_indexed(const std::filesystem::path& path) {
  std::map<int, geo::Geometry> out;
  StoreContents contents;
  try {
    contents = read_store(path.string());
  } catch (const StoreError& e) {
    throw DefinitionError("sources.yaml", e.what());
  }
  for (const auto& layer : contents.layers) {
    for (const auto& feature : layer.features()) {
      const auto index = feature.attributes.number("segment_index");
      if (!index || feature.geometry.is_null() || feature.geometry.is_empty()) continue;
      out.emplace(static_cast<int>(*index), feature.geometry.clone());
    }
  }
  return out;
}

}  // namespace

SegmentSet load_segments(const std::filesystem::path& rivers, const std::filesystem::path& lakes) {
  SegmentSet set;
  set.rivers = read_indexed(rivers);
  set.lakes = read_indexed(lakes);
  return set;
}

}  // namespace layers::build
