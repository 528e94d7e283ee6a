#include "geo/operations.hpp"

#include "geo/error.hpp"
#include "geo/geos_context.hpp"

#include <memory>
#include <string>

namespace geo {
namespace {

// Owns a coordinate sequence until it is handed to a geometry constructor.
struct CoordSeqDeleter {
  void operator()(GEOSCoordSequence* seq) const noexcept { GEOSCoordSeq_destroy_r(geos(), seq); }
};
using CoordSeqPtr = std::unique_ptr<GEOSCoordSequence, CoordSeqDeleter>;

CoordSeqPtr make_sequence(std::span<const XY> xy, bool close_ring) {
  const bool add_closing = close_ring && !xy.empty() && (xy.front().x != xy.back().x || xy.front().y != xy.back().y);
  const auto size = static_cast<unsigned>(xy.size() + (add_closing ? 1 : 0));
  CoordSeqPtr seq(GEOSCoordSeq_create_r(geos(), size, 2));
  if (!seq) throw_geos_error("coordinate sequence");
  for (unsigned i = 0; i < xy.size(); ++i) {
    if (GEOSCoordSeq_setXY_r(geos(), seq.get(), i, xy[i].x, xy[i].y) == 0) throw_geos_error("coordinate sequence");
  }
  if (add_closing && GEOSCoordSeq_setXY_r(geos(), seq.get(), size - 1, xy.front().x, xy.front().y) == 0) {
    throw_geos_error("coordinate sequence");
  }
  return seq;
}

Geometry make_ring(std::span<const XY> xy) {
  return Geometry::adopt(GEOSGeom_createLinearRing_r(geos(), make_sequence(xy, true).release()), "linear ring");
}

char checked_predicate(char result, std::string_view operation) {
  if (result == 2) throw_geos_error(operation);
  return result;
}

// Walks every coordinate sequence of `g` (see for_each_part).
void walk_parts(const GEOSGeometry* g, std::vector<XY>& scratch,
                const std::function<void(std::span<const XY>, bool)>& visit, bool polygon_start) {
  auto* ctx = geos();
  const int type = GEOSGeomTypeId_r(ctx, g);
  if (type == GEOS_POLYGON) {
    if (GEOSisEmpty_r(ctx, g) == 1) return;
    walk_parts(GEOSGetExteriorRing_r(ctx, g), scratch, visit, true);
    const int holes = GEOSGetNumInteriorRings_r(ctx, g);
    for (int i = 0; i < holes; ++i) walk_parts(GEOSGetInteriorRingN_r(ctx, g, i), scratch, visit, false);
    return;
  }
  if (type >= GEOS_MULTIPOINT) {
    const int parts = GEOSGetNumGeometries_r(ctx, g);
    for (int i = 0; i < parts; ++i) walk_parts(GEOSGetGeometryN_r(ctx, g, i), scratch, visit, false);
    return;
  }
  read_coordinates(g, scratch);
  visit(std::span<const XY>(scratch), polygon_start);
}

}  // namespace

void read_coordinates(const GEOSGeometry* simple, std::vector<XY>& out) {
  auto* ctx = geos();
  const GEOSCoordSequence* seq = GEOSGeom_getCoordSeq_r(ctx, simple);
  if (seq == nullptr) throw_geos_error("coordinates");
  unsigned size = 0;
  GEOSCoordSeq_getSize_r(ctx, seq, &size);
  out.resize(size);
  if (size > 0 && GEOSCoordSeq_copyToBuffer_r(ctx, seq, &out[0].x, 0, 0) == 0) throw_geos_error("coordinates");
}

Geometry make_point(double x, double y) {
  return Geometry::adopt(GEOSGeom_createPointFromXY_r(geos(), x, y), "point");
}

Geometry make_line(std::span<const XY> coordinates) {
  return Geometry::adopt(GEOSGeom_createLineString_r(geos(), make_sequence(coordinates, false).release()),
                         "line string");
}

Geometry make_polygon(std::span<const XY> exterior, std::span<const std::vector<XY>> holes) {
  Geometry shell = make_ring(exterior);
  std::vector<Geometry> hole_rings;
  hole_rings.reserve(holes.size());
  for (const auto& hole : holes) hole_rings.push_back(make_ring(hole));
  std::vector<GEOSGeometry*> raw_holes;
  raw_holes.reserve(hole_rings.size());
  for (auto& ring : hole_rings) raw_holes.push_back(ring.release());
  // GEOS takes ownership of shell and holes whether or not it succeeds.
  return Geometry::adopt(
      GEOSGeom_createPolygon_r(geos(), shell.release(), raw_holes.data(), static_cast<unsigned>(raw_holes.size())),
      "polygon");
}

Geometry make_collection(std::vector<Geometry> parts) {
  int collection_type = GEOS_GEOMETRYCOLLECTION;
  if (!parts.empty()) {
    const GeometryType first = parts.front().type();
    bool same = true;
    for (const auto& part : parts) same = same && part.type() == first;
    if (same && first == GeometryType::Point) collection_type = GEOS_MULTIPOINT;
    if (same && first == GeometryType::LineString) collection_type = GEOS_MULTILINESTRING;
    if (same && first == GeometryType::Polygon) collection_type = GEOS_MULTIPOLYGON;
  }
  std::vector<GEOSGeometry*> raw;
  raw.reserve(parts.size());
  for (auto& part : parts) raw.push_back(part.release());
  return Geometry::adopt(
      GEOSGeom_createCollection_r(geos(), collection_type, raw.data(), static_cast<unsigned>(raw.size())),
      "collection");
}

Geometry make_valid(const Geometry& geometry) {
  auto* ctx = geos();
  GEOSMakeValidParams* params = GEOSMakeValidParams_create_r(ctx);
  if (params == nullptr) throw_geos_error("make_valid");
  GEOSMakeValidParams_setMethod_r(ctx, params, GEOS_MAKE_VALID_STRUCTURE);
  GEOSMakeValidParams_setKeepCollapsed_r(ctx, params, 0);
  GEOSGeometry* result = GEOSMakeValidWithParams_r(ctx, geometry.get(), params);
  GEOSMakeValidParams_destroy_r(ctx, params);
  return Geometry::adopt(result, "make_valid");
}

Geometry polygonal_part(const Geometry& geometry) {
  std::vector<Geometry> polygons;
  const GeometryType type = geometry.type();
  if (type == GeometryType::Polygon) {
    polygons.push_back(geometry.clone());
  } else if (type == GeometryType::MultiPolygon || type == GeometryType::GeometryCollection) {
    for (int i = 0; i < geometry.num_geometries(); ++i) {
      Geometry part = polygonal_part(geometry.geometry_n(i));
      for (int j = 0; j < part.num_geometries(); ++j) polygons.push_back(part.geometry_n(j));
    }
  }
  std::erase_if(polygons, [](const Geometry& p) { return p.is_empty(); });
  if (polygons.empty()) {
    return Geometry::adopt(GEOSGeom_createEmptyCollection_r(geos(), GEOS_MULTIPOLYGON), "polygonal_part");
  }
  std::vector<GEOSGeometry*> raw;
  for (auto& p : polygons) raw.push_back(p.release());
  return Geometry::adopt(
      GEOSGeom_createCollection_r(geos(), GEOS_MULTIPOLYGON, raw.data(), static_cast<unsigned>(raw.size())),
      "polygonal_part");
}

Geometry remove_repeated_points(const Geometry& geometry) {
  return Geometry::adopt(GEOSRemoveRepeatedPoints_r(geos(), geometry.get(), 0.0), "remove repeated points");
}

Geometry unary_union(const Geometry& geometry) {
  return Geometry::adopt(GEOSUnaryUnion_r(geos(), geometry.get()), "union");
}

Geometry union_all(std::span<const Geometry> geometries) {
  std::vector<Geometry> copies;
  copies.reserve(geometries.size());
  for (const auto& g : geometries) copies.push_back(g.clone());
  std::vector<GEOSGeometry*> raw;
  for (auto& g : copies) raw.push_back(g.release());
  Geometry collection = Geometry::adopt(
      GEOSGeom_createCollection_r(geos(), GEOS_GEOMETRYCOLLECTION, raw.data(), static_cast<unsigned>(raw.size())),
      "union");
  return unary_union(collection);
}

Geometry intersection(const Geometry& a, const Geometry& b) {
  return Geometry::adopt(GEOSIntersection_r(geos(), a.get(), b.get()), "intersection");
}

Geometry difference(const Geometry& a, const Geometry& b) {
  return Geometry::adopt(GEOSDifference_r(geos(), a.get(), b.get()), "difference");
}

Geometry buffer(const Geometry& geometry, double distance, int quadrant_segments) {
  return Geometry::adopt(GEOSBuffer_r(geos(), geometry.get(), distance, quadrant_segments), "buffer");
}

Geometry centroid(const Geometry& geometry) {
  return Geometry::adopt(GEOSGetCentroid_r(geos(), geometry.get()), "centroid");
}

Geometry point_on_surface(const Geometry& geometry) {
  return Geometry::adopt(GEOSPointOnSurface_r(geos(), geometry.get()), "point_on_surface");
}

bool intersects(const Geometry& a, const Geometry& b) {
  return checked_predicate(GEOSIntersects_r(geos(), a.get(), b.get()), "intersects") == 1;
}

bool covers(const Geometry& a, const Geometry& b) {
  return checked_predicate(GEOSCovers_r(geos(), a.get(), b.get()), "covers") == 1;
}

bool equals_exact(const Geometry& a, const Geometry& b, double tolerance) {
  return checked_predicate(GEOSEqualsExact_r(geos(), a.get(), b.get(), tolerance), "equals_exact") == 1;
}

double area(const Geometry& geometry) {
  double value = 0;
  if (GEOSArea_r(geos(), geometry.get(), &value) == 0) throw_geos_error("area");
  return value;
}

double length(const Geometry& geometry) {
  double value = 0;
  if (GEOSLength_r(geos(), geometry.get(), &value) == 0) throw_geos_error("length");
  return value;
}

double distance(const Geometry& a, const Geometry& b) {
  double value = 0;
  if (GEOSDistance_r(geos(), a.get(), b.get(), &value) == 0) throw_geos_error("distance");
  return value;
}

namespace {
int call_transform(double* x, double* y, void* userdata) {
  const auto& fn = *static_cast<const std::function<bool(double&, double&)>*>(userdata);
  return fn(*x, *y) ? 1 : 0;
}
}  // namespace

Geometry transform_xy(const Geometry& geometry, const std::function<bool(double& x, double& y)>& transform,
                      std::string_view operation) {
  // GEOS passes userdata as void*; the callback only reads through it.
  void* userdata = const_cast<std::function<bool(double&, double&)>*>(&transform);  // NOLINT
  GEOSGeometry* result = GEOSGeom_transformXY_r(geos(), geometry.get(), &call_transform, userdata);
  if (result == nullptr) {
    throw GeometryError(std::string(operation) + ": coordinate transformation failed");
  }
  return Geometry::adopt(result, operation);
}

std::vector<XY> coordinates(const Geometry& geometry) {
  std::vector<XY> out;
  for_each_part(geometry, [&](std::span<const XY> part, bool) { out.insert(out.end(), part.begin(), part.end()); });
  return out;
}

Geometry clip_by_rect(const Geometry& geometry, const Envelope& rect) {
  return Geometry::adopt(GEOSClipByRect_r(geos(), geometry.get(), rect.min_x, rect.min_y, rect.max_x, rect.max_y),
                         "clip by rectangle");
}

void for_each_part(const Geometry& geometry, const std::function<void(std::span<const XY>, bool)>& visit) {
  if (geometry.is_null()) return;
  std::vector<XY> scratch;
  walk_parts(geometry.get(), scratch, visit, false);
}

}  // namespace geo
