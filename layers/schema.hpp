#pragma once
// The store schema every layer follows (documented in data/README.md). GIS staff may edit a store
// with plain GDAL tools; `layoutctl validate` checks it against these rules.
#include <array>
#include <string_view>

namespace layers::schema {

// Attribute every feature carries besides its geometry; `id` is a stable slug, unique per layer.
inline constexpr std::string_view kId = "id";
inline constexpr std::array<std::string_view, 7> kRequired = {"name_zh",   "name_en",   "kind",  "plan_ref",
                                                              "plan_text", "precision", "source"};
// How a feature's geometry was obtained.
inline constexpr std::array<std::string_view, 3> kPrecisionValues = {"surveyed", "derived", "schematic"};
// Half-width in metres used to ask whether a site falls in a linear element; required on line layers.
inline constexpr std::string_view kBand = "band_m";

// Non-spatial table listing the catalogue: layer_id, title_zh, title_en, geometry_kind, position.
inline constexpr std::string_view kCatalogueTable = "layoutd_catalogue";

// Non-spatial table of store-wide values: key (TEXT), value (TEXT). The row key = kRevisionKey holds
// the store revision as a decimal integer: 1 when `layoutctl build` writes the store, incremented by
// every `layoutctl load` in the transaction that writes its layer (absent table or row: 0). layoutd
// polls it to learn that a store (PostGIS in particular) changed.
inline constexpr std::string_view kMetaTable = "layoutd_meta";
inline constexpr std::string_view kRevisionKey = "revision";

}  // namespace layers::schema
