#include "layers/store/open_store.hpp"

#include <sqlite3.h>

#include <filesystem>
#include <system_error>

namespace layers {

bool recover_interrupted_write(const std::string& connection) {
  std::error_code ec;
  const std::filesystem::path journal(connection + "-journal");
  if (!std::filesystem::is_regular_file(connection, ec) || std::filesystem::file_size(journal, ec) == 0 || ec) {
    return false;  // not a file store, or no journal with content: nothing to roll back
  }
  sqlite3* db = nullptr;
  // SQLITE_OPEN_READWRITE without CREATE: never makes a file. The first read takes a shared lock,
  // finds the journal hot (no writer holds it) and rolls it back.
  bool rolled_back = false;
  if (sqlite3_open_v2(connection.c_str(), &db, SQLITE_OPEN_READWRITE, nullptr) == SQLITE_OK) {
    rolled_back = sqlite3_exec(db, "SELECT count(*) FROM sqlite_master", nullptr, nullptr, nullptr) == SQLITE_OK;
  }
  sqlite3_close(db);  // also for a failed open, which may still hand back a handle
  return rolled_back && std::filesystem::file_size(journal, ec) == 0;
}

GDALDatasetUniquePtr open_store_read_only(const std::string& connection, unsigned extra_flags) {
  recover_interrupted_write(connection);
  return GDALDatasetUniquePtr(GDALDataset::Open(connection.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY | extra_flags));
}

}  // namespace layers
