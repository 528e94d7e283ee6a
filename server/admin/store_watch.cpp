#include "server/admin/store_watch.hpp"

#include "layers/store/store_error.hpp"
#include "layers/store/store_revision.hpp"
#include "server/http/log.hpp"
#include "server/http/redact.hpp"

#include <sys/stat.h>

namespace server {
namespace {

std::int64_t mtime_ns(const struct stat& info) {
  return static_cast<std::int64_t>(info.st_mtim.tv_sec) * 1'000'000'000 + info.st_mtim.tv_nsec;
}

class FileWatch final : public StoreWatch {
 public:
  explicit FileWatch(std::filesystem::path path) : path_(std::move(path)), settled_(file_signature(path_)) {}
  bool changed() override { return settled_.observe(file_signature(path_)); }
  [[nodiscard]] std::string_view trigger() const noexcept override { return "file"; }
  void reloading() override { settled_.attempted(file_signature(path_)); }

 private:
  std::filesystem::path path_;
  SettledChange<FileSignature> settled_;
};

class RevisionWatch final : public StoreWatch {
 public:
  explicit RevisionWatch(std::string connection) : connection_(std::move(connection)) {}
  bool changed() override {
    std::int64_t revision = 0;
    try {
      revision = layers::read_store_revision(connection_);
    } catch (const std::exception& e) {
      // The store may be down for a while: say so once, not every interval.
      const std::string message = redact_secrets(e.what());
      if (message != last_error_) log_error("store watch: cannot read the store's revision: " + message);
      last_error_ = message;
      return false;
    }
    if (!last_error_.empty()) log_info("store watch: the store's revision is readable again");
    last_error_.clear();
    if (attempted_ && revision == *attempted_) return false;
    attempted_ = revision;
    return true;
  }
  [[nodiscard]] std::string_view trigger() const noexcept override { return "revision"; }
  void served(const layers::Snapshot& snapshot) override { attempted_ = snapshot.store_revision(); }

 private:
  std::string connection_;
  std::optional<std::int64_t> attempted_;  // unknown until the first snapshot is served
  std::string last_error_;
};

}  // namespace

FileSignature file_signature(const std::filesystem::path& path) {
  FileSignature signature;
  struct stat info {};
  if (::stat(path.c_str(), &info) != 0) return signature;
  signature.exists = true;
  signature.inode = info.st_ino;
  signature.size = static_cast<std::uint64_t>(info.st_size);
  signature.mtime_ns = mtime_ns(info);
  std::filesystem::path wal = path;
  wal += "-wal";
  if (::stat(wal.c_str(), &info) == 0) {
    signature.wal_size = static_cast<std::uint64_t>(info.st_size);
    signature.wal_mtime_ns = mtime_ns(info);
  }
  return signature;
}

std::unique_ptr<StoreWatch> watch_file(std::filesystem::path path) {
  return std::make_unique<FileWatch>(std::move(path));
}

std::unique_ptr<StoreWatch> watch_revision(std::string connection) {
  return std::make_unique<RevisionWatch>(std::move(connection));
}

std::unique_ptr<StoreWatch> watch_store(const std::string& store) {
  std::error_code ec;
  if (std::filesystem::is_regular_file(store, ec)) return watch_file(store);
  return watch_revision(store);
}

}  // namespace server
