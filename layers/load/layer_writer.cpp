#include "layers/load/layer_writer.hpp"

#include "layers/store/gdal_support.hpp"
#include "layers/store/ogr_convert.hpp"
#include "layers/model/schema.hpp"
#include "layers/store/store_error.hpp"
#include "layers/store/store_meta.hpp"

#include <map>

namespace layers::load {
namespace {

// Rolls the transaction back unless it was committed: every early exit (an exception) leaves the
// store as it was.
class Transaction {
 public:
  Transaction(GDALDataset& dataset, const std::string& store) : dataset_(dataset) {
    if (dataset_.StartTransaction(FALSE) != OGRERR_NONE) {
      throw LoadError("store '" + store + "': the " + std::string(dataset_.GetDriverName()) +
                      " driver gives no transactions, and load writes only atomically (GeoPackage, PostGIS)");
    }
  }
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;
  ~Transaction() {
    if (open_) dataset_.RollbackTransaction();
  }
  void commit(const std::string& store) {
    open_ = false;  // a failed commit is not retried, nor rolled back twice
    if (dataset_.CommitTransaction() != OGRERR_NONE) {
      dataset_.RollbackTransaction();
      throw LoadError("store '" + store + "': commit failed: " + CPLGetLastErrorMsg());
    }
  }

 private:
  GDALDataset& dataset_;
  bool open_ = true;
};

// The stored features' fids by id, read inside the transaction (the plan's copy may be stale).
std::map<std::string, GIntBig, std::less<>> stored_ids(OGRLayer& layer) {
  const std::string id_field(schema::kId);
  const int index = layer.GetLayerDefn()->GetFieldIndex(id_field.c_str());
  std::map<std::string, GIntBig, std::less<>> ids;
  layer.ResetReading();
  for (auto& row : layer) {
    ids.emplace(row->IsFieldSetAndNotNull(index) ? row->GetFieldAsString(index) : std::to_string(row->GetFID()),
                row->GetFID());
  }
  return ids;
}

}  // namespace

WriteResult write_layer(const WriteRequest& request, const std::function<void(std::size_t)>& progress) {
  const std::string& store = request.store;
  GdalErrorCapture errors;
  GDALDatasetUniquePtr dataset(GDALDataset::Open(store.c_str(), GDAL_OF_VECTOR | GDAL_OF_UPDATE));
  if (!dataset) {
    throw LoadError("store '" + store + "': cannot open for writing: " +
                    (errors.last_error().empty() ? "GDAL cannot open it in update mode" : errors.last_error()));
  }
  WriteResult result;
  {
    Transaction transaction(*dataset, store);
    try {
      result.revision = increment_revision(*dataset, store);
    } catch (const StoreError& e) {
      throw LoadError(std::string("store ") + e.what());
    }
    if (result.revision != request.planned_revision + 1) {
      throw LoadError("store '" + store + "' changed while the load was prepared (revision " +
                      std::to_string(request.planned_revision) + ", now " + std::to_string(result.revision - 1) +
                      "); nothing written: run the load again");
    }
    OGRLayer* layer = dataset->GetLayerByName(request.layer.c_str());
    if (layer == nullptr) throw LoadError("store '" + store + "' has no layer '" + request.layer + "' any more");
    const OGRwkbGeometryType type = layer->GetGeomType();
    std::map<std::string, GIntBig, std::less<>> stored = stored_ids(*layer);
    const OGRFeatureDefn* defn = layer->GetLayerDefn();
    const int id_index = defn->GetFieldIndex(std::string(schema::kId).c_str());

    std::size_t done = 0;
    for (const Feature& feature : request.features) {
      const std::string where = "store '" + store + "' layer '" + request.layer + "' feature '" + feature.id + "'";
      OGRFeatureUniquePtr row(OGRFeature::CreateFeature(const_cast<OGRFeatureDefn*>(defn)));  // NOLINT: GDAL API
      row->SetField(id_index, feature.id.c_str());
      for (const auto& [field, value] : feature.attributes.items())
        set_field(*row, row->GetFieldIndex(field.c_str()), value);
      std::unique_ptr<OGRGeometry> geometry = to_ogr(feature.geometry, type);
      if (!geometry) throw LoadError(where + ": cannot convert the geometry");
      row->SetGeometryDirectly(geometry.release());

      const auto existing = stored.find(feature.id);
      OGRErr status = OGRERR_NONE;
      if (existing != stored.end()) {
        if (request.mode == Mode::Append) {
          throw LoadError(where + ": the id was added to the layer while the load was prepared; run it again");
        }
        row->SetFID(existing->second);
        status = layer->SetFeature(row.get());
        stored.erase(existing);
        ++result.updated;
      } else {
        status = layer->CreateFeature(row.get());
        ++result.added;
      }
      if (status != OGRERR_NONE) throw LoadError(where + ": cannot write: " + errors.last_error());
      if (progress) progress(++done);
    }
    if (request.mode == Mode::Replace) {
      for (const auto& [id, fid] : stored) {
        if (request.keep.contains(id)) continue;
        if (layer->DeleteFeature(fid) != OGRERR_NONE) {
          throw LoadError("store '" + store + "' layer '" + request.layer + "': cannot delete feature '" + id +
                          "': " + errors.last_error());
        }
        ++result.removed;
      }
    }
    transaction.commit(store);
  }
  // GDAL 3.6 closes by destruction; a GeoPackage writes its layer extents then, outside the
  // transaction (the loaded data is committed already).
  errors.clear_error();
  dataset.reset();
  if (!errors.last_error().empty()) {
    throw LoadError("store '" + store +
                    "': the load was committed, but closing the store failed: " + errors.last_error());
  }
  return result;
}

}  // namespace layers::load
