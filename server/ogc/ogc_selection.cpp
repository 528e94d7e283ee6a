#include "server/ogc/ogc_selection.hpp"

#include "geo/operations.hpp"

#include <algorithm>
#include <numeric>

namespace server {
namespace {

bool box_contains(const geo::Envelope& outer, const geo::Envelope& inner) {
  return inner.min_x >= outer.min_x && inner.max_x <= outer.max_x && inner.min_y >= outer.min_y &&
         inner.max_y <= outer.max_y;
}

// The box as a geometry GEOS can test against; a box of zero width or height is a line or point,
// not a (degenerate, invalid) polygon.
geo::Geometry box_geometry(const geo::Envelope& box) {
  if (box.min_x == box.max_x && box.min_y == box.max_y) return geo::make_point(box.min_x, box.min_y);
  if (box.min_x == box.max_x || box.min_y == box.max_y) {
    const std::vector<geo::XY> ends{{box.min_x, box.min_y}, {box.max_x, box.max_y}};
    return geo::make_line(ends);
  }
  const std::vector<geo::XY> ring{
      {box.min_x, box.min_y}, {box.max_x, box.min_y}, {box.max_x, box.max_y}, {box.min_x, box.max_y}};
  return geo::make_polygon(ring);
}

}  // namespace

std::vector<std::uint32_t> select_features(const layers::Layer& layer, const std::optional<geo::Envelope>& bbox) {
  std::vector<std::uint32_t> out;
  if (!bbox) {
    out.resize(layer.features().size());
    std::iota(out.begin(), out.end(), 0U);
    return out;
  }
  // The index narrows to features whose envelope meets the box. A feature inside the box needs no
  // more; one that straddles its edge may still miss it (an L-shaped outline around a corner), so
  // GEOS decides those.
  const geo::Geometry box = box_geometry(*bbox);
  layer.index().query(*bbox, [&](std::uint32_t position) {
    if (box_contains(*bbox, layer.envelopes()[position])) {
      out.push_back(position);
      return true;
    }
    // Snapshot geometries are shared by every request thread; GEOS may cache inside the geometries
    // it is given, so it gets a private copy.
    if (geo::intersects(layer.features()[position].geometry.clone(), box)) out.push_back(position);
    return true;
  });
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace server
