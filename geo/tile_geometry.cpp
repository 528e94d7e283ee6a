#include "geo/tile_geometry.hpp"

#include "geo/error.hpp"
#include "geo/geos_context.hpp"
#include "geo/operations.hpp"
#include "geo/tile_math.hpp"

#include <algorithm>
#include <cmath>
#include <vector>

namespace geo {
namespace {

Geometry scaled(const Geometry& geometry, double factor, double shift_x, double shift_y, std::string_view operation) {
  return transform_xy(
      geometry,
      [=](double& x, double& y) {
        x = x * factor - shift_x;
        y = y * factor - shift_y;
        return true;
      },
      operation);
}

// GEOS snap-rounding to the integer grid: the result is valid, and parts that collapse are removed.
Geometry snap_to_grid(const Geometry& geometry) {
  return Geometry::adopt(GEOSGeom_setPrecision_r(geos(), geometry.get(), 1.0, 0), "snap to the tile grid");
}

Geometry rounded_point_on_surface(const Geometry& geometry) {
  const Geometry point = point_on_surface(geometry);
  const XY xy = coordinates(point).front();
  return make_point(std::round(xy.x), std::round(xy.y));
}

bool is_polygonal(GeometryType type) {
  return type == GeometryType::Polygon || type == GeometryType::MultiPolygon;
}
bool is_lineal(GeometryType type) {
  return type == GeometryType::LineString || type == GeometryType::MultiLineString || type == GeometryType::LinearRing;
}

// Collects one tile's parts from a geometry already clipped to the tile, shifting by the tile's
// origin and rounding (clipping adds vertices on the tile's edges, between grid points).
class TileGeometryWriter {
 public:
  TileGeometryWriter(mvt::GeomType type, double origin_x, double origin_y) : origin_x_(origin_x), origin_y_(origin_y) {
    out_.type = type;
  }

  void add(const GEOSGeometry* g) {
    auto* ctx = geos();
    const int type = GEOSGeomTypeId_r(ctx, g);
    if (type == GEOS_MULTIPOINT || type == GEOS_MULTILINESTRING || type == GEOS_MULTIPOLYGON ||
        type == GEOS_GEOMETRYCOLLECTION) {
      for (int i = 0, n = GEOSGetNumGeometries_r(ctx, g); i < n; ++i) add(GEOSGetGeometryN_r(ctx, g, i));
      return;
    }
    if (GEOSisEmpty_r(ctx, g) == 1) return;
    // A clip can leave parts of a lower dimension (a polygon touching the buffer's edge): a tile
    // feature has one geometry type, so those are left out.
    switch (out_.type) {
      case mvt::GeomType::Point:
        if (type == GEOS_POINT) add_points(read(g));
        break;
      case mvt::GeomType::LineString:
        if (type == GEOS_LINESTRING) add_line(read(g));
        break;
      case mvt::GeomType::Polygon:
        if (type == GEOS_POLYGON) {
          if (!add_ring(read(GEOSGetExteriorRing_r(ctx, g)), true)) return;  // holes of nothing
          for (int i = 0, n = GEOSGetNumInteriorRings_r(ctx, g); i < n; ++i) {
            add_ring(read(GEOSGetInteriorRingN_r(ctx, g, i)), false);
          }
        }
        break;
    }
  }

  [[nodiscard]] bool rounded() const noexcept { return rounded_; }
  mvt::TileGeometry take() { return std::move(out_); }

 private:
  const std::vector<mvt::TilePoint>& read(const GEOSGeometry* g) {
    read_coordinates(g, xy_);
    points_.clear();
    for (const XY& p : xy_) {
      const double x = p.x - origin_x_;
      const double y = p.y - origin_y_;
      const double rx = std::round(x);
      const double ry = std::round(y);
      if (rx != x || ry != y) rounded_ = true;
      const mvt::TilePoint point{static_cast<std::int32_t>(rx), static_cast<std::int32_t>(ry)};
      if (points_.empty() || !(points_.back() == point)) points_.push_back(point);  // repeated points
    }
    return points_;
  }

  void add_points(const std::vector<mvt::TilePoint>& points) {
    out_.points.insert(out_.points.end(), points.begin(), points.end());
    out_.part_ends.push_back(static_cast<std::uint32_t>(out_.points.size()));
  }

  void add_line(const std::vector<mvt::TilePoint>& points) {
    if (points.size() < 2) return;
    add_points(points);
  }

  // Returns whether the ring was kept.
  bool add_ring(std::vector<mvt::TilePoint> ring, bool exterior) {
    if (ring.size() > 1 && ring.front() == ring.back()) ring.pop_back();  // MVT rings are closed by ClosePath
    if (ring.size() < 3) return false;
    const std::int64_t area2 = mvt::ring_area2(ring);
    if (area2 == 0) return false;
    if ((area2 > 0) != exterior) std::reverse(ring.begin(), ring.end());
    add_points(ring);
    return true;
  }

