#include "geo/tiles/tile_geometry.hpp"

#include "geo/error.hpp"
#include "geo/geos_context.hpp"
#include "geo/tiles/pixel_polygon.hpp"
#include "geo/operations.hpp"
#include "geo/tiles/tile_math.hpp"
#include "geo/tiles/vertex_importance.hpp"

#include <algorithm>
#include <cmath>
#include <functional>
#include <optional>
#include <vector>

namespace geo {
namespace {

// GEOS snap-rounding to the integer grid: the result is valid, and parts that collapse are removed.
Geometry snap_to_grid(const Geometry& geometry) {
  return Geometry::adopt(GEOSGeom_setPrecision_r(geos(), geometry.get(), 1.0, 0), "snap to the tile grid");
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

mvt::TilePoint on_grid(const XY& world, double factor) {
  return {static_cast<std::int32_t>(std::lround(world.x * factor)),
          static_cast<std::int32_t>(std::lround(world.y * factor))};
}

mvt::TileGeometry collapsed_point(const XY& world, double factor) {
  mvt::TileGeometry out;
  out.type = mvt::GeomType::Point;
  out.points.push_back(on_grid(world, factor));
  out.part_ends.push_back(1);
  return out;
}

double zoom_factor(int z, const TileOptions& options) {
  return static_cast<double>(options.extent) * tiles_per_side(z);
}

double ring_area(std::span<const XY> ring) {
  double sum = 0;
  for (std::size_t i = 0, n = ring.size(), j = n - 1; i < n; j = i++)
    sum += ring[j].x * ring[i].y - ring[i].x * ring[j].y;
  return sum / 2;
}

// The exact path for a zoom: the same simplified rings, unrounded, made valid by GEOS (MakeValid)
// if they are not, and snap-rounded to the grid, which keeps polygons valid (rings may touch at points) and removes
// the parts that collapse.
ZoomGeometry prepare_exactly(const WorldFeature& feature, int z, const TileOptions& options) {
  const double factor = zoom_factor(z, options);
  std::vector<Geometry> polygons;
  std::vector<XY> exterior;
  std::vector<std::vector<XY>> holes;
  std::vector<XY> ring;
  const auto flush = [&] {
    if (!exterior.empty()) polygons.push_back(make_polygon(exterior, holes));
    exterior.clear();
    holes.clear();
  };
  for (std::size_t part = 0; part < feature.part_count(); ++part) {
    ring.clear();
    feature.for_kept(part, options.simplify_tolerance / factor, [&](const XY& world) {
      ring.push_back({world.x * factor, world.y * factor});
    });
    const bool kept = ring.size() >= 3 && std::abs(ring_area(ring)) >= options.min_ring_area;
    if (feature.is_exterior(part)) {
      flush();
      if (kept) exterior = ring;
    } else if (kept && !exterior.empty()) {
      holes.push_back(ring);
    }
  }
  flush();
  const XY& surface = feature.surface_point();
  if (polygons.empty()) return {PixelShape(collapsed_point(surface, factor)), true, true, false};
  // MakeValid costs several validity checks; snap-rounding a valid input gives a valid output.
  Geometry simplified = make_collection(std::move(polygons));
  if (!simplified.is_valid()) simplified = make_valid(simplified);
  const Geometry snapped = snap_to_grid(simplified);
  TileGeometryWriter writer(mvt::GeomType::Polygon, 0, 0);
  writer.add(snapped.get());
  mvt::TileGeometry grid = writer.take();
  if (grid.empty()) return {PixelShape(collapsed_point(surface, factor)), true, true, false};
  return {PixelShape(std::move(grid)), false, true, true};
}

// The exact path for a tile: GEOS's intersection with the tile's rectangle (the overlay, not
// GEOSClipByRect, which in GEOS 3.11 loses most of a polygon with an edge along the rectangle's
// boundary), rounded, checked, repaired.
mvt::TileGeometry exact_tile_geometry(const PixelShape& shape, const PixelBox& rect, mvt::TilePoint origin) {
  const mvt::GeomType type = shape.geometry().type;
  // Only the polygons (or lines) that reach the rectangle: the overlay's cost follows its input.
  mvt::TileGeometry near;
  near.type = type;
  bool reaches = false;
  for (std::size_t i = 0; i < shape.part_count(); ++i) {
    if (type != mvt::GeomType::Polygon || shape.is_exterior(i)) reaches = shape.part_box(i).intersects(rect);
    if (!reaches) continue;
    const auto part = shape.part(i);
    near.points.insert(near.points.end(), part.begin(), part.end());
    near.part_ends.push_back(static_cast<std::uint32_t>(near.points.size()));
  }
  const auto x0 = static_cast<double>(rect.min_x), y0 = static_cast<double>(rect.min_y);
  const auto x1 = static_cast<double>(rect.max_x), y1 = static_cast<double>(rect.max_y);
  const Geometry clipped =
      intersection(to_geometry(near), make_polygon(std::vector<XY>{{x0, y0}, {x1, y0}, {x1, y1}, {x0, y1}}));
  TileGeometryWriter writer(type, origin.x, origin.y);
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

namespace {

XY projected(const XY& lonlat) {
  const XY world = lonlat_to_world(lonlat.x, lonlat.y);
  if (!std::isfinite(world.x) || !std::isfinite(world.y)) throw GeometryError("project to Web Mercator: not finite");
  return world;
}

}  // namespace

WorldFeature::WorldFeature(const Geometry& lonlat) : type_(tile_type_of(lonlat.type())) {
  for_each_part(lonlat, [&](std::span<const XY> vertices, bool polygon_start) {
    const auto first = static_cast<std::ptrdiff_t>(points_.size());
    for (const XY& v : vertices) points_.push_back(projected(v));
    const std::span<const XY> part(points_.data() + first, vertices.size());
    if (type_ == mvt::GeomType::Point) {
      importance_.insert(importance_.end(), part.size(), 0.0);
    } else {
      const std::vector<double> importance = dp_importance(part);
      importance_.insert(importance_.end(), importance.begin(), importance.end());
    }
    part_ends_.push_back(static_cast<std::uint32_t>(points_.size()));
    polygon_start_.push_back(polygon_start);
    // A ring keeps at least the three vertices that matter most (its closing repeat aside), so a
    // thin feature stays a thin polygon instead of collapsing into a line.
    double floor = -1;
    if (type_ == mvt::GeomType::Polygon && part.size() > 4) {
      std::vector<double> top(importance_.end() - static_cast<std::ptrdiff_t>(part.size()), importance_.end() - 1);
      std::nth_element(top.begin(), top.begin() + 2, top.end(), std::greater<>());
      floor = std::nextafter(top[2], -1.0);
    }
    ring_floor_.push_back(floor);
  });
  // Web Mercator keeps each coordinate's order, so a point inside the lon/lat geometry is inside
  // its projection too.
  if (type_ == mvt::GeomType::Point) {
    surface_point_ = points_.empty() ? XY{} : points_.front();
  } else if (!lonlat.is_empty()) {
    surface_point_ = projected(coordinates(point_on_surface(lonlat)).front());
  }
}

mvt::TileGeometry simplified_on_grid(const WorldFeature& feature, int z, const TileOptions& options) {
  const double factor = zoom_factor(z, options);
  const mvt::GeomType type = feature.type();
  mvt::TileGeometry grid;
  grid.type = type;
  std::vector<mvt::TilePoint> run;
  bool skip_holes = false;
  for (std::size_t part = 0; part < feature.part_count(); ++part) {
    run.clear();
    feature.for_kept(part, options.simplify_tolerance / factor, [&](const XY& world) {
      const mvt::TilePoint p = on_grid(world, factor);
      if (type == mvt::GeomType::Point || run.empty() || !(run.back() == p)) run.push_back(p);
    });
    if (type == mvt::GeomType::Polygon) {
      // Rounding folds spikes narrower than a unit onto themselves, or across: they go.
      remove_spikes(run, 1.0);
      std::int64_t area2 = run.size() >= 3 ? mvt::ring_area2(run) : 0;
      // Rings below the minimum area (slivers, specks) are left out: invisible on a map, and
      // the usual reason a simplified ring crosses its neighbours.
      if (static_cast<double>(std::abs(area2)) < 2 * options.min_ring_area) area2 = 0;
      const bool exterior = feature.is_exterior(part);
      if (exterior) skip_holes = area2 == 0;  // the holes of nothing
      if (area2 == 0 || (skip_holes && !exterior)) continue;
      // Exteriors positive, holes negative (spec 4.3.4.4), whatever the source's orientation.
      if ((area2 > 0) != exterior) std::reverse(run.begin(), run.end());
    } else if (type == mvt::GeomType::LineString && run.size() < 2) {
      continue;
    }
    grid.points.insert(grid.points.end(), run.begin(), run.end());
    grid.part_ends.push_back(static_cast<std::uint32_t>(grid.points.size()));
  }
  return grid;
}

ZoomGeometry prepare_for_zoom(const WorldFeature& feature, int z, const TileOptions& options) {
  // Rounding shuts narrow necks: rings touching themselves there are split. DP keeps no topology:
  // where a simplified ring crosses or swallows another, try again keeping more vertices (a
  // quarter of the tolerance, then all of them); the exact path only when even the unsimplified
  // rings, rounded, do not stay valid (slivers thinner than a grid unit).
  TileOptions attempt = options;
  for (int round = 0;; ++round) {
    mvt::TileGeometry grid = simplified_on_grid(feature, z, attempt);
    if (grid.empty()) {
      // Smaller than a tile unit: a point keeps the feature findable (and countable) at this zoom.
      return {PixelShape(collapsed_point(feature.surface_point(), zoom_factor(z, options))), true, false, false};
    }
    bool touching = false;
    if (grid.type != mvt::GeomType::Polygon || is_strictly_valid(grid, &touching) ||
        (split_pinches(grid) && is_strictly_valid(grid, &touching))) {
      return {PixelShape(std::move(grid)), false, false, touching};
    }
    if (attempt.simplify_tolerance == 0) break;
    attempt.simplify_tolerance = round == 0 ? options.simplify_tolerance / 4 : 0;
  }
  return prepare_exactly(feature, z, options);
}

mvt::TileGeometry tile_geometry(const ZoomGeometry& feature, std::uint32_t x, std::uint32_t y,
                                const TileOptions& options) {
  const PixelShape& shape = feature.shape;
  if (shape.empty()) return {};
  const auto extent = static_cast<std::int32_t>(options.extent);
  const auto buffer = static_cast<std::int32_t>(options.buffer);
  const mvt::TilePoint origin{static_cast<std::int32_t>(x) * extent, static_cast<std::int32_t>(y) * extent};
  const PixelBox rect{origin.x - buffer, origin.y - buffer, origin.x + extent + buffer, origin.y + extent + buffer};
  if (!rect.intersects(shape.box())) return {};
  if (rect.contains(shape.box())) {
    mvt::TileGeometry out = shape.geometry();
    for (auto& p : out.points) p = {p.x - origin.x, p.y - origin.y};
    return out;
  }
  std::optional<Clipped> clipped = clip_to_rect(shape, rect, origin);
  if (clipped) {
    mvt::TileGeometry& g = clipped->geometry;
    if (g.type != mvt::GeomType::Polygon || g.empty()) return std::move(g);
    // Proven valid without looking (Clipped::exact), or checked; a ring the clip made touch
    // itself on the tile's edge is split there.
    if ((!feature.touching && clipped->exact) || is_strictly_valid(g)) return std::move(g);
    if (split_pinches(g) && is_strictly_valid(g)) return std::move(g);
  }
  return exact_tile_geometry(shape, rect, origin);
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
