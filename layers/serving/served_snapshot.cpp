#include "layers/serving/served_snapshot.hpp"

#include "layers/store/store_reader.hpp"

namespace layers {

SnapshotPtr load_snapshot(const std::string& connection, std::uint64_t version) {
  StoreContents contents = read_store(connection);
  return std::make_shared<const ServedSnapshot>(std::move(contents.layers), connection, version, contents.revision);
}

}  // namespace layers
