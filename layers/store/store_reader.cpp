#include "layers/store/store_reader.hpp"

#include "layers/store/open_store.hpp"
#include "geo/error.hpp"
#include "layers/store/gdal_support.hpp"
#include "layers/store/ogr_convert.hpp"
#include "layers/model/schema.hpp"
#include "layers/store/store_error.hpp"
#include "layers/store/store_layer.hpp"
#include "layers/store/store_meta.hpp"

#include <algorithm>
#include <filesystem>
#include <map>
#include <memory>
#include <optional>

namespace layers {
namespace {

std::string field_text(OGRFeature& feature, const char* name) {
  const int index = feature.GetFieldIndex(name);
  if (index < 0 || !feature.IsFieldSetAndNotNull(index)) return {};
  return feature.GetFieldAsString(index);
}

}  // namespace

std::map<std::string, CatalogueEntry> read_catalogue(GDALDataset& dataset) {
  std::map<std::string, CatalogueEntry> entries;
  OGRLayer* table = dataset.GetLayerByName(std::string(schema::kCatalogueTable).c_str());
  if (table == nullptr) return entries;
  table->ResetReading();
  for (auto& feature : *table) {
    CatalogueEntry entry;
    entry.info.id = field_text(*feature, "layer_id");
    entry.info.title_zh = field_text(*feature, "title_zh");
    entry.info.title_en = field_text(*feature, "title_en");
    const std::string kind = field_text(*feature, "geometry_kind");
    entry.info.geometry_kind = kind.empty() ? GeometryKind::Mixed : geometry_kind_from_string(kind);
    const int position = feature->GetFieldIndex("position");
    entry.position = position >= 0 ? feature->GetFieldAsInteger(position) : 0;
    if (!entry.info.id.empty()) entries[entry.info.id] = entry;
  }
  return entries;
}

GeometryKind kind_of(OGRwkbGeometryType type) {
  switch (wkbFlatten(type)) {
    case wkbPoint:
    case wkbMultiPoint: return GeometryKind::Point;
    case wkbLineString:
    case wkbMultiLineString: return GeometryKind::Line;
    case wkbPolygon:
    case wkbMultiPolygon: return GeometryKind::Polygon;
    default: return GeometryKind::Mixed;
  }
}

Layer read_layer(OGRLayer& source, const std::string& connection, const std::optional<LayerInfo>& catalogued) {
  const std::string layer_name = source.GetName();
  const OGRSpatialReference* srs = source.GetSpatialRef();
  if (srs == nullptr) throw StoreError(connection, "layer '" + layer_name + "' has no coordinate reference system");

  const OGRSpatialReference target = wgs84_lonlat();
  OGRSpatialReference source_srs(*srs);
  source_srs.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
  std::unique_ptr<OGRCoordinateTransformation> to_wgs84;
  if (!source_srs.IsSame(&target)) {
    to_wgs84.reset(OGRCreateCoordinateTransformation(&source_srs, &target));
    if (!to_wgs84) throw StoreError(connection, "layer '" + layer_name + "': cannot transform its CRS to EPSG:4326");
  }

  LayerInfo info = catalogued.value_or(LayerInfo{layer_name, layer_name, layer_name, kind_of(source.GetGeomType())});
  info.id = layer_name;

  std::vector<Feature> features;
  const OGRFeatureDefn* defn = source.GetLayerDefn();
  const int id_field = defn->GetFieldIndex(std::string(schema::kId).c_str());
  source.ResetReading();
  for (auto& ogr_feature : source) {
    Feature feature;
    feature.fid = ogr_feature->GetFID();
    feature.id = id_field >= 0 && ogr_feature->IsFieldSetAndNotNull(id_field) ? ogr_feature->GetFieldAsString(id_field)
                                                                              : std::to_string(feature.fid);
    for (int i = 0; i < defn->GetFieldCount(); ++i) {
      if (i == id_field) continue;
      feature.attributes.set(defn->GetFieldDefn(i)->GetNameRef(), field_value(*ogr_feature, i));
    }
    if (OGRGeometry* geometry = ogr_feature->GetGeometryRef(); geometry != nullptr) {
      const std::string where = "layer '" + layer_name + "' feature " + std::to_string(feature.fid);
      if (to_wgs84 && geometry->transform(to_wgs84.get()) != OGRERR_NONE) {
        throw StoreError(connection, where + ": cannot transform geometry to EPSG:4326");
      }
      try {
        feature.geometry = to_geos(*geometry, where);
      } catch (const geo::GeometryError& e) {
        throw StoreError(connection, where + ": " + e.what());
      }
    }
    features.push_back(std::move(feature));
  }
  // In fid order whatever order the driver returns rows in (PostgreSQL's follows the heap, which an
  // UPDATE reorders): the feature order decides tile bytes and ETags, which every instance on the
  // same store must agree on.
  std::stable_sort(features.begin(), features.end(), [](const Feature& a, const Feature& b) { return a.fid < b.fid; });
  return Layer::build(std::move(info), std::move(features));
}

StoreContents read_store(const std::string& connection) {
  ensure_gdal_registered();
  namespace fs = std::filesystem;
  // Connection strings ("PG:...", "/vsizip/...") are not plain paths; only paths get the plainer
  // "no such file" message.
  const bool is_path = connection.find(':') == std::string::npos && connection.rfind("/vsi", 0) != 0;
  std::error_code ec;
  if (is_path && !fs::exists(connection, ec)) throw StoreError(connection, "no such file");

  GdalErrorCapture errors;
  GDALDatasetUniquePtr dataset = open_store_read_only(connection);
  if (!dataset) {
    std::string reason = errors.last_error();
    if (reason.empty()) reason = "not a vector dataset GDAL can open";
    throw StoreError(connection, reason);
  }

  StoreContents contents;
  contents.driver = dataset->GetDriverName();
  // Before the layers: should a writer commit while they are read, the revision is the older one,
  // and the next poll of the revision reads the store again.
  contents.revision = read_revision(*dataset, connection);
  std::map<std::string, CatalogueEntry> catalogue;
  try {
    catalogue = read_catalogue(*dataset);
  } catch (const std::invalid_argument& e) {
    throw StoreError(connection, std::string(schema::kCatalogueTable) + ": " + e.what());
  }

  std::vector<std::pair<int, Layer>> ordered;
  int unlisted = static_cast<int>(catalogue.size());
  for (OGRLayer* layer : dataset->GetLayers()) {
    if (layer->GetGeomType() == wkbNone || schema::kCatalogueTable == layer->GetName()) continue;
    const auto entry = catalogue.find(layer->GetName());
    std::optional<LayerInfo> info;
    int position = unlisted++;
    if (entry != catalogue.end()) {
      info = entry->second.info;
      position = entry->second.position;
    }
    ordered.emplace_back(position, read_layer(*layer, connection, info));
  }
  if (!errors.last_error().empty()) throw StoreError(connection, errors.last_error());
  if (ordered.empty()) throw StoreError(connection, "no spatial layers: not a layoutd store");

  std::stable_sort(ordered.begin(), ordered.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  for (auto& [position, layer] : ordered) contents.layers.push_back(std::move(layer));
  return contents;
}

}  // namespace layers
