#pragma once
// Polling the store revision (store_meta.hpp: the layoutd_meta row that every write of the store
// increments in its transaction) without reading the store: how a layoutd learns that a store
// shared by several instances, PostGIS in particular, changed.
#include <cstdint>
#include <string>

namespace layers {

// Opens `connection` read-only just for the revision (a short-lived connection). Throws
// StoreError when the store cannot be opened or the value is not a decimal integer.
std::int64_t read_store_revision(const std::string& connection);

}  // namespace layers