  double origin_x_;
  double origin_y_;
  mvt::TileGeometry out_;
  std::vector<XY> xy_;
  std::vector<mvt::TilePoint> points_;
  bool rounded_ = false;
};

mvt::GeomType tile_type_of(GeometryType type) {
  if (is_polygonal(type)) return mvt::GeomType::Polygon;
  if (is_lineal(type)) return mvt::GeomType::LineString;
  if (type == GeometryType::Point || type == GeometryType::MultiPoint) return mvt::GeomType::Point;
  throw GeometryError("tile geometry: unsupported geometry type " + std::string(to_string(type)));
}

}  // namespace

Geometry lonlat_to_world(const Geometry& lonlat) {
  return transform_xy(
      lonlat,
      [](double& x, double& y) {
        const XY world = lonlat_to_world(x, y);
        x = world.x;
        y = world.y;
        return std::isfinite(x) && std::isfinite(y);
      },
      "project to Web Mercator");
}

ZoomGeometry prepare_for_zoom(const Geometry& world, int z, const TileOptions& options) {
  const double factor = static_cast<double>(options.extent) * tiles_per_side(z);
  Geometry pixels = scaled(world, factor, 0, 0, "scale to the zoom's pixel grid");
  const GeometryType type = pixels.type();
  ZoomGeometry out;
  if (is_polygonal(type) || is_lineal(type)) {
    if (options.simplify_tolerance > 0) {
      pixels = Geometry::adopt(GEOSTopologyPreserveSimplify_r(geos(), pixels.get(), options.simplify_tolerance),
                               "simplify for the zoom");
    }
    Geometry snapped = snap_to_grid(pixels);
    if (snapped.is_empty()) {
      // Smaller than one tile unit: a point keeps the feature findable (and countable) at this zoom.
      snapped = rounded_point_on_surface(pixels);
      out.collapsed = true;
    }
    pixels = std::move(snapped);
  } else {
    pixels = snap_to_grid(pixels);
  }
  out.box = pixels.envelope();
  out.pixels = std::move(pixels);
  return out;
}

mvt::TileGeometry tile_geometry(const ZoomGeometry& feature, std::uint32_t x, std::uint32_t y,
                                const TileOptions& options) {
  const double origin_x = static_cast<double>(x) * options.extent;
  const double origin_y = static_cast<double>(y) * options.extent;
  const double buffer = options.buffer;
  const Envelope rect{origin_x - buffer, origin_y - buffer, origin_x + options.extent + buffer,
                      origin_y + options.extent + buffer};
  if (feature.pixels.is_null() || !rect.intersects(feature.box)) return {};
  const mvt::GeomType type = tile_type_of(feature.pixels.type());
  const bool inside =
      rect.contains(feature.box.min_x, feature.box.min_y) && rect.contains(feature.box.max_x, feature.box.max_y);
  if (inside) {
    TileGeometryWriter writer(type, origin_x, origin_y);
    writer.add(feature.pixels.get());
    return writer.take();
  }
  const Geometry clipped = clip_by_rect(feature.pixels, rect);
  TileGeometryWriter writer(type, origin_x, origin_y);
  writer.add(clipped.get());
  if (type != mvt::GeomType::Polygon) return writer.take();
  // GEOS's rectangle clip can leave a ring touching itself on the buffer's edge (where a concave
  // outline leaves and re-enters), and rounding the vertices the clip put between grid points can
  // make a ring touch or cross itself. Check, and snap-round properly (which splits such rings
  // into valid polygons) when it happened.
  mvt::TileGeometry rounded = writer.take();
  if (rounded.empty() || to_geometry(rounded).is_valid()) return rounded;
  // MakeValid ("structure") turns a self-touching ring into separate rings without moving any
  // vertex; crossings add vertices off the grid, which a final snap-rounding puts back on it.
  const Geometry repaired = make_valid(to_geometry(rounded));
  TileGeometryWriter exact(type, 0, 0);
  exact.add(repaired.get());
  mvt::TileGeometry out = exact.take();
  if (!exact.rounded() || to_geometry(out).is_valid()) return out;
  TileGeometryWriter snapped(type, 0, 0);
  snapped.add(snap_to_grid(repaired).get());
  return snapped.take();
}

Geometry to_geometry(const mvt::TileGeometry& tile) {
  std::vector<Geometry> parts;
  std::uint32_t begin = 0;
  std::vector<XY> exterior;
  std::vector<std::vector<XY>> holes;
  const auto flush_polygon = [&] {
    if (!exterior.empty()) parts.push_back(make_polygon(exterior, holes));
    exterior.clear();
    holes.clear();
  };
  for (const std::uint32_t end : tile.part_ends) {
    const std::span<const mvt::TilePoint> run(tile.points.data() + begin, end - begin);
    std::vector<XY> xy;
    xy.reserve(run.size());
    for (const auto& p : run) xy.push_back({static_cast<double>(p.x), static_cast<double>(p.y)});
    switch (tile.type) {
      case mvt::GeomType::Point:
        for (const XY& p : xy) parts.push_back(make_point(p.x, p.y));
        break;
      case mvt::GeomType::LineString: parts.push_back(make_line(xy)); break;
      case mvt::GeomType::Polygon:
        if (mvt::ring_area2(run) > 0) {
          flush_polygon();
          exterior = std::move(xy);
        } else {
          holes.push_back(std::move(xy));
        }
        break;
    }
    begin = end;
  }
  flush_polygon();
  return make_collection(std::move(parts));
}

}  // namespace geo
