#include "layers/load/load_arguments.hpp"

#include "layers/cli/command_line.hpp"
#include "layers/load/attribute_mapping.hpp"

#include <string>

namespace layers::load {

LoadOptions parse_load_arguments(std::span<char* const> args) {
  LoadOptions options;
  std::vector<std::string> positional;
  ArgumentReader reader(args, "load");
  while (reader.next()) {
    const std::string_view arg = reader.current();
    const auto value = [&] { return reader.value(); };
    if (arg == "--layer") {
      options.layer = value();
    } else if (arg == "--src-layer") {
      options.source_layer = value();
    } else if (arg == "--s_srs") {
      options.source_srs = value();
    } else if (arg == "--mode") {
      const std::string mode = value();
      if (mode == "replace") {
        options.mode = Mode::Replace;
      } else if (mode == "update") {
        options.mode = Mode::Update;
      } else if (mode == "append") {
        options.mode = Mode::Append;
      } else {
        throw layers::UsageError("load: --mode is replace, update or append, not '" + mode + "'");
      }
    } else if (arg == "--map") {
      for (auto& pair : parse_assignments(value(), "--map", true)) options.field_map.push_back(std::move(pair));
    } else if (arg == "--default") {
      for (auto& pair : parse_assignments(value(), "--default", false)) options.defaults.push_back(std::move(pair));
    } else if (arg == "--oo") {
      options.open_options.push_back(value());
    } else if (arg == "--store") {
      options.store = value();
    } else if (arg == "--dry-run") {
      options.dry_run = true;
    } else if (arg == "--strict") {
      options.strict = true;
    } else if (reader.is_option()) {
      reader.reject();
    } else {
      positional.emplace_back(arg);
    }
  }
  if (positional.size() != 1) throw layers::UsageError("load takes exactly one SRC datasource");
  if (options.layer.empty()) throw layers::UsageError("load: --layer ID names the store layer to load into");
  options.source = positional.front();
  return options;
}

std::string_view to_string(Mode mode) noexcept {
  switch (mode) {
    case Mode::Replace: return "replace";
    case Mode::Update: return "update";
    case Mode::Append: return "append";
  }
  return "replace";
}

}  // namespace layers::load
