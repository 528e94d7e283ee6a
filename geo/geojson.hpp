#pragma once
// GeoJSON (RFC 7946) geometry in and out, via nlohmann::json. Input errors throw GeometryError with
// a message that points at the offending member ("Polygon ring 0: a ring needs at least 4 positions"),
// because these messages end up in HTTP 400 details and CLI reports.
#include "geo/geometry.hpp"

#include <nlohmann/json_fwd.hpp>

namespace geo {

// Accepts a geometry object, or a Feature (its geometry is taken). Positions may carry a third
// ordinate, which is dropped; non-finite numbers are rejected.
Geometry from_geojson(const nlohmann::json& object);

// Coordinates are rounded to `decimals` places (7 ≈ 1 cm in degrees); < 0 keeps full precision.
nlohmann::json to_geojson(const Geometry& geometry, int decimals = -1);

}  // namespace geo
