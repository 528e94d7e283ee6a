#pragma once
// Opening a store to read it. A GeoPackage whose writer was killed mid-transaction (kill -9, a
// power cut) is left with a "hot" rollback journal beside it; SQLite rolls it back on the next
// open that may write, but every read-only open fails ("attempt to write a readonly database")
// until one happens. So before a read-only open of a store file with a non-empty -journal, the
// journal is rolled back through one read-write SQLite connection: the store then holds the
// revision before the interrupted write, as SQLite guarantees. A journal that is not hot (a
// writer still running holds its lock) is left to that writer: SQLite decides, not this code.
#include <gdal_priv.h>

#include <string>

namespace layers {

// GDALDataset::Open(connection, GDAL_OF_VECTOR | GDAL_OF_READONLY | extra_flags), after the
// recovery above for a file store. Null when GDAL cannot open it (its error is in CPLGetLastErrorMsg).
GDALDatasetUniquePtr open_store_read_only(const std::string& connection, unsigned extra_flags = 0);

// The recovery alone: true when a hot journal was found and rolled back.
bool recover_interrupted_write(const std::string& connection);

}  // namespace layers
