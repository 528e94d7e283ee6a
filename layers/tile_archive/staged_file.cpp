#include "layers/tile_archive/staged_file.hpp"

#include "layers/tile_archive/tile_archive.hpp"

#include <unistd.h>
#include <atomic>
#include <string>
#include <system_error>

namespace layers::tiles {
namespace {

// Several writers in one process (tests, two exports at once) each get their own name.
std::atomic<unsigned> staged_count{0};

}  // namespace

StagedFile::StagedFile(std::filesystem::path destination, std::string_view purpose)
    : destination_(std::move(destination)) {
  const std::filesystem::path directory = destination_.parent_path().empty() ? "." : destination_.parent_path();
  std::error_code ec;
  if (!std::filesystem::is_directory(directory, ec)) {
    throw ArchiveError("'" + destination_.string() + "': the directory '" + directory.string() + "' does not exist");
  }
  // Appended piece by piece: g++ 12 sees a false -Wrestrict in the one-expression concatenation.
  std::string suffix = ".";
  suffix += purpose;
  suffix += '-';
  suffix += std::to_string(::getpid());
  suffix += '-';
  suffix += std::to_string(staged_count++);
  path_ = destination_;
  path_ += suffix;
  // A leftover of an earlier process that had the same pid and died before cleaning up.
  std::filesystem::remove(path_, ec);
}

StagedFile::~StagedFile() {
  if (committed_) return;
  std::error_code ignored;  // the file may never have been created
  std::filesystem::remove(path_, ignored);
}

void StagedFile::commit() {
  std::error_code ec;
  std::filesystem::rename(path_, destination_, ec);
  if (ec)
    throw ArchiveError("'" + destination_.string() + "': cannot move the finished archive into place: " + ec.message());
  committed_ = true;
}

}  // namespace layers::tiles
