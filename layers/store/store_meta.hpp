#pragma once
// The store revision (schema::kMetaTable, row schema::kRevisionKey): how a reader learns that the
// store changed without comparing its contents. Works on any OGR datasource through the OGR API;
// the increment is one SQL UPDATE on drivers whose native SQL takes it (GeoPackage, SQLite,
// PostgreSQL), so that concurrent loads into PostGIS serialize on the row instead of losing one.
#include <gdal_priv.h>

#include <cstdint>
#include <string>

namespace layers {

// The revision; 0 when the table or the row is absent. Throws StoreError (naming `connection`) for a
// value that is not a non-negative decimal integer.
std::int64_t read_revision(GDALDataset& dataset, const std::string& connection);

// Creates the table in a new store with the revision row set to `revision`. Throws StoreError.
void write_meta_table(GDALDataset& dataset, std::int64_t revision, const std::string& connection);

// Increments the revision inside the caller's transaction, creating the table or the row when absent
// (absence counts as 0), and returns the new value. Throws StoreError.
std::int64_t increment_revision(GDALDataset& dataset, const std::string& connection);

}  // namespace layers
