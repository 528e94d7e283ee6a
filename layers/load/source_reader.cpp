#include "layers/load/source_reader.hpp"

#include "geo/error.hpp"
#include "layers/store/gdal_support.hpp"
#include "layers/store/ogr_convert.hpp"

#include <cpl_string.h>

#include <algorithm>
#include <filesystem>

namespace layers::load {
namespace {

// "EPSG:4530 CGCS2000 / 3-degree Gauss-Kruger zone 42". A .prj holds ESRI WKT without an
// authority: PROJ is asked which EPSG CRS it is, and named only when it is sure.
std::string describe(const OGRSpatialReference& srs) {
  const std::string name = srs.GetName() != nullptr ? srs.GetName() : "unnamed CRS";
  const auto code_of = [](const OGRSpatialReference& s) -> std::string {
    const char* authority = s.GetAuthorityName(nullptr);
    const char* code = s.GetAuthorityCode(nullptr);
    return authority != nullptr && code != nullptr ? std::string(authority) + ":" + code + " " : "";
  };
  std::string code = code_of(srs);
  if (code.empty()) {
    int matches = 0;
    int* confidence = nullptr;
    OGRSpatialReferenceH* found = srs.FindMatches(nullptr, &matches, &confidence);
    if (matches > 0 && confidence[0] >= 90) code = code_of(*OGRSpatialReference::FromHandle(found[0]));
    OSRFreeSRSArray(found);
    CPLFree(confidence);
  }
  return code + name;
}

OGRLayer* pick_layer(GDALDataset& dataset, const LoadOptions& options) {
  if (!options.source_layer.empty()) {
    OGRLayer* layer = dataset.GetLayerByName(options.source_layer.c_str());
    if (layer != nullptr) return layer;
  } else if (dataset.GetLayerCount() == 1) {
    return dataset.GetLayer(0);
  }
  std::string names;
  for (OGRLayer* layer : dataset.GetLayers()) names += std::string(names.empty() ? "" : ", ") + layer->GetName();
  if (dataset.GetLayerCount() == 0) throw LoadError(options.source + ": no layers");
  if (options.source_layer.empty()) {
    throw LoadError(options.source + ": " + std::to_string(dataset.GetLayerCount()) +
                    " layers; name the one to load with --src-layer (" + names + ")");
  }
  throw LoadError(options.source + ": no layer '" + options.source_layer + "' (layers: " + names + ")");
}

}  // namespace

SourceReader::SourceReader(const LoadOptions& options) : path_(options.source) {
  ensure_gdal_registered();
  namespace fs = std::filesystem;
  const bool is_path = path_.find(':') == std::string::npos && path_.rfind("/vsi", 0) != 0;
  std::error_code ec;
  if (is_path && !fs::exists(path_, ec)) throw LoadError(path_ + ": no such file");

  GdalErrorCapture errors;
  CPLStringList open_options;
  for (const auto& option : options.open_options) open_options.AddString(option.c_str());
  dataset_.reset(GDALDataset::Open(path_.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY, nullptr, open_options.List()));
  if (!dataset_) {
    const std::string reason =
        errors.last_error().empty() ? "not a vector datasource GDAL can open" : errors.last_error();
    throw LoadError(path_ + ": " + reason);
  }
  layer_ = pick_layer(*dataset_, options);
  info_.driver = dataset_->GetDriverName();
  info_.layer_name = layer_->GetName();
  info_.geometry_type = layer_->GetGeomType();
  const OGRFeatureDefn* defn = layer_->GetLayerDefn();
  for (int i = 0; i < defn->GetFieldCount(); ++i) info_.fields.emplace_back(defn->GetFieldDefn(i)->GetNameRef());
  // Exact (forced) count: the progress bar's total and a check that every feature was read. A
  // driver that cannot count says -1; the count is then left unknown (0 on the bar).
  info_.feature_count = std::max<GIntBig>(layer_->GetFeatureCount(TRUE), -1);
  if (!errors.last_error().empty()) throw LoadError(path_ + ": " + errors.last_error());

  OGRSpatialReference source;
  const OGRSpatialReference* own = layer_->GetSpatialRef();
  if (!options.source_srs.empty()) {
    if (source.SetFromUserInput(options.source_srs.c_str()) != OGRERR_NONE) {
      throw LoadError("--s_srs '" + options.source_srs + "' is not a CRS GDAL knows (use EPSG:N)");
    }
    info_.crs.from_option = true;
    if (own != nullptr && !own->IsSame(&source)) info_.crs.overridden = describe(*own);
  } else if (own != nullptr) {
    source = *own;
  } else {
    throw LoadError(path_ + ": layer '" + info_.layer_name +
                    "' has no coordinate reference system (a Shapefile without its .prj?); say which it is with "
                    "--s_srs EPSG:N (around 长春/吉林 often EPSG:4530 or 4551, around 四平 EPSG:4529 or 4550)");
  }
  source.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
  info_.crs.name = describe(source);
  info_.crs.projected = source.IsProjected() != 0;
  if (info_.crs.projected) info_.crs.false_easting = source.GetProjParm(SRS_PP_FALSE_EASTING, 0.0);

  const OGRSpatialReference target = wgs84_lonlat();
  if (!source.IsSame(&target)) {
    to_wgs84_.reset(OGRCreateCoordinateTransformation(&source, &target));
    if (!to_wgs84_) {
      throw LoadError(path_ + ": cannot transform " + info_.crs.name + " to EPSG:4326: " + errors.last_error());
    }
  }
}

SourceReader::~SourceReader() = default;

void SourceReader::for_each(const std::function<void(SourceFeature&&)>& visit) {
  GdalErrorCapture errors;
  const OGRFeatureDefn* defn = layer_->GetLayerDefn();
  layer_->ResetReading();
  std::int64_t read = 0;
  for (;;) {
    OGRFeatureUniquePtr feature(layer_->GetNextFeature());
    // GDAL reports a short or corrupt record as an error (and may still hand out a feature): the
    // whole load stops, since what follows cannot be trusted either.
    if (!errors.last_error().empty()) {
      throw LoadError(path_ + ": cannot read feature " + std::to_string(read + 1) + " of layer '" + info_.layer_name +
                      "' (truncated or corrupt file?): " + errors.last_error());
    }
    if (!feature) break;
    ++read;
    SourceFeature out;
    out.fid = feature->GetFID();
    for (int i = 0; i < defn->GetFieldCount(); ++i)
      out.values.set(info_.fields[static_cast<std::size_t>(i)], field_value(*feature, i));
    if (OGRGeometry* geometry = feature->GetGeometryRef(); geometry != nullptr) {
      OGREnvelope envelope;
      geometry->getEnvelope(&envelope);
      if (!geometry->IsEmpty()) out.source_envelope = {envelope.MinX, envelope.MinY, envelope.MaxX, envelope.MaxY};
      if (to_wgs84_ && !geometry->IsEmpty() && geometry->transform(to_wgs84_.get()) != OGRERR_NONE) {
        out.unprojectable = true;
        errors.clear_error();
      } else {
        try {
          out.geometry = to_geos(*geometry, "feature " + std::to_string(out.fid));
        } catch (const geo::GeometryError& e) {
          out.geometry_error = e.what();
        }
      }
    }
    visit(std::move(out));
  }
  info_.warnings = errors.warnings();
  if (read < info_.feature_count) {
    throw LoadError(path_ + ": layer '" + info_.layer_name + "' announces " + std::to_string(info_.feature_count) +
                    " features but only " + std::to_string(read) + " could be read (truncated file?)");
  }
}

}  // namespace layers::load
