#include "layers/tile_archive/binary_file.hpp"

#include "layers/tile_archive/tile_archive.hpp"

#include <fcntl.h>
#include <unistd.h>
#include <cerrno>
#include <cstring>
#include <utility>

namespace layers::tiles {

BinaryFile::BinaryFile(std::filesystem::path path) : path_(std::move(path)) {
  fd_ = ::open(path_.c_str(), O_RDWR | O_CREAT | O_TRUNC | O_CLOEXEC, 0666);
  if (fd_ < 0) fail("cannot create");
}

BinaryFile::BinaryFile(BinaryFile&& other) noexcept
    : path_(std::move(other.path_)), fd_(std::exchange(other.fd_, -1)), size_(other.size_) {}

BinaryFile::~BinaryFile() {
  if (fd_ >= 0) ::close(fd_);
}

void BinaryFile::fail(const char* what) const {
  throw ArchiveError("'" + path_.string() + "': " + what + ": " + std::strerror(errno));
}

void BinaryFile::append(std::string_view bytes) {
  while (!bytes.empty()) {
    const ssize_t written = ::pwrite(fd_, bytes.data(), bytes.size(), static_cast<off_t>(size_));
    if (written < 0) {
      if (errno == EINTR) continue;
      fail("cannot write");
    }
    size_ += static_cast<std::uint64_t>(written);
    bytes.remove_prefix(static_cast<std::size_t>(written));
  }
}

std::string BinaryFile::read_at(std::uint64_t offset, std::size_t length) const {
  std::string bytes(length, '\0');
  std::size_t done = 0;
  while (done < length) {
    const ssize_t read = ::pread(fd_, bytes.data() + done, length - done, static_cast<off_t>(offset + done));
    if (read < 0) {
      if (errno == EINTR) continue;
      fail("cannot read");
    }
    if (read == 0) {
      throw ArchiveError("'" + path_.string() + "': cannot read: the file ends before offset " +
                         std::to_string(offset + length));
    }
    done += static_cast<std::size_t>(read);
  }
  return bytes;
}

void BinaryFile::sync_and_close() {
  if (::fsync(fd_) != 0) fail("cannot flush to disk");
  const int fd = fd_;
  fd_ = -1;  // close() releases the descriptor even when it reports an error
  if (::close(fd) != 0) fail("cannot close");
}

}  // namespace layers::tiles
