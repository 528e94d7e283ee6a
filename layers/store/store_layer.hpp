#pragma once
// The GDAL-level pieces of the store reader, for code that already holds the store open (`layoutctl
// load` reads the target layer inside its own session): the catalogue table, a layer's geometry
// kind, and one layer read into the model.
#include "layers/model/layer.hpp"

#include <gdal_priv.h>
#include <ogrsf_frmts.h>

#include <map>
#include <optional>
#include <string>

namespace layers {

struct CatalogueEntry {
  LayerInfo info;
  int position = 0;
};

// The rows of layoutd_catalogue by layer id; empty when the table is absent. Throws
// std::invalid_argument for an unknown geometry_kind.
std::map<std::string, CatalogueEntry> read_catalogue(GDALDataset& dataset);

// The kind a layer's declared OGR geometry type stands for (Mixed for unknown/collections).
GeometryKind kind_of(OGRwkbGeometryType type);

// Every feature of `source` in EPSG:4326, `info` from the catalogue entry when there is one.
// Throws StoreError naming `connection`, the layer and the feature.
Layer read_layer(OGRLayer& source, const std::string& connection, const std::optional<LayerInfo>& catalogued);

}  // namespace layers
