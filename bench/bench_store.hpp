#pragma once
// The store the benchmarks run on: LAYOUTD_STORE, default data/layout.gpkg, loaded once.
#include "layers/serving/served_snapshot.hpp"
#include "layers/store/store_reader.hpp"

#include <cstdlib>

namespace bench {

inline const layers::ServedSnapshot& store_snapshot() {
  static const layers::SnapshotPtr instance = [] {
    const char* path = std::getenv("LAYOUTD_STORE");
    return layers::load_snapshot(path != nullptr ? path : "data/layout.gpkg", 1);
  }();
  return *instance;
}

}  // namespace bench
