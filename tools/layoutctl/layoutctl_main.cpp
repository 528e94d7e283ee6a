// layoutctl: the command-line tool GIS staff use on a layoutd store.
#include "layers/build/build_store.hpp"
#include "layers/build/definition.hpp"
#include "layers/cli/command_line.hpp"
#include "layers/store/export_layer.hpp"
#include "layers/load/load_arguments.hpp"
#include "layers/load/load_layer.hpp"
#include "layers/store/store_error.hpp"
#include "layers/store/store_reader.hpp"
#include "layers/store/store_report.hpp"
#include "layers/tile_archive/export_tiles.hpp"
#include "layers/tiles/tile_source.hpp"
#include "layers/model/validate.hpp"

#include <unistd.h>

#include <optional>

#include <iostream>
#include <span>
#include <string>
#include <string_view>

namespace {

constexpr std::string_view kUsageHead = R"(usage: layoutctl COMMAND [ARGS]

commands:
  info STORE       list the store's layers with their feature counts, extents, names and the
                   store revision
  validate STORE   check every layer and feature against the store schema; exit 1 if invalid
  build DEF_DIR -o STORE
                   compose the layout definition (data/layout) into a new store; nothing is
                   written unless every layer composes and validates
  export-tiles [--store STORE] [--minzoom N] [--maxzoom N] [--format mbtiles|pmtiles]
               [--layers ID,ID...] OUT
                   write every non-empty vector tile of the zoom range (default 0-12) over the
                   layers' bounds to an MBTiles or PMTiles archive (format from OUT's extension
                   when not given); OUT is replaced only when the export completes
)";

constexpr std::string_view kUsageTail = R"(  export --layer ID [--store STORE] [--format DRIVER] [--t_srs EPSG:N] OUT
                   write one layer with all its attributes to any OGR vector format (from OUT's
                   extension, or a GDAL driver name); OUT is replaced only when the export completes

STORE is a GeoPackage path (default store: data/layout.gpkg) or any GDAL vector connection
string, e.g. "PG:host=localhost dbname=layout".
)";

void print_usage(std::ostream& out) { out << kUsageHead << layers::load::kLoadUsage << kUsageTail; }

int usage_error(std::string_view message) {
  std::cerr << "layoutctl: " << message << "\n\n";
  print_usage(std::cerr);
  return 2;
}

int load(std::span<char*> args) {
  layers::load::LoadOptions options = layers::load::parse_load_arguments(args.subspan(2));
  options.progress_bar = isatty(STDERR_FILENO) == 1;
  const layers::load::LoadReport report = layers::load::load_layer(options, std::cerr);
  layers::load::print_report(std::cout, report);
  if (!report.refusal.empty()) {
    std::cerr << "layoutctl: load: nothing written: " << report.refusal << "\n";
    return 1;
  }
  return 0;
}

int export_layer(std::span<char*> args) {
  layers::ExportLayerOptions options;
  std::vector<std::string> positional;
  layers::ArgumentReader reader(args.subspan(2), "export");
  while (reader.next()) {
    const std::string_view arg = reader.current();
    if (arg == "--layer")
      options.layer = reader.value();
    else if (arg == "--store")
      options.store = reader.value();
    else if (arg == "--format")
      options.driver = reader.value();
    else if (arg == "--t_srs")
      options.target_srs = reader.value();
    else if (reader.is_option())
      reader.reject();
    else
      positional.emplace_back(arg);
  }
  if (positional.size() != 1) return usage_error("export takes exactly one OUT");
  if (options.layer.empty()) return usage_error("export: --layer ID names the layer to export");
  options.out = positional.front();
  const auto result = layers::export_layer(options);
  for (const auto& warning : result.warnings) std::cerr << "layoutctl: export: warning: " << warning << "\n";
  std::cout << "wrote " << result.features << " features of layer '" << options.layer << "' to " << options.out.string()
            << " (" << result.driver << (options.target_srs.empty() ? "" : ", " + options.target_srs) << ")\n";
  return 0;
}

int export_tiles(std::span<char*> args) {
  std::string store = "data/layout.gpkg";
  std::optional<std::string> format;
  std::string layer_ids;
  layers::tiles::ExportOptions options;
  std::vector<std::string> positional;
  layers::ArgumentReader reader(args.subspan(2), "export-tiles");
  while (reader.next()) {
    const std::string_view arg = reader.current();
    const auto value = [&] { return reader.value(); };
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
    else if (reader.is_option())
      reader.reject();
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
    print_usage(std::cout);
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
  if (command == "load") return load(args);
  if (command == "export") return export_layer(args);
  return usage_error("unknown command '" + std::string(command) + "'");
}

}  // namespace

int main(int argc, char** argv) {
  // The one place errors become exit statuses: one line on stderr naming what failed and why.
  try {
    return run(std::span<char*>(argv, static_cast<std::size_t>(argc)));
  } catch (const layers::UsageError& e) {
    return usage_error(e.what());
  } catch (const layers::load::LoadError& e) {
    std::cerr << "layoutctl: load: " << e.what() << "; nothing written\n";
  } catch (const layers::StoreError& e) {
    std::cerr << "layoutctl: store " << e.what() << "\n";
  } catch (const layers::build::DefinitionError& e) {
    std::cerr << "layoutctl: definition error: " << e.what() << "\n";
  } catch (const std::exception& e) {
    std::cerr << "layoutctl: " << e.what() << "\n";
  }
  return 1;
}
