#pragma once
// Edits of a GeoPackage store in place through GDAL, as GIS staff make them with GDAL tools: what
// the reload and revision tests change between two reads.
#include <filesystem>
#include <optional>
#include <string>

namespace test_support {

// UPDATE layer SET field = value (NULL when nullopt) WHERE id = feature_id.
void set_feature_text(const std::filesystem::path& store, const std::string& layer, const std::string& feature_id,
                      const std::string& field, const std::optional<std::string>& value);

// Writes `value`, whatever it is, as the store's revision row in layoutd_meta (a store written by
// layers::write_store has the row).
void set_store_revision(const std::filesystem::path& store, const std::string& value);

}  // namespace test_support
