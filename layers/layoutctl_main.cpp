// layoutctl: the command-line tool GIS staff use on a layoutd store.
#include "layers/build/build_store.hpp"
#include "layers/build/definition.hpp"
#include "layers/store_error.hpp"
#include "layers/store_reader.hpp"
#include "layers/store_report.hpp"
#include "layers/tiles/export_tiles.hpp"
#include "layers/tiles/tile_source.hpp"
#include "layers/validate.hpp"

#include <unistd.h>

#include <optional>

#include <iostream>
#include <span>
#include <string>
#include <string_view>

namespace {

constexpr std::string_view kUsage = R"(usage: layoutctl COMMAND [ARGS]

commands:
  info STORE       list the store's layers with their feature counts, extents and names
  validate STORE   check every layer and feature against the store schema; exit 1 if invalid
  build DEF_DIR -o STORE
                   compose the layout definition (data/layout) into a new store; nothing is
                   written unless every layer composes and validates
  export-tiles [--store STORE] [--minzoom N] [--maxzoom N] [--format mbtiles|pmtiles]
               [--layers ID,ID...] OUT
                   write every non-empty vector tile of the zoom range (default 0-12) over the
                   layers' bounds to an MBTiles or PMTiles archive (format from OUT's extension
                   when not given); OUT is replaced only when the export completes

STORE is a GeoPackage path (default store: data/layout.gpkg) or any GDAL vector connection
string, e.g. "PG:host=localhost dbname=layout".
)";

int usage_error(std::string_view message) {
  std::cerr << "layoutctl: " << message << "\n\n" << kUsage;
  return 2;
}

int export_tiles(std::span<char*> args) {
  std::string store = "data/layout.gpkg";
  std::optional<std::string> format;
  std::string layer_ids;
  layers::tiles::ExportOptions options;
  std::vector<std::string> positional;
  for (std::size_t i = 2; i < args.size(); ++i) {
    const std::string_view arg = args[i];
    const auto value = [&]() -> std::string {
      if (i + 1 >= args.size()) throw std::invalid_argument(std::string(arg) + " needs a value");
      return args[++i];
    };
    const auto zoom = [&]() {
      const std::string text = value();
      std::size_t used = 0;
      const int z = std::stoi(text, &used);
      if (used != text.size()) throw std::invalid_argument(std::string(arg) + ": '" + text + "' is not an integer");
      return z;
    };
    if (arg == "--store")
      store = value();
    else if (arg == "--minzoom")
      options.min_zoom = zoom();
    else if (arg == "--maxzoom")
      options.max_zoom = zoom();
    else if (arg == "--format")
      format = value();
    else if (arg == "--layers")
      layer_ids = value();
    else if (arg.starts_with("--"))
      return usage_error("export-tiles: unknown option " + std::string(arg));
    else
      positional.emplace_back(arg);
  }
  if (positional.size() != 1) return usage_error("export-tiles takes exactly one OUT archive");
  if (options.min_zoom < 0 || options.max_zoom > layers::tiles::kMaxZoom || options.min_zoom > options.max_zoom) {
    return usage_error("export-tiles: zooms must satisfy 0 <= --minzoom <= --maxzoom <= " +
                       std::to_string(layers::tiles::kMaxZoom));
  }
  options.out = positional.front();
  const std::string extension = options.out.extension().string();
  const std::string chosen = format.value_or(extension.empty() ? "" : extension.substr(1));
  if (chosen == "mbtiles")
    options.format = layers::tiles::ArchiveFormat::MBTiles;
  else if (chosen == "pmtiles")
    options.format = layers::tiles::ArchiveFormat::PMTiles;
  else
    return usage_error("export-tiles: --format must be mbtiles or pmtiles (or OUT must end in one)");

  const layers::SnapshotPtr snapshot = layers::load_snapshot(store, 1);
  for (std::size_t start = 0; start < layer_ids.size();) {
    const std::size_t comma = std::min(layer_ids.find(',', start), layer_ids.size());
    const std::string id = layer_ids.substr(start, comma - start);
    const int position = snapshot->layer_position(id);
    if (position < 0) throw std::invalid_argument("export-tiles: the store " + store + " has no layer '" + id + "'");
    options.layers.push_back(static_cast<std::uint32_t>(position));
    start = comma + 1;
  }
  options.progress_bar = isatty(STDERR_FILENO) == 1;
  const auto report = layers::tiles::export_tiles(*snapshot, options, std::cerr);
  std::cout << "wrote " << report.tiles_written << " tiles (" << report.tiles_visited << " visited, z"
            << options.min_zoom << "-" << options.max_zoom << ") to " << options.out.string() << " in "
            << report.seconds << " s; " << report.bytes << " bytes of MVT, largest tile " << report.largest_tile
            << " bytes\n";
  return 0;
}

int run(std::span<char*> args) {
  if (args.size() < 2) return usage_error("no command given");
  const std::string_view command = args[1];
  if (command == "-h" || command == "--help" || command == "help") {
    std::cout << kUsage;
    return 0;
  }
  if (command == "info" || command == "validate") {
    if (args.size() != 3) return usage_error(std::string(command) + " takes exactly one STORE");
    const std::string store = args[2];
    const layers::StoreContents contents = layers::read_store(store);
    if (command == "info") {
      layers::print_info(std::cout, store, contents);
      return 0;
    }
    const layers::ValidationReport report = layers::validate(contents.layers);
    layers::print_validation(std::cout, store, report);
    return report.ok() ? 0 : 1;
  }
  if (command == "build") {
    if (args.size() != 5 || std::string_view(args[3]) != "-o") return usage_error("usage: build DEF_DIR -o STORE");
    layers::build::build_store({args[2], args[4]}, std::cout);
    return 0;
  }
  if (command == "export-tiles") return export_tiles(args);
  return usage_error("unknown command '" + std::string(command) + "'");
}

}  // namespace

int main(int argc, char** argv) {
  // The one place errors become exit statuses: one line on stderr naming what failed and why.
  try {
    return run(std::span<char*>(argv, static_cast<std::size_t>(argc)));
  } catch (const layers::StoreError& e) {
    std::cerr << "layoutctl: store " << e.what() << "\n";
  } catch (const layers::build::DefinitionError& e) {
    std::cerr << "layoutctl: definition error: " << e.what() << "\n";
  } catch (const std::exception& e) {
    std::cerr << "layoutctl: " << e.what() << "\n";
  }
  return 1;
}
