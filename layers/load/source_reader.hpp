#pragma once
// Reading the source of a load: any OGR datasource, one of its layers, its CRS (or --s_srs), and
// every feature reprojected to EPSG:4326 lon/lat with PROJ (through GDAL, traditional GIS axis
// order, so EPSG:4326/4490 sources come in lon/lat). A source that cannot be opened or read to the
// end, or that has no CRS, is a LoadError: nothing is loaded from half a file.
#include "geo/coord.hpp"
#include "geo/geometry.hpp"
#include "layers/model/attributes.hpp"
#include "layers/load/load_options.hpp"

#include <gdal_priv.h>
#include <ogrsf_frmts.h>

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace layers::load {

// What the region diagnosis needs to know about the source's coordinates.
struct SourceCrs {
  std::string name;  // "EPSG:4530 CGCS2000 / 3-degree Gauss-Kruger zone 42"
  bool projected = false;
  double false_easting = 0;  // 42500000 for a zone-prefixed Gauss–Krüger CRS, 500000 without
  bool from_option = false;  // given with --s_srs
  std::string overridden;    // the source's own CRS when --s_srs replaced it
};

struct SourceInfo {
  std::string driver;                             // "ESRI Shapefile"
  std::string layer_name;                         // the source layer read
  OGRwkbGeometryType geometry_type = wkbUnknown;  // as the source declares it
  std::vector<std::string> fields;                // source field names in order
  std::int64_t feature_count = 0;  // -1 when the driver cannot count
  SourceCrs crs;
  std::vector<std::string> warnings;  // what GDAL warned about while reading (filled by for_each)
};

struct SourceFeature {
  std::int64_t fid = 0;           // the source's feature id (record number in a Shapefile)
  Attributes values;              // by source field name
  geo::Geometry geometry;         // EPSG:4326 lon/lat; null when the feature has none or it failed below
  geo::Envelope source_envelope;  // in the source CRS, before reprojection
  bool unprojectable = false;     // PROJ could not reproject it to EPSG:4326
  std::string geometry_error;     // why the geometry could not be converted
};

class SourceReader {
 public:
  // Opens the datasource and picks the layer; throws LoadError (no such file, not a vector
  // datasource, several layers and no --src-layer, no CRS, unknown --s_srs).
  explicit SourceReader(const LoadOptions& options);
  SourceReader(const SourceReader&) = delete;
  SourceReader& operator=(const SourceReader&) = delete;
  ~SourceReader();

  [[nodiscard]] const SourceInfo& info() const noexcept { return info_; }
  // Calls `visit` for every feature in order. Throws LoadError when GDAL fails to read a feature
  // (a truncated or corrupt file).
  void for_each(const std::function<void(SourceFeature&&)>& visit);

 private:
  std::string path_;
  GDALDatasetUniquePtr dataset_;
  OGRLayer* layer_ = nullptr;
  std::unique_ptr<OGRCoordinateTransformation> to_wgs84_;
  SourceInfo info_;
};

}  // namespace layers::load
