#pragma once
// The store layer a load writes into, as it is before the load: its kind (from the catalogue), its
// declared geometry type and fields, its features (ids, fids and attributes, for updates in place
// and carried-over attributes), and the store revision the load starts from.
#include "layers/model/layer.hpp"
#include "layers/load/attribute_mapping.hpp"

#include <gdal_priv.h>

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace layers::load {

struct TargetLayer {
  LayerInfo info;
  OGRwkbGeometryType geometry_type = wkbUnknown;
  std::vector<TargetField> fields;  // every field of the layer, `id` included, in the layer's order
  Layer stored;                     // the features as they are
  std::map<std::string, std::size_t, std::less<>> by_id;  // index into stored.features()
  std::int64_t revision = 0;

  [[nodiscard]] const Feature* find(std::string_view id) const noexcept;
};

// Reads layer `layer_id` of the open store. Throws LoadError when the layer is absent (load creates
// no layers), is not in EPSG:4326, or lacks a field the schema requires.
TargetLayer read_target(GDALDataset& store, const std::string& connection, const std::string& layer_id);

}  // namespace layers::load
