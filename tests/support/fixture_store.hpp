#pragma once
// A small store that follows the schema, for tests that need one without the real dataset: two
// layers (a polygon layer with an overlap, a line layer with band_m), Chinese names included.
#include "layers/model/layer.hpp"

#include <filesystem>
#include <vector>

namespace test_support {

std::vector<layers::Layer> sample_layers();
void write_sample_store(const std::filesystem::path& path);

// A fresh empty directory under the system temp dir, removed by the destructor.
class TempDir {
 public:
  TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  ~TempDir();
  [[nodiscard]] const std::filesystem::path& path() const noexcept { return path_; }
  [[nodiscard]] std::filesystem::path operator/(const std::string& name) const { return path_ / name; }

 private:
  std::filesystem::path path_;
};

}  // namespace test_support
