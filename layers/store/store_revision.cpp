#include "layers/store/store_revision.hpp"

#include "layers/store/gdal_support.hpp"
#include "layers/store/open_store.hpp"
#include "layers/store/store_error.hpp"
#include "layers/store/store_meta.hpp"

namespace layers {

std::int64_t read_store_revision(const std::string& connection) {
  ensure_gdal_registered();
  const GdalErrorCapture errors;
  GDALDatasetUniquePtr dataset = open_store_read_only(connection, GDAL_OF_VERBOSE_ERROR);
  if (!dataset) {
    throw StoreError(connection, errors.last_error().empty() ? "cannot open the store" : errors.last_error());
  }
  return read_revision(*dataset, connection);
}

}  // namespace layers
