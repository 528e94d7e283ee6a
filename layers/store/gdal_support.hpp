#pragma once
// GDAL plumbing shared by the store reader and writer: driver registration, RAII ownership of
// datasets (GDAL's own unique_ptr types), and capture of GDAL's error messages so they reach the
// report instead of stderr.
#include <gdal_priv.h>
#include <ogrsf_frmts.h>

#include <string>
#include <vector>

namespace layers {

// Registers GDAL's drivers once per process (GDAL's registry is its own global; this is the only
// place that touches it).
void ensure_gdal_registered();

// While alive, GDAL errors and warnings raised on this thread are recorded here instead of being
// printed. GDAL's handler stack is thread-local, so concurrent captures do not mix.
class GdalErrorCapture {
 public:
  GdalErrorCapture();
  GdalErrorCapture(const GdalErrorCapture&) = delete;
  GdalErrorCapture& operator=(const GdalErrorCapture&) = delete;
  ~GdalErrorCapture();

  [[nodiscard]] const std::string& last_error() const noexcept { return last_error_; }
  [[nodiscard]] const std::vector<std::string>& warnings() const noexcept { return warnings_; }
  // Forgets the last error, for callers that handle one error and go on (a feature that cannot be
  // reprojected is rejected; the next one may be fine).
  void clear_error() noexcept { last_error_.clear(); }

 private:
  static void CPL_STDCALL handle(CPLErr level, CPLErrorNum number, const char* message);
  std::string last_error_;
  std::vector<std::string> warnings_;
};

// A WGS84 lon/lat spatial reference (EPSG:4326 with x = longitude).
OGRSpatialReference wgs84_lonlat();

}  // namespace layers
