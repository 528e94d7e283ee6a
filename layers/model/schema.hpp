#pragma once
// The store schema every layer follows (documented in data/README.md). GIS staff may edit a store
// with plain GDAL tools; `layoutctl validate` checks it against these rules.
#include <array>
#include <string_view>

namespace layers::schema {

// Attributes every feature carries besides its geometry; `id` is a stable slug, unique per layer.
inline constexpr std::string_view kId = "id";
inline constexpr std::string_view kNameZh = "name_zh";
inline constexpr std::string_view kNameEn = "name_en";
inline constexpr std::string_view kKind = "kind";
inline constexpr std::string_view kPlanRef = "plan_ref";    // chapter/section of the plan
inline constexpr std::string_view kPlanText = "plan_text";  // the plan's sentence, verbatim
inline constexpr std::string_view kPrecision = "precision";
inline constexpr std::string_view kSource = "source";
inline constexpr std::array<std::string_view, 7> kRequired = {kNameZh,   kNameEn,    kKind,  kPlanRef,
                                                              kPlanText, kPrecision, kSource};
// How a feature's geometry was obtained.
inline constexpr std::array<std::string_view, 3> kPrecisionValues = {"surveyed", "derived", "schematic"};
// Half-width in metres used to ask whether a site falls in a linear element; required on line layers.
inline constexpr std::string_view kBand = "band_m";

// Layers the engine treats specially, by id.
// The county units: a site's `admin` answer (province, city, county, adcode) comes from here.
inline constexpr std::string_view kAdminLayer = "admin";
// The plan's outline: the query grid covers its envelope (sites beyond it take the slow path).
inline constexpr std::string_view kPlanningAreaLayer = "planning_area";
// The metropolitan centre (长春市): where the map opens.
inline constexpr std::string_view kCentreLayer = "centre";

// Attributes of the admin layer's county features (data/README.md). A feature of the admin layer
// with `county` is a county unit; the province and city features have none.
inline constexpr std::string_view kProvince = "province";
inline constexpr std::string_view kCity = "city";
inline constexpr std::string_view kCounty = "county";
inline constexpr std::string_view kAdcode = "adcode";

// Non-spatial table listing the catalogue: layer_id, title_zh, title_en, geometry_kind, position.
inline constexpr std::string_view kCatalogueTable = "layoutd_catalogue";

// Non-spatial table of store-wide values: key (TEXT), value (TEXT). The row key = kRevisionKey holds
// the store revision as a decimal integer: 1 when `layoutctl build` writes the store, incremented by
// every `layoutctl load` in the transaction that writes its layer (absent table or row: 0). layoutd
// polls it to learn that a store (PostGIS in particular) changed.
inline constexpr std::string_view kMetaTable = "layoutd_meta";
inline constexpr std::string_view kRevisionKey = "revision";

}  // namespace layers::schema
