#include "geo/geojson.hpp"

#include "geo/error.hpp"
#include "geo/geos_context.hpp"
#include "geo/operations.hpp"

#include <nlohmann/json.hpp>

#include <cmath>
#include <string>
#include <vector>

namespace geo {
namespace {

using nlohmann::json;

[[noreturn]] void fail(const std::string& where, const std::string& what) {
  throw GeometryError("GeoJSON " + where + ": " + what);
}

XY read_position(const json& position, const std::string& where) {
  if (!position.is_array() || position.size() < 2) fail(where, "a position is an array of at least 2 numbers");
  if (!position[0].is_number() || !position[1].is_number()) fail(where, "position members must be numbers");
  const XY p{position[0].get<double>(), position[1].get<double>()};
  if (!std::isfinite(p.x) || !std::isfinite(p.y)) fail(where, "position is not finite");
  return p;
}

std::vector<XY> read_positions(const json& array, const std::string& where) {
  if (!array.is_array()) fail(where, "expected an array of positions");
  std::vector<XY> out;
  out.reserve(array.size());
  for (std::size_t i = 0; i < array.size(); ++i) out.push_back(read_position(array[i], where + " position " + std::to_string(i)));
  return out;
}

std::vector<XY> read_ring(const json& array, const std::string& where) {
  std::vector<XY> ring = read_positions(array, where);
  if (ring.size() < 4) fail(where, "a ring needs at least 4 positions, got " + std::to_string(ring.size()));
  if (ring.front().x != ring.back().x || ring.front().y != ring.back().y) fail(where, "ring is not closed");
  return ring;
}

Geometry read_polygon(const json& rings, const std::string& where) {
  if (!rings.is_array() || rings.empty()) fail(where, "a Polygon needs at least one ring");
  const std::vector<XY> exterior = read_ring(rings[0], where + " ring 0");
  std::vector<std::vector<XY>> holes;
  for (std::size_t i = 1; i < rings.size(); ++i) holes.push_back(read_ring(rings[i], where + " ring " + std::to_string(i)));
  return make_polygon(exterior, holes);
}

const json& member(const json& object, const char* name, const std::string& where) {
  const auto it = object.find(name);
  if (it == object.end()) fail(where, std::string("missing \"") + name + "\"");
  return *it;
}

Geometry read_geometry(const json& object, const std::string& where) {
  if (!object.is_object()) fail(where, "expected a JSON object");
  const json& type_member = member(object, "type", where);
  if (!type_member.is_string()) fail(where, "\"type\" must be a string");
  const auto type = type_member.get<std::string>();

  if (type == "Feature") {
    const json& geometry = member(object, "geometry", where);
    if (geometry.is_null()) fail(where, "Feature has a null geometry");
    return read_geometry(geometry, where + " geometry");
  }
  if (type == "GeometryCollection") {
    const json& members = member(object, "geometries", where);
    if (!members.is_array()) fail(where, "\"geometries\" must be an array");
    std::vector<Geometry> parts;
    for (std::size_t i = 0; i < members.size(); ++i) parts.push_back(read_geometry(members[i], where + " geometry " + std::to_string(i)));
    std::vector<GEOSGeometry*> raw;
    for (auto& p : parts) raw.push_back(p.release());
    return Geometry::adopt(GEOSGeom_createCollection_r(geos(), GEOS_GEOMETRYCOLLECTION, raw.data(),
                                                       static_cast<unsigned>(raw.size())),
                           "GeoJSON collection");
  }

  const std::string here = where.empty() ? type : where + " (" + type + ")";
  const json& coords = member(object, "coordinates", here);
  if (type == "Point") {
    const XY p = read_position(coords, here);
    return make_point(p.x, p.y);
  }
  if (type == "LineString") {
    const auto line = read_positions(coords, here);
    if (line.size() < 2) fail(here, "a LineString needs at least 2 positions");
    return make_line(line);
  }
  if (type == "Polygon") return read_polygon(coords, here);

  if (type == "MultiPoint" || type == "MultiLineString" || type == "MultiPolygon") {
    if (!coords.is_array()) fail(here, "\"coordinates\" must be an array");
    std::vector<Geometry> parts;
    for (std::size_t i = 0; i < coords.size(); ++i) {
      const std::string part = here + " part " + std::to_string(i);
      if (type == "MultiPoint") {
        const XY p = read_position(coords[i], part);
        parts.push_back(make_point(p.x, p.y));
      } else if (type == "MultiLineString") {
        const auto line = read_positions(coords[i], part);
        if (line.size() < 2) fail(part, "a LineString needs at least 2 positions");
        parts.push_back(make_line(line));
      } else {
        parts.push_back(read_polygon(coords[i], part));
      }
    }
    const int collection = type == "MultiPoint" ? GEOS_MULTIPOINT : type == "MultiLineString" ? GEOS_MULTILINESTRING : GEOS_MULTIPOLYGON;
    std::vector<GEOSGeometry*> raw;
    for (auto& p : parts) raw.push_back(p.release());
    return Geometry::adopt(GEOSGeom_createCollection_r(geos(), collection, raw.data(), static_cast<unsigned>(raw.size())),
                           "GeoJSON multi-geometry");
  }
  fail(where.empty() ? "object" : where, "unsupported type \"" + type + "\"");
}

class Writer {
 public:
  explicit Writer(int decimals) : scale_(decimals >= 0 ? std::pow(10.0, decimals) : 0.0) {}

