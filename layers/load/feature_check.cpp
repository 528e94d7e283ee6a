#include "layers/load/feature_check.hpp"

#include "geo/error.hpp"
#include "geo/measure.hpp"
#include "geo/operations.hpp"
#include "layers/model/region.hpp"
#include "layers/model/validate.hpp"

#include <cmath>
#include <cstdio>

namespace layers::load {
namespace {

// CGCS2000 3-degree Gauss–Krüger: zone n (central meridian 3n°E, eastings prefixed with n) is
// EPSG:4488+n, the same projection without the prefix EPSG:4509+n, for zones 25 to 45.
constexpr int kFirstZone = 25;
constexpr int kLastZone = 45;

// The CRS the numbers are probably in: "EPSG:4530 (zone 42)" for a CGCS2000 3-degree zone, else a
// description of the variant.
std::string likely_crs(int zone, bool prefixed, const SourceCrs& crs) {
  if (zone < kFirstZone || zone > kLastZone || crs.name.find("CGCS2000") == std::string::npos) {
    return prefixed ? "the zone-prefixed variant of this CRS" : "the variant of this CRS without the zone prefix";
  }
  return prefixed ? "EPSG:" + std::to_string(4488 + zone) + " (zone " + std::to_string(zone) + ")"
                  : "EPSG:" + std::to_string(4509 + zone) + " (CM " + std::to_string(3 * zone) + "°E)";
}

std::string area_text(double km2) {
  char text[32];
  std::snprintf(text, sizeof text, "%.3f", km2);
  return text;
}

}  // namespace

std::string crs_hint(const geo::Envelope& source, const SourceCrs& crs) {
  const std::string question =
      "; is " + crs.name + " really the source's CRS" + (crs.from_option ? " (--s_srs)?" : "?");
  if (crs.projected) {
    // A 3-degree Gauss–Krüger easting is about 500 km from the central meridian, or that plus the
    // zone number times 1000 km when the CRS prefixes it: which of the two the numbers are tells a
    // wrong CRS of the pair apart.
    const bool prefixed_numbers = source.min_x >= 1.0e7;
    const bool prefixed_crs = crs.false_easting >= 1.0e6;
    if (prefixed_numbers && !prefixed_crs) {
      const int zone = static_cast<int>(std::floor(source.min_x / 1.0e6));
      return "; the eastings carry a zone number (" + std::to_string(zone) +
             ") which this CRS has not: the source is probably in " + likely_crs(zone, true, crs);
    }
    if (!prefixed_numbers && prefixed_crs && source.min_x > 0 && source.max_x < 1.0e6) {
      const int zone = static_cast<int>(std::floor(crs.false_easting / 1.0e6));
      return "; the eastings carry no zone number, which this CRS expects: the source is probably in " +
             likely_crs(zone, false, crs);
    }
    return question;
  }
  if (std::abs(source.min_x) > 360 || std::abs(source.max_y) > 360) {
    return "; the source coordinates are not degrees although the CRS is geographic: give the projected CRS with "
           "--s_srs";
  }
  return question;
}

std::string region_reason(const geo::Envelope& lonlat, const geo::Envelope& source, const SourceCrs& crs) {
  const auto problem = region_problem(lonlat);
  if (!problem) return "";
  // Swapped axes already explain themselves; otherwise ask about the CRS.
  return "geometry " + *problem + (fits_swapped(lonlat) ? "" : crs_hint(source, crs));
}

GeometryVerdict check_geometry(GeometryKind kind, SourceFeature& feature, const SourceCrs& crs) {
  GeometryVerdict verdict;
  if (feature.unprojectable) {
    verdict.rejection = "cannot reproject from " + crs.name + " to EPSG:4326" + crs_hint(feature.source_envelope, crs);
    return verdict;
  }
  if (!feature.geometry_error.empty()) {
    verdict.rejection = feature.geometry_error;
    return verdict;
  }
  if (feature.geometry.is_null()) {
    verdict.rejection = "no geometry";
    return verdict;
  }
  geo::Geometry geometry = std::move(feature.geometry);
  try {
    if (geometry.is_empty()) {
      verdict.rejection = "empty geometry";
      return verdict;
    }
    const geo::GeometryType type = geometry.type();
    if (!kind_accepts(kind, type)) {
      verdict.rejection =
          "geometry type " + std::string(geo::to_string(type)) + " in a " + std::string(to_string(kind)) + " layer";
      return verdict;
    }
    verdict.rejection = region_reason(geometry.envelope(), feature.source_envelope, crs);
    if (!verdict.rejection.empty()) return verdict;
    if (!geometry.is_valid()) {
      const std::string why = geometry.validity_reason();
      const bool polygonal = kind == GeometryKind::Polygon;
      const double before = polygonal ? geo::area_km2(geometry) : 0;
      geo::Geometry repaired = geo::make_valid(geometry);
      if (polygonal) repaired = geo::polygonal_part(repaired);
      if (repaired.is_empty() || !kind_accepts(kind, repaired.type())) {
        verdict.rejection = "degenerate geometry (" + why + "): nothing of the " + std::string(to_string(kind)) +
                            " is left after repair";
        return verdict;
      }
      verdict.repair = why;
      if (polygonal)
        verdict.repair += "; area " + area_text(before) + " -> " + area_text(geo::area_km2(repaired)) + " km2";
      geometry = std::move(repaired);
    }
  } catch (const geo::GeometryError& e) {
    verdict.rejection = std::string("geometry check failed: ") + e.what();
    return verdict;
  }
  verdict.geometry = std::move(geometry);
  return verdict;
}

}  // namespace layers::load
