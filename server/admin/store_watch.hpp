#pragma once
// Notices that the store changed; the reloader polls it every --watch-interval.
// - A file store (a GeoPackage) by its stat: inode, size and modification time, and those of its
//   SQLite -wal file. A writer changes them several times while it works, so a change counts only
//   once the signature has held still for a whole interval (debounce); an atomic rename of a new
//   copy is seen the same way.
// - Any other store (PostGIS) by its revision row (store_revision.hpp), read on a short-lived
//   connection: it changes once, when the writer commits.
// A change that was attempted is not reported again, whatever the reload's outcome: a store that
// fails validation is retried when it changes next, not every interval.
#include "layers/model/snapshot.hpp"

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

namespace server {

class StoreWatch {
 public:
  virtual ~StoreWatch() = default;
  // Polls the store; true when a reload should run now.
  virtual bool changed() = 0;
  // The trigger named in logs and outcomes ("file", "revision").
  [[nodiscard]] virtual std::string_view trigger() const noexcept = 0;
  // A reload, whatever asked for it, is about to read the store.
  virtual void reloading() {}
  // This snapshot is now served (the first one, and each reloaded one).
  virtual void served(const layers::Snapshot& /*snapshot*/) {}
};

// The stat-based watch of a file store; the baseline is taken now, so construct it before the
// store is first read.
std::unique_ptr<StoreWatch> watch_file(std::filesystem::path path);
// The revision-based watch of any store; the baseline comes from served().
std::unique_ptr<StoreWatch> watch_revision(std::string connection);
// watch_file for a path to an existing file, else watch_revision.
std::unique_ptr<StoreWatch> watch_store(const std::string& store);

// What identifies a file's content without reading it.
struct FileSignature {
  bool exists = false;
  std::uint64_t inode = 0;
  std::uint64_t size = 0;
  std::int64_t mtime_ns = 0;
  std::uint64_t wal_size = 0;  // the SQLite write-ahead log beside it, if any
  std::int64_t wal_mtime_ns = 0;
  friend bool operator==(const FileSignature&, const FileSignature&) = default;
};
FileSignature file_signature(const std::filesystem::path& path);

// The debounce, apart from the I/O so it can be tested: fed one observation per poll, says when a
// value differing from the last attempted one has held still for one poll.
template <typename Value>
class SettledChange {
 public:
  explicit SettledChange(Value attempted) : attempted_(std::move(attempted)) {}
  bool observe(const Value& now) {
    if (now == attempted_) {
      candidate_.reset();
      return false;
    }
    if (candidate_ && *candidate_ == now) {
      attempted_ = now;
      candidate_.reset();
      return true;
    }
    candidate_ = now;
    return false;
  }
  void attempted(Value value) {
    attempted_ = std::move(value);
    candidate_.reset();
  }

 private:
  Value attempted_;
  std::optional<Value> candidate_;
};

}  // namespace server
