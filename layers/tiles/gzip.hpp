#pragma once
// gzip (RFC 1952) through zlib: tiles are sent with Content-Encoding: gzip and stored gzipped in
// MBTiles and PMTiles archives.
#include <string>
#include <string_view>

namespace layers::tiles {

// Throws std::runtime_error naming zlib's complaint.
[[nodiscard]] std::string gzip_compress(std::string_view data, int level = 6);
[[nodiscard]] std::string gzip_decompress(std::string_view data);

}  // namespace layers::tiles
