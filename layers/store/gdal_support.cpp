#include "layers/store/gdal_support.hpp"

#include <cpl_error.h>

#include <mutex>

namespace layers {

void ensure_gdal_registered() {
  static std::once_flag once;
  std::call_once(once, [] { GDALAllRegister(); });
}

GdalErrorCapture::GdalErrorCapture() { CPLPushErrorHandlerEx(&GdalErrorCapture::handle, this); }

GdalErrorCapture::~GdalErrorCapture() { CPLPopErrorHandler(); }

void CPL_STDCALL GdalErrorCapture::handle(CPLErr level, CPLErrorNum /*number*/, const char* message) {
  auto* self = static_cast<GdalErrorCapture*>(CPLGetErrorHandlerUserData());
  const std::string text = message != nullptr ? message : "";
  if (level == CE_Failure || level == CE_Fatal) {
    self->last_error_ = text;
  } else if (level == CE_Warning) {
    self->warnings_.push_back(text);
  }
}

OGRSpatialReference wgs84_lonlat() {
  OGRSpatialReference srs;
  srs.importFromEPSG(4326);
  srs.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
  return srs;
}

}  // namespace layers
