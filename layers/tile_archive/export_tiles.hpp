#pragma once
// `layoutctl export-tiles`: every non-empty tile of a zoom range over the tile set's bounds,
// rendered from a snapshot and written to an MBTiles or PMTiles archive for static hosting.
#include "layers/serving/served_snapshot.hpp"

#include <cstdint>
#include <filesystem>
#include <iosfwd>
#include <string>
#include <vector>

namespace layers::tiles {

enum class ArchiveFormat { MBTiles, PMTiles };

struct ExportOptions {
  std::filesystem::path out;
  ArchiveFormat format = ArchiveFormat::PMTiles;
  int min_zoom = 0;
  int max_zoom = 12;
  std::vector<std::uint32_t> layers;  // catalogue positions; empty: every layer
  bool progress_bar = false;          // redraw one line (a terminal) instead of a line per zoom
};

struct ExportReport {
  std::uint64_t tiles_visited = 0;
  std::uint64_t tiles_written = 0;
  std::uint64_t bytes = 0;  // uncompressed MVT
  std::uint64_t largest_tile = 0;
  double seconds = 0;
};

// Throws std::invalid_argument for a zoom range outside [0, kMaxZoom]; the archive writers'
// exceptions otherwise (nothing is left at `out` unless the export completes).
ExportReport export_tiles(const ServedSnapshot& snapshot, const ExportOptions& options, std::ostream& progress);

}  // namespace layers::tiles
