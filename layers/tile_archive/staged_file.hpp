#pragma once
// A file built under a temporary name beside its destination (same directory, so the same file
// system and an atomic rename) and moved over the destination only when complete.
#include <filesystem>
#include <string_view>

namespace layers::tiles {

class StagedFile {
 public:
  // Names a temporary file "<destination>.<purpose>-<pid>-<n>" that does not exist yet; creating it
  // is the caller's. Throws ArchiveError when the destination's directory does not exist.
  StagedFile(std::filesystem::path destination, std::string_view purpose);
  StagedFile(const StagedFile&) = delete;
  StagedFile& operator=(const StagedFile&) = delete;
  StagedFile(StagedFile&&) = delete;
  StagedFile& operator=(StagedFile&&) = delete;
  // Removes the temporary file unless commit() moved it.
  ~StagedFile();

  [[nodiscard]] const std::filesystem::path& path() const noexcept { return path_; }
  [[nodiscard]] const std::filesystem::path& destination() const noexcept { return destination_; }
  // Renames the temporary file over the destination (replacing a file there). Throws ArchiveError.
  void commit();

 private:
  std::filesystem::path destination_;
  std::filesystem::path path_;
  bool committed_ = false;
};

}  // namespace layers::tiles
