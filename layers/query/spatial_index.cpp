#include "layers/query/spatial_index.hpp"

#include "layers/query/line_grid.hpp"
#include "layers/query/polygon_grid.hpp"

#include "geo/operations.hpp"
#include "geo/subdivide.hpp"
#include "layers/model/schema.hpp"

#include <algorithm>
#include <string_view>

namespace layers::query {
namespace {

void add_pieces(const geo::Geometry& geometry, std::uint32_t feature, LayerIndex& index,
                std::vector<geo::Envelope>& boxes) {
  for (auto& piece : geo::subdivide_polygon(geometry, 64)) {
    Piece p;
    p.feature = feature;
    p.fills_box = piece.fills_box;
    p.vertex_begin = static_cast<std::uint32_t>(index.piece_vertices.size());
    p.ring_begin = static_cast<std::uint32_t>(index.piece_ring_ends.size());
    index.piece_vertices.insert(index.piece_vertices.end(), piece.vertices.begin(), piece.vertices.end());
    index.piece_ring_ends.insert(index.piece_ring_ends.end(), piece.ring_ends.begin(), piece.ring_ends.end());
    p.ring_end = static_cast<std::uint32_t>(index.piece_ring_ends.size());
    index.pieces.push_back(p);
    boxes.push_back(piece.box);
    index.piece_shapes.push_back(piece.fills_box ? geo::Geometry{} : std::move(piece.shape));
    // Queries clone these shapes from many threads; make sure nothing inside GEOS is computed
    // lazily on first use (the envelope is the one such cache a Geometry has).
    if (!index.piece_shapes.back().is_null()) (void)index.piece_shapes.back().envelope();
  }
}

// Every segment of every line and ring; a point becomes a zero-length segment.
void add_segments(const geo::Geometry& geometry, std::uint32_t feature, LayerIndex& index) {
  geo::for_each_part(geometry, [&](std::span<const geo::XY> part, bool) {
    if (part.size() == 1) index.segments.push_back({part[0], part[0], feature});
    for (std::size_t i = 1; i < part.size(); ++i) index.segments.push_back({part[i - 1], part[i], feature});
  });
}

LayerIndex build_layer(const Layer& layer) {
  LayerIndex index;
  index.kind = layer.info().geometry_kind;
  std::vector<geo::Envelope> piece_boxes;
  const auto& features = layer.features();
  for (std::uint32_t f = 0; f < features.size(); ++f) {
    const geo::Geometry& g = features[f].geometry;
    if (g.is_null() || g.is_empty()) {
      index.band_m.push_back(0);
      continue;
    }
    const geo::GeometryType type = g.type();
    if (type == geo::GeometryType::Polygon || type == geo::GeometryType::MultiPolygon)
      add_pieces(g, f, index, piece_boxes);
    add_segments(g, f, index);
    const double band = features[f].attributes.number(schema::kBand).value_or(0.0);
    index.band_m.push_back(band > 0 ? band : 0.0);
    index.max_band_m = std::max(index.max_band_m, index.band_m.back());
  }
  index.piece_index = geo::BoxIndex(piece_boxes);
  index.piece_boxes = std::move(piece_boxes);
  std::vector<geo::Envelope> segment_boxes;
  std::vector<std::uint32_t> segment_features;  // nearest() skips subtrees of a feature already found
  segment_boxes.reserve(index.segments.size());
  segment_features.reserve(index.segments.size());
  for (const auto& s : index.segments) {
    segment_boxes.push_back(
        {std::min(s.a.x, s.b.x), std::min(s.a.y, s.b.y), std::max(s.a.x, s.b.x), std::max(s.a.y, s.b.y)});
    segment_features.push_back(s.feature);
  }
  index.segment_index = geo::BoxIndex(segment_boxes, segment_features);
  return index;
}

}  // namespace

// Grid cells of 0.02° (~2 km): small enough that a cell crossed by an outline holds a few dozen
// vertices, large enough that the planning area is a few tens of thousands of cells.
constexpr double kGridCellDeg = 0.02;
// Line candidate lists per 0.02° cell too: measured against 0.05°, 0.0125° and 0.01° (bench/
// query_bench BM_LocateFull), 0.02° was fastest; its lists hold 1.4 M entries (11 MB).
constexpr double kLineGridCellDeg = 0.02;
// The grids cover the metropolitan planning area and this margin around it, where the sites users
// ask about lie. The rest of the snapshot (neighbouring cities in the admin layer, the corridor's
// far end at Dalian) is answered from the per-layer R-trees: as exactly, a few times slower, and
// without grid memory spent where few sites fall (over all of it the line lists took 43 MB).
constexpr double kGridMarginDeg = 0.25;

geo::Envelope grid_extent(const std::vector<Layer>& layers) {
  geo::Envelope extent;
  for (const auto& layer : layers) {
    if (layer.id() == schema::kPlanningAreaLayer) extent.expand(layer.bounds());
  }
  if (extent.is_null()) {  // a snapshot without a planning area: everything
    for (const auto& layer : layers) extent.expand(layer.bounds());
    return extent;
  }
  return {extent.min_x - kGridMarginDeg, extent.min_y - kGridMarginDeg, extent.max_x + kGridMarginDeg,
          extent.max_y + kGridMarginDeg};
}

SpatialIndex::SpatialIndex(const std::vector<Layer>& layers) {
  layers_.reserve(layers.size());
  for (const auto& layer : layers) layers_.push_back(build_layer(layer));
  const geo::Envelope extent = grid_extent(layers);
  grid_ = std::make_unique<PolygonGrid>(layers_, kGridCellDeg, extent);
  for (std::uint32_t l = 0; l < layers.size(); ++l) {
    if (layers[l].info().geometry_kind == GeometryKind::Line) line_layers_.push_back(l);
    if (layers[l].id() == schema::kAdminLayer) {
      admin_layer_ = static_cast<int>(l);
      for (const auto& f : layers[l].features()) is_county_.push_back(f.attributes.text(schema::kCounty).has_value());
    }
  }
  line_grid_ = std::make_unique<LineGrid>(layers_, line_layers_, extent, kLineGridCellDeg);
}

SpatialIndex::~SpatialIndex() = default;
SpatialIndex::SpatialIndex(SpatialIndex&&) noexcept = default;
SpatialIndex& SpatialIndex::operator=(SpatialIndex&&) noexcept = default;

std::size_t SpatialIndex::piece_count() const noexcept {
  std::size_t n = 0;
  for (const auto& l : layers_) n += l.pieces.size();
  return n;
}

std::size_t SpatialIndex::segment_count() const noexcept {
  std::size_t n = 0;
  for (const auto& l : layers_) n += l.segments.size();
  return n;
}

}  // namespace layers::query
