#include "layers/store/store_writer.hpp"

#include "layers/store/gdal_support.hpp"
#include "layers/store/ogr_convert.hpp"
#include "layers/model/schema.hpp"
#include "layers/store/store_error.hpp"
#include "layers/store/store_meta.hpp"

#include <cpl_conv.h>

#include <algorithm>
#include <filesystem>
#include <map>
#include <memory>
#include <unistd.h>

namespace layers {
namespace {

namespace fs = std::filesystem;

// Restores a thread-local GDAL config option on scope exit.
class ScopedConfigOption {
 public:
  ScopedConfigOption(const char* key, const std::string& value) : key_(key) {
    if (const char* old = CPLGetThreadLocalConfigOption(key, nullptr)) old_ = old;
    if (!value.empty()) CPLSetThreadLocalConfigOption(key, value.c_str());
  }
  ScopedConfigOption(const ScopedConfigOption&) = delete;
  ScopedConfigOption& operator=(const ScopedConfigOption&) = delete;
  ~ScopedConfigOption() { CPLSetThreadLocalConfigOption(key_, old_.empty() ? nullptr : old_.c_str()); }

 private:
  const char* key_;
  std::string old_;
};

OGRwkbGeometryType layer_geometry_type(const Layer& layer) {
  switch (layer.info().geometry_kind) {
    case GeometryKind::Polygon: return wkbMultiPolygon;
    case GeometryKind::Line: return wkbMultiLineString;
    case GeometryKind::Point: {
      const bool any_multi = std::any_of(layer.features().begin(), layer.features().end(), [](const Feature& f) {
        return !f.geometry.is_null() && f.geometry.type() == geo::GeometryType::MultiPoint;
      });
      return any_multi ? wkbMultiPoint : wkbPoint;
    }
    case GeometryKind::Mixed: return wkbUnknown;
  }
  return wkbUnknown;
}

OGRFieldType field_type(const AttributeValue& value, OGRFieldSubType& subtype) {
  subtype = OFSTNone;
  if (std::holds_alternative<bool>(value)) {
    subtype = OFSTBoolean;
    return OFTInteger;
  }
  if (std::holds_alternative<std::int64_t>(value)) return OFTInteger64;
  if (std::holds_alternative<double>(value)) return OFTReal;
  return OFTString;
}

// Field names in first-seen order, typed by their first non-null value.
std::vector<std::pair<std::string, AttributeValue>> layer_fields(const Layer& layer) {
  std::vector<std::pair<std::string, AttributeValue>> fields;
  for (const auto& feature : layer.features()) {
    for (const auto& [name, value] : feature.attributes.items()) {
      auto it = std::find_if(fields.begin(), fields.end(), [&name = name](const auto& f) { return f.first == name; });
      if (it == fields.end()) {
        fields.emplace_back(name, value);
      } else if (std::holds_alternative<std::monostate>(it->second)) {
        it->second = value;
      }
    }
  }
  return fields;
}

void write_layer(GDALDataset& dataset, const Layer& layer, const std::string& destination, bool is_gpkg) {
  const std::string& name = layer.id();
  OGRSpatialReference srs = wgs84_lonlat();
  const OGRwkbGeometryType type = layer_geometry_type(layer);
  CPLStringList options;
  if (is_gpkg) {
    options.SetNameValue("IDENTIFIER", layer.info().title_zh.c_str());
    options.SetNameValue("DESCRIPTION", layer.info().title_en.c_str());
    options.SetNameValue("FID", "fid");
  }
  OGRLayer* out = dataset.CreateLayer(name.c_str(), &srs, type, options.List());
  if (out == nullptr) throw StoreError(destination, "layer '" + name + "': cannot create: " + CPLGetLastErrorMsg());

  auto create_field = [&](const std::string& field, OGRFieldType ftype, OGRFieldSubType subtype) {
    OGRFieldDefn defn(field.c_str(), ftype);
    defn.SetSubType(subtype);
    if (out->CreateField(&defn) != OGRERR_NONE) {
      throw StoreError(destination, "layer '" + name + "': cannot create field '" + field + "'");
    }
  };
  create_field(std::string(schema::kId), OFTString, OFSTNone);
  const auto fields = layer_fields(layer);
  for (const auto& [field, sample] : fields) {
    OGRFieldSubType subtype = OFSTNone;
    const OGRFieldType ftype = field_type(sample, subtype);
    create_field(field, ftype, subtype);
  }

  const OGRFeatureDefn* defn = out->GetLayerDefn();
  for (const auto& feature : layer.features()) {
    const std::string where = "layer '" + name + "' feature '" + feature.id + "'";
    OGRFeatureUniquePtr row(OGRFeature::CreateFeature(const_cast<OGRFeatureDefn*>(defn)));  // NOLINT: GDAL API
    if (feature.fid > 0) row->SetFID(feature.fid);
    row->SetField(std::string(schema::kId).c_str(), feature.id.c_str());
    for (const auto& [field, value] : feature.attributes.items()) {
      set_field(*row, row->GetFieldIndex(field.c_str()), value);
    }
    if (!feature.geometry.is_null()) {
      std::unique_ptr<OGRGeometry> geometry = to_ogr(feature.geometry, type);
      if (!geometry) throw StoreError(destination, where + ": cannot convert geometry");
      row->SetGeometryDirectly(geometry.release());
    }
    if (out->CreateFeature(row.get()) != OGRERR_NONE) {
      throw StoreError(destination, where + ": cannot write: " + CPLGetLastErrorMsg());
    }
  }
}

void write_catalogue(GDALDataset& dataset, std::span<const Layer> layers, const std::string& destination) {
  OGRLayer* table = dataset.CreateLayer(std::string(schema::kCatalogueTable).c_str(), nullptr, wkbNone, nullptr);
  if (table == nullptr) throw StoreError(destination, "cannot create the catalogue table");
  for (const char* field : {"layer_id", "title_zh", "title_en", "geometry_kind"}) {
    OGRFieldDefn defn(field, OFTString);
    table->CreateField(&defn);
  }
  OGRFieldDefn position("position", OFTInteger);
  table->CreateField(&position);
  int index = 0;
  for (const auto& layer : layers) {
    OGRFeatureUniquePtr row(OGRFeature::CreateFeature(table->GetLayerDefn()));
    row->SetField("layer_id", layer.id().c_str());
    row->SetField("title_zh", layer.info().title_zh.c_str());
    row->SetField("title_en", layer.info().title_en.c_str());
    row->SetField("geometry_kind", std::string(to_string(layer.info().geometry_kind)).c_str());
    row->SetField("position", index++);
    if (table->CreateFeature(row.get()) != OGRERR_NONE) throw StoreError(destination, "cannot write the catalogue table");
  }
}

bool single_file_driver(const std::string& driver) {
  return driver == "GPKG" || driver == "GeoJSON" || driver == "FlatGeobuf" || driver == "SQLite" || driver == "GML" ||
         driver == "KML" || driver == "LIBKML" || driver == "GeoJSONSeq" || driver == "CSV";
}

}  // namespace

std::string driver_for(const std::string& destination) {
  static const std::map<std::string, std::string> by_extension = {
      {".gpkg", "GPKG"},     {".geojson", "GeoJSON"},  {".json", "GeoJSON"}, {".geojsonl", "GeoJSONSeq"},
      {".fgb", "FlatGeobuf"}, {".sqlite", "SQLite"},    {".shp", "ESRI Shapefile"}, {".kml", "LIBKML"},
      {".gml", "GML"},       {".csv", "CSV"},          {".gdb", "OpenFileGDB"}, {".tab", "MapInfo File"},
      {".mif", "MapInfo File"}};
  std::string extension = fs::path(destination).extension().string();
  std::transform(extension.begin(), extension.end(), extension.begin(), [](unsigned char c) { return std::tolower(c); });
  const auto it = by_extension.find(extension);
  if (it == by_extension.end()) {
    throw StoreError(destination, "cannot tell the output format from the extension '" + extension + "'");
  }
  return it->second;
}

void write_store(std::span<const Layer> layers, const std::string& destination, const WriteOptions& options) {
  ensure_gdal_registered();
  const std::string driver_name = options.driver.empty() ? driver_for(destination) : options.driver;
  GDALDriver* driver = GetGDALDriverManager()->GetDriverByName(driver_name.c_str());
  if (driver == nullptr) throw StoreError(destination, "GDAL has no driver '" + driver_name + "'");
  if (layers.empty()) throw StoreError(destination, "nothing to write: no layers");

  const bool atomic = single_file_driver(driver_name);
  const std::string target =
      atomic ? destination + ".tmp-" + std::to_string(::getpid()) + fs::path(destination).extension().string()
             : destination;
  GdalErrorCapture errors;
  const ScopedConfigOption timestamp("OGR_CURRENT_DATE", options.timestamp);
  // The temporary file is removed on every failure path; only a complete file is renamed into place.
  struct TempGuard {
    std::string path;
    bool armed;
    ~TempGuard() {
      if (armed) {
        std::error_code ec;
        fs::remove(path, ec);
      }
    }
  } guard{target, atomic};

  {
    GDALDatasetUniquePtr dataset(driver->Create(target.c_str(), 0, 0, 0, GDT_Unknown, nullptr));
    if (!dataset) throw StoreError(destination, "cannot create: " + errors.last_error());
    const bool transactional = dataset->StartTransaction() == OGRERR_NONE;
    const bool is_gpkg = driver_name == "GPKG";
    for (const auto& layer : layers) write_layer(*dataset, layer, destination, is_gpkg);
    if (dataset->TestCapability(ODsCCreateLayer) && (is_gpkg || driver_name == "SQLite")) {
      write_catalogue(*dataset, layers, destination);
      write_meta_table(*dataset, 1, destination);
    }
    if (transactional && dataset->CommitTransaction() != OGRERR_NONE) {
      throw StoreError(destination, "commit failed: " + errors.last_error());
    }
    // GDAL 3.6 has no Close() returning a status: close by destruction, then look for an error.
    dataset.reset();
    if (!errors.last_error().empty()) throw StoreError(destination, "close failed: " + errors.last_error());
  }
  if (atomic) {
    std::error_code ec;
    fs::rename(target, destination, ec);
    if (ec) throw StoreError(destination, "cannot move the finished file into place: " + ec.message());
    guard.armed = false;
  }
}

}  // namespace layers
