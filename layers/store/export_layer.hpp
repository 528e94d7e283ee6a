#pragma once
// `layoutctl export`: one store layer, every feature with all its attributes, to any OGR vector
// format GDAL can create (GeoPackage, Shapefile, GeoJSON, KML, FileGDB, FlatGeobuf, CSV...),
// optionally reprojected. GDAL's own translation (the library behind ogr2ogr) does the work, so the
// result is what ogr2ogr would write. OUT is replaced only when the export completes: GDAL writes
// into a fresh directory beside it, whose files are then moved into place.
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

namespace layers {

struct ExportLayerOptions {
  std::string store = "data/layout.gpkg";
  std::string layer;
  std::filesystem::path out;
  std::string driver;      // GDAL driver short name; empty: from OUT's extension
  std::string target_srs;  // e.g. "EPSG:4530"; empty: as stored (EPSG:4326)
};

struct ExportLayerResult {
  std::string driver;
  std::int64_t features = 0;
  // What GDAL warned about: a Shapefile truncates text to 254 bytes and field names to 10 characters.
  std::vector<std::string> warnings;
};

// Throws StoreError (store, layer or output problems) or std::invalid_argument (unknown driver or
// CRS, a driver that cannot write vectors).
ExportLayerResult export_layer(const ExportLayerOptions& options);

}  // namespace layers
