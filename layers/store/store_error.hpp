#pragma once
#include <stdexcept>
#include <string>

namespace layers {

// A store (GeoPackage, PostGIS, any OGR datasource) could not be read or written. what() is one line
// naming the store and the reason, fit for a CLI message or a log line.
class StoreError : public std::runtime_error {
 public:
  StoreError(std::string store, std::string reason)
      : std::runtime_error("'" + store + "': " + reason), store_(std::move(store)), reason_(std::move(reason)) {}
  [[nodiscard]] const std::string& store() const noexcept { return store_; }
  [[nodiscard]] const std::string& reason() const noexcept { return reason_; }

 private:
  std::string store_;
  std::string reason_;
};

}  // namespace layers
