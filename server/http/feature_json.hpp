#pragma once
// Features as JSON: the properties object (id first, then the store's attributes in their order)
// and GeoJSON Features. Shared by the query API and OGC API – Features so both show the same fields.
#include "layers/model/feature.hpp"

#include "server/http/json_response.hpp"

namespace server {

Json attribute_json(const layers::AttributeValue& value);
Json properties_json(const layers::Feature& feature);

// A GeoJSON Feature with "id" = the store's integer fid (what OGC API clients use in
// /items/{fid}) and the slug in properties.id. Coordinates rounded to `decimals` (7 ≈ 1 cm).
Json feature_geojson(const layers::Feature& feature, int decimals = 7);

}  // namespace server
