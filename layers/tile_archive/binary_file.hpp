#pragma once
// A file descriptor owned by RAII, for writing archives byte by byte: appends, reads back at an
// offset, and reports every failure as ArchiveError naming the file and errno's reason.
#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>

namespace layers::tiles {

class BinaryFile {
 public:
  // Creates `path` (truncating a file there), open for reading and writing.
  explicit BinaryFile(std::filesystem::path path);
  BinaryFile(const BinaryFile&) = delete;
  BinaryFile& operator=(const BinaryFile&) = delete;
  BinaryFile(BinaryFile&& other) noexcept;
  BinaryFile& operator=(BinaryFile&&) = delete;
  ~BinaryFile();  // closes without reporting errors: call close() to see them

  void append(std::string_view bytes);
  [[nodiscard]] std::string read_at(std::uint64_t offset, std::size_t length) const;
  [[nodiscard]] std::uint64_t size() const noexcept { return size_; }
  // Flushes to the disk (before a rename makes the file the archive) and closes.
  void sync_and_close();

 private:
  [[noreturn]] void fail(const char* what) const;
  std::filesystem::path path_;
  int fd_ = -1;
  std::uint64_t size_ = 0;
};

}  // namespace layers::tiles
