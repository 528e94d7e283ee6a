#pragma once
// The region every feature of a layoutd store lies in: a generous lon/lat box around the 长春都市圈,
// Jilin province and its neighbours (Liaoning's north, Inner Mongolia's east, Heilongjiang's south).
// A feature outside it is almost always a CRS mistake (swapped axes, projected coordinates read as
// degrees, the wrong Gauss–Krüger zone), which is why the reason says what the coordinates look like.
#include "geo/coord.hpp"

#include <optional>
#include <string>

namespace layers {

inline constexpr geo::Envelope kRegion{115.0, 38.0, 135.0, 50.0};

// Why a lon/lat envelope is not inside kRegion, or nullopt when it is.
std::optional<std::string> region_problem(const geo::Envelope& lonlat);

// Whether the envelope would lie inside kRegion with x and y swapped (latitude given as x).
bool fits_swapped(const geo::Envelope& lonlat);

}  // namespace layers
