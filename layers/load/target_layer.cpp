#include "layers/load/target_layer.hpp"

#include "layers/store/gdal_support.hpp"
#include "layers/load/load_options.hpp"
#include "layers/model/schema.hpp"
#include "layers/store/store_error.hpp"
#include "layers/store/store_layer.hpp"
#include "layers/store/store_meta.hpp"

namespace layers::load {

const Feature* TargetLayer::find(std::string_view id) const noexcept {
  const auto it = by_id.find(id);
  return it == by_id.end() ? nullptr : &stored.features()[it->second];
}

TargetLayer read_target(GDALDataset& store, const std::string& connection, const std::string& layer_id) {
  OGRLayer* layer = store.GetLayerByName(layer_id.c_str());
  if (layer == nullptr || layer->GetGeomType() == wkbNone) {
    std::string names;
    for (OGRLayer* l : store.GetLayers()) {
      if (l->GetGeomType() != wkbNone) names += std::string(names.empty() ? "" : ", ") + l->GetName();
    }
    throw LoadError("store '" + connection + "' has no layer '" + layer_id + "' (layers: " + names +
                    "); load writes existing layers: add a new one to data/layout and rebuild");
  }
  const OGRSpatialReference* srs = layer->GetSpatialRef();
  const OGRSpatialReference wgs84 = wgs84_lonlat();
  OGRSpatialReference layer_srs;
  if (srs != nullptr) layer_srs = *srs;
  layer_srs.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
  if (srs == nullptr || !layer_srs.IsSame(&wgs84)) {
    throw LoadError("store '" + connection + "' layer '" + layer_id + "' is not in EPSG:4326 (" +
                    (srs != nullptr && srs->GetName() != nullptr ? srs->GetName() : "no CRS") +
                    "); load writes EPSG:4326 layers only");
  }

  TargetLayer target;
  try {
    const auto catalogue = read_catalogue(store);
    const auto entry = catalogue.find(layer_id);
    std::optional<LayerInfo> info;
    if (entry != catalogue.end()) info = entry->second.info;
    target.stored = read_layer(*layer, connection, info);
    target.revision = read_revision(store, connection);
  } catch (const std::invalid_argument& e) {
    throw LoadError("store '" + connection + "': " + std::string(schema::kCatalogueTable) + ": " + e.what());
  } catch (const StoreError& e) {
    throw LoadError(std::string("store ") + e.what());
  }
  target.info = target.stored.info();
  target.geometry_type = layer->GetGeomType();
  if (target.info.geometry_kind == GeometryKind::Mixed) target.info.geometry_kind = kind_of(target.geometry_type);

  const OGRFeatureDefn* defn = layer->GetLayerDefn();
  for (int i = 0; i < defn->GetFieldCount(); ++i) {
    const OGRFieldDefn* field = defn->GetFieldDefn(i);
    target.fields.push_back({field->GetNameRef(), field->GetType(), field->GetSubType()});
  }
  std::vector<std::string> missing;
  const auto has = [&](std::string_view name) { return defn->GetFieldIndex(std::string(name).c_str()) >= 0; };
  if (!has(schema::kId)) missing.emplace_back(schema::kId);
  for (const auto name : schema::kRequired) {
    if (!has(name)) missing.emplace_back(name);
  }
  if (target.info.geometry_kind == GeometryKind::Line && !has(schema::kBand)) missing.emplace_back(schema::kBand);
  if (!missing.empty()) {
    std::string list;
    for (const auto& m : missing) list += (list.empty() ? "" : ", ") + m;
    throw LoadError("store '" + connection + "' layer '" + layer_id + "' lacks the field(s) " + list +
                    " the store schema requires (layoutctl validate tells more)");
  }
  for (std::size_t i = 0; i < target.stored.features().size(); ++i)
    target.by_id.emplace(target.stored.features()[i].id, i);
  return target;
}

}  // namespace layers::load
