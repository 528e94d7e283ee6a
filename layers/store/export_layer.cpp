#include "layers/store/export_layer.hpp"

#include "layers/store/open_store.hpp"
#include "layers/store/gdal_support.hpp"
#include "layers/store/store_error.hpp"
#include "layers/store/store_writer.hpp"

#include <gdal_utils.h>
#include <unistd.h>

#include <stdexcept>

namespace layers {
namespace {

namespace fs = std::filesystem;

// A directory beside OUT (same file system, so the final moves are renames), removed on every path.
class StagingDir {
 public:
  explicit StagingDir(const fs::path& out)
      : path_(out.parent_path() / (".layoutctl-export-" + std::to_string(::getpid()) + "-" + out.filename().string())) {
    std::error_code ec;
    fs::remove_all(path_, ec);
    fs::create_directories(path_);
  }
  StagingDir(const StagingDir&) = delete;
  StagingDir& operator=(const StagingDir&) = delete;
  ~StagingDir() {
    std::error_code ec;
    fs::remove_all(path_, ec);
  }
  [[nodiscard]] const fs::path& path() const noexcept { return path_; }

 private:
  fs::path path_;
};

GDALDriver& vector_driver(const std::string& name) {
  GDALDriver* driver = GetGDALDriverManager()->GetDriverByName(name.c_str());
  if (driver == nullptr)
    throw std::invalid_argument("GDAL has no driver '" + name + "' (ogrinfo --formats lists them)");
  const auto yes = [&](const char* capability) { return CPLFetchBool(driver->GetMetadata(), capability, false); };
  if (!yes(GDAL_DCAP_VECTOR) || !yes(GDAL_DCAP_CREATE)) {
    throw std::invalid_argument("the GDAL driver '" + name + "' cannot create vector datasets");
  }
  return *driver;
}

}  // namespace

ExportLayerResult export_layer(const ExportLayerOptions& options) {
  ensure_gdal_registered();
  ExportLayerResult result;
  result.driver = options.driver.empty() ? driver_for(options.out.string()) : options.driver;
  vector_driver(result.driver);
  if (!options.target_srs.empty()) {
    OGRSpatialReference srs;
    if (srs.SetFromUserInput(options.target_srs.c_str()) != OGRERR_NONE) {
      throw std::invalid_argument("--t_srs '" + options.target_srs + "' is not a CRS GDAL knows (use EPSG:N)");
    }
  }

  GdalErrorCapture errors;
  GDALDatasetUniquePtr store = open_store_read_only(options.store);
  if (!store)
    throw StoreError(options.store,
                     errors.last_error().empty() ? "not a vector dataset GDAL can open" : errors.last_error());
  OGRLayer* layer = store->GetLayerByName(options.layer.c_str());
  if (layer == nullptr || layer->GetGeomType() == wkbNone)
    throw StoreError(options.store, "no layer '" + options.layer + "'");
  result.features = layer->GetFeatureCount(TRUE);

  CPLStringList arguments;
  arguments.AddString("-f");
  arguments.AddString(result.driver.c_str());
  if (!options.target_srs.empty()) {
    arguments.AddString("-t_srs");
    arguments.AddString(options.target_srs.c_str());
  }
  // Chinese names must survive: Shapefile DBFs declare UTF-8 (a .cpg), CSV keeps the geometry.
  if (result.driver == "ESRI Shapefile") {
    arguments.AddString("-lco");
    arguments.AddString("ENCODING=UTF-8");
  }
  if (result.driver == "CSV") {
    arguments.AddString("-lco");
    arguments.AddString("GEOMETRY=AS_WKT");
  }
  arguments.AddString(options.layer.c_str());

  const fs::path out = fs::absolute(options.out);
  const StagingDir staging(out);
  const fs::path staged = staging.path() / out.filename();
  {
    std::unique_ptr<GDALVectorTranslateOptions, decltype(&GDALVectorTranslateOptionsFree)> translate(
        GDALVectorTranslateOptionsNew(arguments.List(), nullptr), &GDALVectorTranslateOptionsFree);
    if (!translate) throw std::invalid_argument("cannot set up the translation: " + errors.last_error());
    GDALDatasetH source = GDALDataset::ToHandle(store.get());
    int usage_error = 0;
    GDALDatasetH written = GDALVectorTranslate(staged.c_str(), nullptr, 1, &source, translate.get(), &usage_error);
    if (written == nullptr) throw StoreError(out.string(), "export failed: " + errors.last_error());
    GDALClose(written);
    if (!errors.last_error().empty()) throw StoreError(out.string(), "export failed: " + errors.last_error());
  }
  result.warnings = errors.warnings();
  // A multi-file format (Shapefile) or a directory format (FileGDB) leaves several entries.
  for (const auto& entry : fs::directory_iterator(staging.path())) {
    const fs::path target = out.parent_path() / entry.path().filename();
    std::error_code ec;
    if (fs::is_directory(target, ec)) fs::remove_all(target, ec);
    fs::rename(entry.path(), target, ec);
    if (ec) throw StoreError(target.string(), "cannot move the export into place: " + ec.message());
  }
  return result;
}

}  // namespace layers
