#pragma once
// The geometry rules a loaded feature must pass, in order: it has a geometry that could be
// reprojected, it is not empty, its type is the layer's kind, it lies in the region (region.hpp;
// the reason says what the coordinates look like: swapped axes, a Gauss–Krüger zone prefix too many
// or too few, projected coordinates read as degrees), and it is valid — an invalid geometry is
// repaired with GEOS MakeValid (structure method, as `layoutctl build` does) and reported, and is
// rejected only when nothing of the layer's kind survives the repair (a degenerate geometry).
#include "geo/geometry.hpp"
#include "layers/model/layer.hpp"
#include "layers/load/source_reader.hpp"

#include <string>

namespace layers::load {

struct GeometryVerdict {
  geo::Geometry geometry;  // what to store (the repaired geometry when repaired); null when rejected
  std::string rejection;   // why the feature cannot be loaded; empty when accepted
  std::string repair;      // what the repair fixed, with the area before and after; empty if none
};

// Takes the feature's geometry.
GeometryVerdict check_geometry(GeometryKind kind, SourceFeature& feature, const SourceCrs& crs);

// The reason a lon/lat envelope lies outside the region, with what the source coordinates suggest
// went wrong; empty when the envelope is inside.
std::string region_reason(const geo::Envelope& lonlat, const geo::Envelope& source, const SourceCrs& crs);

// What source coordinates (`source`, in `crs`) that land in the wrong place suggest: a Gauss–Krüger
// zone prefix too many or too few (with the EPSG code of the likely CRS), projected numbers in a
// geographic CRS, or else the question whether `crs` is right. Starts with "; ".
std::string crs_hint(const geo::Envelope& source, const SourceCrs& crs);

}  // namespace layers::load
