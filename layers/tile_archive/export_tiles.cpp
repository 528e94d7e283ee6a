#include "layers/tile_archive/export_tiles.hpp"

#include "layers/cli/progress_bar.hpp"
#include "layers/tile_archive/tile_archive.hpp"
#include "layers/tiles/tile_source.hpp"
#include "layers/tiles/tileset_metadata.hpp"

#include <chrono>
#include <ostream>
#include <stdexcept>

namespace layers::tiles {
ExportReport export_tiles(const ServedSnapshot& snapshot, const ExportOptions& options, std::ostream& progress) {
  if (options.min_zoom < 0 || options.max_zoom > kMaxZoom || options.min_zoom > options.max_zoom) {
    throw std::invalid_argument("zoom range " + std::to_string(options.min_zoom) + "-" +
                                std::to_string(options.max_zoom) + " is not within 0-" + std::to_string(kMaxZoom));
  }
  const auto start = std::chrono::steady_clock::now();
  const std::vector<std::uint32_t> positions = all_if_empty(snapshot, options.layers);
  const geo::Envelope bounds = tileset_bounds(snapshot, positions);
  const MapCenter center = map_center(snapshot, bounds);

  ArchiveMetadata metadata;
  metadata.name = kTilesetName;
  metadata.description = kTilesetDescription;
  metadata.attribution = kTilesetAttribution;
  metadata.minzoom = options.min_zoom;
  metadata.maxzoom = options.max_zoom;
  metadata.west = bounds.min_x;
  metadata.south = bounds.min_y;
  metadata.east = bounds.max_x;
  metadata.north = bounds.max_y;
  metadata.center_lon = center.lon;
  metadata.center_lat = center.lat;
  metadata.center_zoom = std::clamp(center.zoom, options.min_zoom, options.max_zoom);
  metadata.vector_layers_json = vector_layers(snapshot, snapshot.tiles(), positions).dump();
  const auto writer = options.format == ArchiveFormat::MBTiles ? open_mbtiles_writer(options.out, metadata)
                                                               : open_pmtiles_writer(options.out, metadata);

  std::uint64_t total = 0;
  for (int z = options.min_zoom; z <= options.max_zoom; ++z) total += geo::tiles_covering(bounds, z).count();
  ExportReport report;
  ProgressBar bar(progress, total, "tiles");
  for (int z = options.min_zoom; z <= options.max_zoom; ++z) {
    const geo::TileRange range = geo::tiles_covering(bounds, z);
    std::uint64_t written_here = 0;
    std::string zoom_note = "z";  // appended, not "z" + temporary: g++ 12 warns wrongly (-Wrestrict) on that
    zoom_note += std::to_string(z);
    for (std::uint32_t y = range.min_y; y <= range.max_y; ++y) {
      for (std::uint32_t x = range.min_x; x <= range.max_x; ++x) {
        const std::string mvt = snapshot.tiles().render({z, x, y}, positions);
        ++report.tiles_visited;
        if (!mvt.empty()) {
          writer->add({z, x, y}, mvt);
          ++report.tiles_written;
          ++written_here;
          report.bytes += mvt.size();
          report.largest_tile = std::max<std::uint64_t>(report.largest_tile, mvt.size());
        }
        if (options.progress_bar && report.tiles_visited % 64 == 0) bar.draw(report.tiles_visited, zoom_note);
      }
    }
    if (options.progress_bar) {
      bar.draw(report.tiles_visited, zoom_note);
    } else {
      progress << "z" << z << ": " << written_here << " tiles of " << range.count() << " (" << report.tiles_visited
               << "/" << total << ")\n";
    }
  }
  if (options.progress_bar) bar.finish();
  writer->finish();
  report.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return report;
}

}  // namespace layers::tiles
