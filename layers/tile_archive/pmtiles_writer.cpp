// PMTiles v3: header, root directory, JSON metadata, leaf directories, tile data, in that order.
// Tiles arrive in any order; their gzip-compressed bytes go to a scratch file beside the output as
// they come (identical contents stored once), and finish() lays them out sorted by tile id
// (clustered), with runs of consecutive ids that share contents folded into one entry. Memory
// holds a few dozen bytes of bookkeeping per tile, never the tiles themselves.
#include "layers/tile_archive/archive_rules.hpp"
#include "layers/tile_archive/binary_file.hpp"
#include "layers/tiles/gzip.hpp"
#include "layers/tile_archive/pmtiles_format.hpp"
#include "layers/tile_archive/staged_file.hpp"
#include "layers/tile_archive/tile_archive.hpp"

#include <algorithm>
#include <functional>
#include <limits>
#include <optional>
#include <stdexcept>
#include <unordered_map>
#include <unordered_set>
#include <vector>

namespace layers::tiles {
namespace {

// A scratch file beside `out` (on the file system the user chose for the archive, not /tmp) whose
// name is gone as soon as it is open: the StagedFile naming it removes it on return. The tiles stay
// reachable through the descriptor and vanish when it closes, even if the process is killed.
BinaryFile unnamed_scratch_file(const std::filesystem::path& out) {
  const StagedFile name(out, "tiles-tmp");
  return BinaryFile(name.path());
}

struct StoredTile {
  std::uint64_t id;
  std::uint32_t content;  // index into contents_
};

struct Content {
  std::uint64_t scratch_offset;
  std::uint32_t length;
};

class PmtilesWriter final : public TileArchiveWriter {
 public:
  PmtilesWriter(const std::filesystem::path& out, const ArchiveMetadata& metadata)
      : metadata_(metadata),
        vector_layers_(checked_vector_layers(metadata)),
        staged_(out, "tmp"),
        scratch_(unnamed_scratch_file(out)) {}

  void add(TileCoord tile, std::string_view mvt) override {
    if (finished_) throw std::logic_error("PMTiles writer: add() after finish()");
    check_tile(tile, mvt, metadata_);
    const std::uint64_t id = pmtiles::tile_id(tile);
    if (!ids_.insert(id).second) throw std::invalid_argument("tile archive: tile " + to_string(tile) + " added twice");
    tiles_.push_back({id, store(gzip_compress(mvt))});
  }

