#pragma once
// Which features of a layer an items request selects: all of them, or those whose geometry
// intersects the bbox (boundary contact counts, as in the spec's "intersects").
#include "geo/coord.hpp"
#include "layers/model/layer.hpp"

#include <cstdint>
#include <optional>
#include <vector>

namespace server {

// Positions in layer.features(), ascending: pages cut from this list are stable across requests
// of the same snapshot.
std::vector<std::uint32_t> select_features(const layers::Layer& layer, const std::optional<geo::Envelope>& bbox);

}  // namespace server
