#pragma once
// GSHHG river lines and lake polygons, addressed as r<N> / L<N> by their segment_index.
#include "geo/geometry.hpp"

#include <filesystem>
#include <map>

namespace layers::build {

struct SegmentSet {
  std::map<int, geo::Geometry> rivers;
  std::map<int, geo::Geometry> lakes;
};

SegmentSet load_segments(const std::filesystem::path& rivers, const std::filesystem::path& lakes);

}  // namespace layers::build
