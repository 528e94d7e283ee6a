#pragma once
#include "geo/geometry.hpp"
#include "layers/model/attributes.hpp"

#include <cstdint>
#include <string>

namespace layers {

// One feature of a layer: geometry always in EPSG:4326 lon/lat.
struct Feature {
  std::int64_t fid = 0;  // the store's numeric id: stable integer ids for tiles and OGC API
  std::string id;        // the stable slug GIS staff and the API use ("changji-group")
  Attributes attributes; // everything else, `id` excluded
  geo::Geometry geometry;
};

}  // namespace layers
