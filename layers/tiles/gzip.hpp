#pragma once
// gzip (RFC 1952) through zlib: the wrapper the MBTiles spec asks of pbf tiles, PMTiles calls
// compression 2, and HTTP calls Content-Encoding: gzip.
#include <string>
#include <string_view>

namespace layers::tiles {

// The whole of `data` as one gzip member. `level` is zlib's: 0 (store) to 9 (smallest), -1 for
// zlib's default (6). Throws std::invalid_argument for another level, std::runtime_error if zlib
// fails (out of memory).
[[nodiscard]] std::string gzip_compress(std::string_view data, int level = 6);

// The data of every gzip member in `data`, concatenated (as `gzip -d` does). Throws
// std::runtime_error for anything that is not complete, intact gzip: a zlib or raw-deflate stream,
// a truncated member, a CRC mismatch.
[[nodiscard]] std::string gzip_decompress(std::string_view data);

}  // namespace layers::tiles
