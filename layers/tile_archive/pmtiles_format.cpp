#include "layers/tile_archive/pmtiles_format.hpp"

#include "geo/hilbert.hpp"
#include "layers/tiles/gzip.hpp"

#include <cmath>
#include <stdexcept>
#include <utility>
#include <vector>

namespace layers::tiles::pmtiles {
namespace {

void put_varint(std::string& out, std::uint64_t value) {
  while (value >= 0x80) {
    out.push_back(static_cast<char>((value & 0x7f) | 0x80));
    value >>= 7;
  }
  out.push_back(static_cast<char>(value));
}

template <typename Unsigned>
void put_little_endian(std::string& out, Unsigned value) {
  for (std::size_t i = 0; i < sizeof(Unsigned); ++i) out.push_back(static_cast<char>((value >> (8 * i)) & 0xff));
}

void put_degrees(std::string& out, double degrees) {
  put_little_endian(out, static_cast<std::uint32_t>(static_cast<std::int32_t>(std::llround(degrees * 1e7))));
}

// The root of pointers to leaves of `leaf_size` entries each, and the leaves.
Directories leaves_of(std::span<const Entry> entries, std::size_t leaf_size) {
  Directories directories;
  std::vector<Entry> pointers;
  for (std::size_t first = 0; first < entries.size(); first += leaf_size) {
    const std::string leaf =
        gzip_compress(encode_directory(entries.subspan(first, std::min(leaf_size, entries.size() - first))));
    pointers.push_back({entries[first].tile_id, directories.leaves.size(), static_cast<std::uint32_t>(leaf.size()), 0});
    directories.leaves += leaf;
  }
  directories.root = gzip_compress(encode_directory(pointers));
  directories.leaf_count = pointers.size();
  return directories;
}

}  // namespace

std::uint64_t tile_id(TileCoord tile) {
  const auto z = static_cast<unsigned>(tile.z);
  const std::uint64_t lower_zooms = ((std::uint64_t{1} << (2 * z)) - 1) / 3;  // sum of 4^i, i < z
  return lower_zooms + geo::hilbert_index(tile.x, tile.y, z);
}

std::string encode_directory(std::span<const Entry> entries) {
  std::string out;
  put_varint(out, entries.size());
  std::uint64_t last_id = 0;
  for (const Entry& entry : entries) {
    put_varint(out, entry.tile_id - last_id);
    last_id = entry.tile_id;
  }
  for (const Entry& entry : entries) put_varint(out, entry.run_length);
  for (const Entry& entry : entries) put_varint(out, entry.length);
  for (std::size_t i = 0; i < entries.size(); ++i) {
    const bool contiguous = i > 0 && entries[i].offset == entries[i - 1].offset + entries[i - 1].length;
    put_varint(out, contiguous ? 0 : entries[i].offset + 1);
  }
  return out;
}

Directories build_directories(std::span<const Entry> entries, std::size_t max_root_bytes) {
  if (entries.empty()) throw std::invalid_argument("PMTiles: a directory needs at least one entry");
  Directories single{gzip_compress(encode_directory(entries)), {}, 0};
  if (single.root.size() <= max_root_bytes) return single;
  for (std::size_t leaf_size = 4096;; leaf_size *= 2) {
    Directories split = leaves_of(entries, leaf_size);
    if (split.root.size() <= max_root_bytes) return split;
    if (split.leaf_count == 1) {
      throw std::length_error("PMTiles: a root directory of one leaf pointer exceeds " +
                              std::to_string(max_root_bytes) + " bytes");
    }
  }
}

std::string encode_header(const Header& header) {
  std::string out = "PMTiles";
  out.push_back(3);  // spec version
  for (const std::uint64_t value :
       {header.root_offset, header.root_length, header.metadata_offset, header.metadata_length, header.leaf_offset,
        header.leaf_length, header.data_offset, header.data_length, header.addressed_tiles, header.tile_entries,
        header.tile_contents}) {
    put_little_endian(out, value);
  }
  out.push_back(header.clustered ? 1 : 0);
  out.push_back(static_cast<char>(header.internal_compression));
  out.push_back(static_cast<char>(header.tile_compression));
  out.push_back(static_cast<char>(header.tile_type));
  out.push_back(static_cast<char>(header.min_zoom));
  out.push_back(static_cast<char>(header.max_zoom));
  put_degrees(out, header.min_lon);
  put_degrees(out, header.min_lat);
  put_degrees(out, header.max_lon);
  put_degrees(out, header.max_lat);
  out.push_back(static_cast<char>(header.center_zoom));
  put_degrees(out, header.center_lon);
  put_degrees(out, header.center_lat);
  return out;
}

}  // namespace layers::tiles::pmtiles