  json write(const GEOSGeometry* g) const {
    auto* ctx = geos();
    const int type = GEOSGeomTypeId_r(ctx, g);
    switch (type) {
      case GEOS_POINT:
        if (GEOSisEmpty_r(ctx, g) == 1) return {{"type", "Point"}, {"coordinates", json::array()}};
        return {{"type", "Point"}, {"coordinates", positions(g).at(0)}};
      case GEOS_LINESTRING:
      case GEOS_LINEARRING:
        return {{"type", "LineString"}, {"coordinates", positions(g)}};
      case GEOS_POLYGON:
        return {{"type", "Polygon"}, {"coordinates", rings(g)}};
      case GEOS_MULTIPOINT:
      case GEOS_MULTILINESTRING:
      case GEOS_MULTIPOLYGON: {
        json parts = json::array();
        const int n = GEOSGetNumGeometries_r(ctx, g);
        for (int i = 0; i < n; ++i) parts.push_back(write(GEOSGetGeometryN_r(ctx, g, i))["coordinates"]);
        const char* name = type == GEOS_MULTIPOINT ? "MultiPoint" : type == GEOS_MULTILINESTRING ? "MultiLineString" : "MultiPolygon";
        return {{"type", name}, {"coordinates", std::move(parts)}};
      }
      default: {
        json parts = json::array();
        const int n = GEOSGetNumGeometries_r(ctx, g);
        for (int i = 0; i < n; ++i) parts.push_back(write(GEOSGetGeometryN_r(ctx, g, i)));
        return {{"type", "GeometryCollection"}, {"geometries", std::move(parts)}};
      }
    }
  }

 private:
  double round(double v) const { return scale_ > 0 ? std::round(v * scale_) / scale_ : v; }

  json positions(const GEOSGeometry* g) const {
    auto* ctx = geos();
    const GEOSCoordSequence* seq = GEOSGeom_getCoordSeq_r(ctx, g);
    if (seq == nullptr) throw_geos_error("GeoJSON coordinates");
    unsigned size = 0;
    GEOSCoordSeq_getSize_r(ctx, seq, &size);
    json out = json::array();
    for (unsigned i = 0; i < size; ++i) {
      double x = 0;
      double y = 0;
      GEOSCoordSeq_getXY_r(ctx, seq, i, &x, &y);
      out.push_back(json::array({round(x), round(y)}));
    }
    return out;
  }

  json rings(const GEOSGeometry* polygon) const {
    auto* ctx = geos();
    json out = json::array();
    if (GEOSisEmpty_r(ctx, polygon) == 1) return out;
    out.push_back(positions(GEOSGetExteriorRing_r(ctx, polygon)));
    const int holes = GEOSGetNumInteriorRings_r(ctx, polygon);
    for (int i = 0; i < holes; ++i) out.push_back(positions(GEOSGetInteriorRingN_r(ctx, polygon, i)));
    return out;
  }

  double scale_;
};

}  // namespace

Geometry from_geojson(const nlohmann::json& object) { return read_geometry(object, ""); }

nlohmann::json to_geojson(const Geometry& geometry, int decimals) {
  if (geometry.is_null()) return nullptr;
  return Writer(decimals).write(geometry.get());
}

}  // namespace geo
