#pragma once
// The binary pieces of a PMTiles v3 archive
// (https://github.com/protomaps/PMTiles/blob/main/spec/v3/spec.md): tile ids on the Hilbert curve,
// directories, and the 127-byte header. Pure functions of their input; pmtiles_writer.cpp puts
// them into a file.
#include "layers/tile_archive/tile_archive.hpp"

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>

namespace layers::tiles::pmtiles {

inline constexpr std::size_t kHeaderBytes = 127;
// Header and root directory together fit in the first 16 KiB, which latency-optimised clients
// fetch in one request before anything else.
inline constexpr std::size_t kMaxRootBytes = 16384 - kHeaderBytes;

enum class Compression : std::uint8_t { Unknown = 0, None = 1, Gzip = 2, Brotli = 3, Zstd = 4 };
enum class TileType : std::uint8_t { Unknown = 0, Mvt = 1 };

// The tiles of all lower zooms (sum of 4^i for i < z) plus the tile's position on its zoom's
// Hilbert curve, so ids sort by zoom, then along the curve.
[[nodiscard]] std::uint64_t tile_id(TileCoord tile);

// RunLength tiles from TileId on share the bytes at Offset; RunLength 0 points to a leaf directory.
struct Entry {
  std::uint64_t tile_id = 0;
  std::uint64_t offset = 0;  // into the tile data section (a leaf: into the leaf directory section)
  std::uint32_t length = 0;
  std::uint32_t run_length = 0;
};

// The serialized directory before compression: the entry count, then columns of varints: tile id
// deltas, run lengths, lengths, and offsets (0 for "right after the previous entry", else offset + 1).
[[nodiscard]] std::string encode_directory(std::span<const Entry> entries);

// The root directory and the leaf directories, each gzip-compressed.
struct Directories {
  std::string root;
  std::string leaves;  // the leaf directory section, empty when the root holds every entry
  std::size_t leaf_count = 0;
};

// Everything in the root when it compresses to at most `max_root_bytes`; otherwise the entries are
// cut into leaves of 4096, 8192, ... entries until the root of pointers to them fits. `entries` are
// sorted by tile id and non-empty. Throws std::length_error when even one leaf pointer is too big.
[[nodiscard]] Directories build_directories(std::span<const Entry> entries, std::size_t max_root_bytes = kMaxRootBytes);

struct Header {
  std::uint64_t root_offset = 0, root_length = 0;
  std::uint64_t metadata_offset = 0, metadata_length = 0;
  std::uint64_t leaf_offset = 0, leaf_length = 0;
  std::uint64_t data_offset = 0, data_length = 0;
  std::uint64_t addressed_tiles = 0, tile_entries = 0, tile_contents = 0;
  bool clustered = false;
  Compression internal_compression = Compression::Gzip;
  Compression tile_compression = Compression::Gzip;
  TileType tile_type = TileType::Mvt;
  std::uint8_t min_zoom = 0, max_zoom = 0;
  double min_lon = 0, min_lat = 0, max_lon = 0, max_lat = 0;  // degrees, stored as int32 of 1e-7°
  std::uint8_t center_zoom = 0;
  double center_lon = 0, center_lat = 0;
};

// Exactly kHeaderBytes bytes, integers little-endian.
[[nodiscard]] std::string encode_header(const Header& header);

}  // namespace layers::tiles::pmtiles
