#include "layers/store/ogr_convert.hpp"

#include "geo/error.hpp"
#include "geo/wkb.hpp"

#include <type_traits>
#include <vector>

namespace layers {

geo::Geometry to_geos(const OGRGeometry& source, const std::string& where) {
  // Curves and 3D become linear 2D: the service works in lon/lat on the plane of the tiles.
  std::unique_ptr<OGRGeometry> linear(source.hasCurveGeometry() ? source.getLinearGeometry() : source.clone());
  linear->flattenTo2D();
  std::vector<unsigned char> wkb(static_cast<std::size_t>(linear->WkbSize()));
  if (linear->exportToWkb(wkbNDR, wkb.data(), wkbVariantIso) != OGRERR_NONE) {
    throw geo::GeometryError(where + ": cannot export geometry as WKB");
  }
  return geo::from_wkb(wkb);
}

std::unique_ptr<OGRGeometry> to_ogr(const geo::Geometry& geometry, OGRwkbGeometryType layer_type) {
  const std::vector<std::uint8_t> wkb = geo::to_wkb(geometry);
  OGRGeometry* raw = nullptr;
  if (OGRGeometryFactory::createFromWkb(wkb.data(), nullptr, &raw, wkb.size()) != OGRERR_NONE || raw == nullptr) {
    return nullptr;
  }
  std::unique_ptr<OGRGeometry> out(raw);
  // Promote single parts so every feature matches the layer's declared Multi* type.
  const OGRwkbGeometryType flat = wkbFlatten(layer_type);
  if (flat == wkbMultiPolygon) out.reset(OGRGeometryFactory::forceToMultiPolygon(out.release()));
  if (flat == wkbMultiLineString) out.reset(OGRGeometryFactory::forceToMultiLineString(out.release()));
  if (flat == wkbMultiPoint) out.reset(OGRGeometryFactory::forceToMultiPoint(out.release()));
  return out;
}

AttributeValue field_value(const OGRFeature& feature, int index) {
  if (!feature.IsFieldSetAndNotNull(index)) return std::monostate{};
  const OGRFieldDefn* defn = feature.GetFieldDefnRef(index);
  switch (defn->GetType()) {
    case OFTInteger:
      if (defn->GetSubType() == OFSTBoolean) return feature.GetFieldAsInteger(index) != 0;
      return static_cast<std::int64_t>(feature.GetFieldAsInteger(index));
    case OFTInteger64: return static_cast<std::int64_t>(feature.GetFieldAsInteger64(index));
    case OFTReal: return feature.GetFieldAsDouble(index);
    default: return std::string(feature.GetFieldAsString(index));
  }
}

void set_field(OGRFeature& feature, int index, const AttributeValue& value) {
  std::visit(
      [&](const auto& v) {
        using T = std::decay_t<decltype(v)>;
        if constexpr (std::is_same_v<T, std::monostate>) {
          feature.SetFieldNull(index);
        } else if constexpr (std::is_same_v<T, bool>) {
          feature.SetField(index, v ? 1 : 0);
        } else if constexpr (std::is_same_v<T, std::int64_t>) {
          feature.SetField(index, static_cast<GIntBig>(v));
        } else if constexpr (std::is_same_v<T, double>) {
          feature.SetField(index, v);
        } else {
          feature.SetField(index, v.c_str());
        }
      },
      value);
}

}  // namespace layers
