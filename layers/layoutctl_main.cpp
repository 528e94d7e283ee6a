// layoutctl: the command-line tool GIS staff use on a layoutd store.
#include "layers/build/build_store.hpp"
#include "layers/build/definition.hpp"
#include "layers/store_error.hpp"
#include "layers/store_reader.hpp"
#include "layers/store_report.hpp"
#include "layers/validate.hpp"

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

STORE is a GeoPackage path (default store: data/layout.gpkg) or any GDAL vector connection
string, e.g. "PG:host=localhost dbname=layout".
)";

int usage_error(std::string_view message) {
  std::cerr << "layoutctl: " << message << "\n\n" << kUsage;
  return 2;
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
