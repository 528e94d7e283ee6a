#pragma once
// Writes layers to a new OGR datasource. The driver is chosen by the destination's extension
// (.gpkg → GPKG, the default store; .geojson, .fgb, .sqlite, .shp ...) unless named. Single-file
// destinations are written to a temporary file beside the target and renamed over it only when
// complete, so a failed write never leaves a half-written store behind.
#include "layers/model/layer.hpp"

#include <span>
#include <string>

namespace layers {

struct WriteOptions {
  std::string driver;  // empty: from the extension
  // GeoPackage stamps a modification time into gpkg_contents; a fixed value makes builds
  // byte-reproducible. Empty: the current time.
  std::string timestamp;
};

// Throws StoreError (with the layer and feature when one is to blame).
void write_store(std::span<const Layer> layers, const std::string& destination, const WriteOptions& options = {});

// "GPKG" for "x.gpkg", ...; throws StoreError for an extension with no known vector driver.
std::string driver_for(const std::string& destination);

}  // namespace layers
