#pragma once
// Conversions between GDAL's feature model and the project's (geo::Geometry, AttributeValue), shared
// by the store reader, the store writer and `layoutctl load`, so every path treats curves, Z/M,
// Multi* promotion and field types the same way.
#include "geo/geometry.hpp"
#include "layers/model/attributes.hpp"

#include <ogrsf_frmts.h>

#include <memory>
#include <string>

namespace layers {

// Curves become linear and Z/M is dropped (the service works in 2D lon/lat). Throws
// geo::GeometryError naming `where` when GDAL cannot export the geometry.
geo::Geometry to_geos(const OGRGeometry& source, const std::string& where);

// The geometry as GDAL's, promoted to the layer's Multi* type when `layer_type` is one. nullptr
// when GDAL cannot parse it (never for a geometry GEOS produced).
std::unique_ptr<OGRGeometry> to_ogr(const geo::Geometry& geometry, OGRwkbGeometryType layer_type);

// A field's value: null/unset → monostate, boolean subtype → bool, integers → int64, reals →
// double, everything else (dates, lists) → its text.
AttributeValue field_value(const OGRFeature& feature, int index);

// Sets field `index`; monostate sets null.
void set_field(OGRFeature& feature, int index, const AttributeValue& value);

}  // namespace layers