  void finish() override {
    if (finished_) throw std::logic_error("PMTiles writer: finish() called twice");
    finished_ = true;
    if (tiles_.empty()) throw std::invalid_argument("tile archive: a PMTiles archive needs at least one tile");
    std::sort(tiles_.begin(), tiles_.end(), [](const StoredTile& a, const StoredTile& b) { return a.id < b.id; });

    // Contents in the order of their first tile, each at its place in the tile data section.
    std::vector<std::optional<std::uint64_t>> placed(contents_.size());
    std::vector<std::uint32_t> order;
    std::vector<pmtiles::Entry> entries;
    std::uint64_t data_length = 0;
    for (const StoredTile& tile : tiles_) {
      auto& offset = placed[tile.content];
      if (!offset) {
        offset = data_length;
        data_length += contents_[tile.content].length;
        order.push_back(tile.content);
      }
      pmtiles::Entry* last = entries.empty() ? nullptr : &entries.back();
      if (last != nullptr && last->offset == *offset && last->tile_id + last->run_length == tile.id &&
          last->run_length < std::numeric_limits<std::uint32_t>::max()) {
        ++last->run_length;
      } else {
        entries.push_back({tile.id, *offset, contents_[tile.content].length, 1});
      }
    }

    const pmtiles::Directories directories = pmtiles::build_directories(entries);
    // Text that is not UTF-8 (a name from a misencoded source) is written with U+FFFD, not refused.
    const std::string metadata =
        gzip_compress(metadata_json().dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
    pmtiles::Header header = header_fields();
    header.root_offset = pmtiles::kHeaderBytes;
    header.root_length = directories.root.size();
    header.metadata_offset = header.root_offset + header.root_length;
    header.metadata_length = metadata.size();
    header.leaf_offset = header.metadata_offset + header.metadata_length;
    header.leaf_length = directories.leaves.size();
    header.data_offset = header.leaf_offset + header.leaf_length;
    header.data_length = data_length;
    header.addressed_tiles = tiles_.size();
    header.tile_entries = entries.size();
    header.tile_contents = order.size();
    header.clustered = true;  // contents in tile id order; a repeat points back to an earlier offset

    BinaryFile archive(staged_.path());
    archive.append(pmtiles::encode_header(header));
    archive.append(directories.root);
    archive.append(metadata);
    archive.append(directories.leaves);
    for (const std::uint32_t content : order) {
      archive.append(scratch_.read_at(contents_[content].scratch_offset, contents_[content].length));
    }
    archive.sync_and_close();
    staged_.commit();
  }

 private:
  // The index of `bytes` among the contents, stored in the scratch file if new. Equal hashes are
  // confirmed against the stored bytes, so a collision costs a read, never a wrong tile.
  std::uint32_t store(const std::string& bytes) {
    if (bytes.size() > std::numeric_limits<std::uint32_t>::max()) {
      throw std::invalid_argument("tile archive: a tile over 4 GiB compressed");
    }
    const std::size_t hash = std::hash<std::string_view>{}(bytes);
    const auto [first, last] = by_hash_.equal_range(hash);
    for (auto it = first; it != last; ++it) {
      const Content& candidate = contents_[it->second];
      if (candidate.length == bytes.size() && scratch_.read_at(candidate.scratch_offset, candidate.length) == bytes) {
        return it->second;
      }
    }
    const auto index = static_cast<std::uint32_t>(contents_.size());
    contents_.push_back({scratch_.size(), static_cast<std::uint32_t>(bytes.size())});
    scratch_.append(bytes);
    by_hash_.emplace(hash, index);
    return index;
  }

  [[nodiscard]] nlohmann::json metadata_json() const {
    return {{"name", metadata_.name},
            {"description", metadata_.description},
            {"attribution", metadata_.attribution},
            {"type", "overlay"},
            {"vector_layers", vector_layers_}};
  }

  [[nodiscard]] pmtiles::Header header_fields() const {
    pmtiles::Header header;
    header.internal_compression = pmtiles::Compression::Gzip;
    header.tile_compression = pmtiles::Compression::Gzip;
    header.tile_type = pmtiles::TileType::Mvt;
    header.min_zoom = static_cast<std::uint8_t>(metadata_.minzoom);
    header.max_zoom = static_cast<std::uint8_t>(metadata_.maxzoom);
    header.min_lon = metadata_.west;
    header.min_lat = metadata_.south;
    header.max_lon = metadata_.east;
    header.max_lat = metadata_.north;
    header.center_zoom = static_cast<std::uint8_t>(metadata_.center_zoom);
    header.center_lon = metadata_.center_lon;
    header.center_lat = metadata_.center_lat;
    return header;
  }

  const ArchiveMetadata metadata_;
  const nlohmann::json vector_layers_;
  StagedFile staged_;
  BinaryFile scratch_;
  std::vector<StoredTile> tiles_;
  std::vector<Content> contents_;
  std::unordered_multimap<std::size_t, std::uint32_t> by_hash_;
  std::unordered_set<std::uint64_t> ids_;
  bool finished_ = false;
};

}  // namespace

std::unique_ptr<TileArchiveWriter> open_pmtiles_writer(const std::filesystem::path& out,
                                                       const ArchiveMetadata& metadata) {
  return std::make_unique<PmtilesWriter>(out, metadata);
}

}  // namespace layers::tiles
