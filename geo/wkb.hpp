#pragma once
// Well-known binary and text in and out. Readers and writers are per call: they are cheap, and a
// GEOS reader/writer object must not be shared between threads.
#include "geo/geometry.hpp"

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace geo {

Geometry from_wkb(std::span<const std::uint8_t> wkb);
std::vector<std::uint8_t> to_wkb(const Geometry& geometry);  // little-endian, 2D

Geometry from_wkt(std::string_view wkt);
// `decimals` < 0 keeps full precision; trailing zeros are trimmed either way.
std::string to_wkt(const Geometry& geometry, int decimals = -1);

}  // namespace geo
