#pragma once
// Reads a layoutd store from any OGR datasource: a GeoPackage path (the default), a PostGIS
// connection string ("PG:host=... dbname=..."), or anything else GDAL opens. Geometry comes back in
// EPSG:4326 lon/lat whatever the layer's CRS; a layer without a CRS is refused.
#include "layers/model/layer.hpp"

#include <cstdint>
#include <string>
#include <vector>

namespace layers {

struct StoreContents {
  std::string driver;         // GDAL driver short name, e.g. "GPKG"
  std::vector<Layer> layers;  // catalogue order; features in fid order
  std::int64_t revision = 0;  // layoutd_meta's revision row; 0 when the store has none
};

// Opens read-only; never creates or modifies anything. Throws StoreError.
StoreContents read_store(const std::string& connection);

}  // namespace layers
