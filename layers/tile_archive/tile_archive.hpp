#pragma once
// Writers of single-file tile archives for a static export of a vector-tile pyramid
// (`layoutctl export-tiles --format mbtiles|pmtiles OUT`): MBTiles 1.3 and PMTiles v3.
//
// Every writer builds its archive in a temporary file beside `out` and renames it over `out` in
// finish(), so a failed or abandoned export never leaves a half-written archive at `out`, and an
// archive already there is replaced only by a complete one.
#include <cstdint>
#include <filesystem>
#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>

namespace layers::tiles {

// XYZ scheme: y grows southwards, as in /tiles/{z}/{x}/{y}.
struct TileCoord {
  int z;
  std::uint32_t x;
  std::uint32_t y;
};

struct ArchiveMetadata {
  std::string name, description, attribution;
  int minzoom = 0, maxzoom = 14;
  double west = 0, south = 0, east = 0, north = 0;  // bounds, lon/lat
  double center_lon = 0, center_lat = 0;
  int center_zoom = 0;
  std::string vector_layers_json;  // the JSON array TileJSON calls vector_layers
};

// The archive could not be written (file system, SQLite). what() names the file and the reason.
class ArchiveError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

class TileArchiveWriter {
 public:
  TileArchiveWriter() = default;
  TileArchiveWriter(const TileArchiveWriter&) = delete;
  TileArchiveWriter& operator=(const TileArchiveWriter&) = delete;
  TileArchiveWriter(TileArchiveWriter&&) = delete;
  TileArchiveWriter& operator=(TileArchiveWriter&&) = delete;
  virtual ~TileArchiveWriter() = default;

  // `mvt` is the uncompressed MVT bytes; the writer compresses as its format requires. Empty tiles
  // are not added by callers. Tiles may come in any order. Throws std::invalid_argument for a tile
  // outside the zoom range of the metadata or the grid of its zoom, an empty tile, or a tile added
  // twice; ArchiveError when writing fails.
  virtual void add(TileCoord tile, std::string_view mvt) = 0;
  // Writes indexes and metadata, closes, and moves the archive to `out`. A writer destroyed
  // without finish(), or whose finish() threw, leaves no file of its own behind and `out` as it was.
  virtual void finish() = 0;
};

// Both throw std::invalid_argument for metadata that cannot be written (zoom range outside 0..26,
// vector_layers_json not a JSON array) and ArchiveError when the temporary file cannot be created.
std::unique_ptr<TileArchiveWriter> open_mbtiles_writer(const std::filesystem::path& out, const ArchiveMetadata&);
std::unique_ptr<TileArchiveWriter> open_pmtiles_writer(const std::filesystem::path& out, const ArchiveMetadata&);

}  // namespace layers::tiles
