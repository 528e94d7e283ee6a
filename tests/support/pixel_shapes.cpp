#include "support/pixel_shapes.hpp"

#include "geo/geos_context.hpp"
#include "geo/operations.hpp"

#include <algorithm>

namespace test_support {

geo::mvt::TileGeometry grid_polygon(const geo::Geometry& polygonal) {
  geo::mvt::TileGeometry out;
  out.type = geo::mvt::GeomType::Polygon;
  geo::for_each_part(polygonal, [&](std::span<const geo::XY> ring, bool exterior) {
    std::vector<geo::mvt::TilePoint> points;
    for (std::size_t i = 0; i + 1 < ring.size(); ++i) {
      points.push_back({static_cast<std::int32_t>(ring[i].x), static_cast<std::int32_t>(ring[i].y)});
    }
    if ((geo::mvt::ring_area2(points) > 0) != exterior) std::reverse(points.begin(), points.end());
    out.points.insert(out.points.end(), points.begin(), points.end());
    out.part_ends.push_back(static_cast<std::uint32_t>(out.points.size()));
  });
  return out;
}

geo::Geometry random_grid_polygon(std::mt19937& random, int size) {
  std::uniform_int_distribution<int> coordinate(0, size);
  const auto point = [&] {
    return geo::XY{static_cast<double>(coordinate(random)), static_cast<double>(coordinate(random))};
  };
  const auto box = [&] {
    const geo::XY a = point(), b = point();
    const double x0 = std::min(a.x, b.x), x1 = std::max(a.x, b.x) + 1, y0 = std::min(a.y, b.y),
                 y1 = std::max(a.y, b.y) + 1;
    return geo::make_polygon(std::vector<geo::XY>{{x0, y0}, {x1, y0}, {x1, y1}, {x0, y1}});
  };
  std::vector<geo::Geometry> pieces;
  for (int i = std::uniform_int_distribution<int>(1, 5)(random); i > 0; --i) {
    if (random() % 2 == 0) {
      pieces.push_back(box());
    } else {
      const std::vector<geo::XY> triangle{point(), point(), point()};
      geo::Geometry t = geo::make_polygon(triangle);
      if (geo::area(t) > 0) pieces.push_back(std::move(t));
    }
  }
  if (pieces.empty()) return {};
  geo::Geometry shape = geo::union_all(pieces);
  for (int i = std::uniform_int_distribution<int>(0, 3)(random); i > 0; --i) shape = geo::difference(shape, box());
  geo::Geometry snapped = geo::Geometry::adopt(GEOSGeom_setPrecision_r(geo::geos(), shape.get(), 1.0, 0), "snap");
  geo::Geometry polygons = geo::polygonal_part(snapped);
  if (polygons.is_null() || polygons.is_empty()) return {};
  return polygons;
}

}  // namespace test_support
