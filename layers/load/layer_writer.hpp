#pragma once
// Writes a load into the store in ONE transaction of the store's own (GDALDataset::StartTransaction:
// a SQLite transaction in a GeoPackage, a PostgreSQL one in PostGIS), so the store is either as
// before or fully loaded, and readers never see half a layer. Inside it, first the store revision
// is incremented (store_meta.hpp; in PostGIS the row lock serializes concurrent loads), and the
// load goes ahead only if nothing else changed the store since it was planned; then stored features
// whose id comes again are updated in place (they keep their fid, so tile feature ids stay), new
// ones are added, and in replace mode the rest are deleted. Any error rolls everything back.
#include "layers/model/feature.hpp"
#include "layers/load/load_options.hpp"

#include <cstdint>
#include <functional>
#include <set>
#include <span>
#include <string>

namespace layers::load {

struct WriteRequest {
  std::string store;  // path or connection string
  std::string layer;
  Mode mode = Mode::Replace;
  std::span<const Feature> features;        // checked: id, every target attribute, lon/lat geometry
  std::set<std::string, std::less<>> keep;  // replace mode: stored ids not to delete
  std::int64_t planned_revision = 0;        // the revision the load was planned against
};

struct WriteResult {
  std::size_t updated = 0;
  std::size_t added = 0;
  std::size_t removed = 0;
  std::int64_t revision = 0;  // after the load
};

// Throws LoadError; the transaction is rolled back, so the store is as before. `progress` is
// called with the number of features written so far.
WriteResult write_layer(const WriteRequest& request, const std::function<void(std::size_t)>& progress);

}  // namespace layers::load
