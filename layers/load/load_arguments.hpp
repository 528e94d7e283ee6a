#pragma once
// The command line of `layoutctl load` into LoadOptions.
#include "layers/load/load_options.hpp"

#include <span>
#include <string_view>

namespace layers::load {

// `args`: what follows "load". Throws layers::UsageError.
LoadOptions parse_load_arguments(std::span<char* const> args);

inline constexpr std::string_view kLoadUsage =
    R"(  load SRC --layer ID [--src-layer NAME] [--s_srs EPSG:N] [--mode replace|update|append]
       [--map FIELD=SRC_FIELD,...] [--default FIELD=VALUE]... [--oo NAME=VALUE]...
       [--strict] [--dry-run] [--store STORE]
                   load a layer from any OGR datasource (Shapefile, GeoPackage, GeoJSON, KML,
                   FileGDB...), reprojected to EPSG:4326, into the store's layer ID in one
                   transaction; prints what was loaded, repaired and rejected (exit 1 when
                   nothing was written)
)";

}  // namespace layers::load
