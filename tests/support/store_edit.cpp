#include "support/store_edit.hpp"

#include "layers/store/gdal_support.hpp"

#include <stdexcept>

namespace test_support {
namespace {

GDALDatasetUniquePtr open_for_update(const std::filesystem::path& store) {
  layers::ensure_gdal_registered();
  GDALDatasetUniquePtr dataset(GDALDataset::Open(store.c_str(), GDAL_OF_VECTOR | GDAL_OF_UPDATE));
  if (!dataset) throw std::runtime_error("cannot open " + store.string() + " for update");
  return dataset;
}

// A literal for SQLite: quotes doubled.
std::string quoted(const std::string& text) {
  std::string out = "'";
  for (const char c : text) {
    if (c == '\'') out.push_back('\'');
    out.push_back(c);
  }
  return out + "'";
}

void execute(GDALDataset& dataset, const std::string& statement) {
  const layers::GdalErrorCapture errors;
  OGRLayer* result = dataset.ExecuteSQL(statement.c_str(), nullptr, nullptr);
  if (result != nullptr) dataset.ReleaseResultSet(result);
  if (!errors.last_error().empty()) throw std::runtime_error(statement + ": " + errors.last_error());
}

}  // namespace

void set_feature_text(const std::filesystem::path& store, const std::string& layer, const std::string& feature_id,
                      const std::string& field, const std::optional<std::string>& value) {
  auto dataset = open_for_update(store);
  execute(*dataset, "UPDATE \"" + layer + "\" SET \"" + field + "\" = " + (value ? quoted(*value) : "NULL") +
                        " WHERE id = " + quoted(feature_id));
}

void set_store_revision(const std::filesystem::path& store, const std::string& value) {
  auto dataset = open_for_update(store);
  execute(*dataset, "UPDATE layoutd_meta SET value = " + quoted(value) + " WHERE key = 'revision'");
}

}  // namespace test_support
