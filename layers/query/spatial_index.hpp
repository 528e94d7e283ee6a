#pragma once
// The read-only search structures of one snapshot, built once and then shared by every thread.
// Nothing in here is lazily initialised (unlike GEOS prepared geometries), so concurrent queries
// only ever read.
//   - Polygon layers: every feature subdivided into pieces of ≤ 64 vertices (geo/subdivide.hpp),
//     one packed R-tree over the pieces of the layer: point-in-polygon in one small ring set.
//   - All layers: every boundary/axis segment (points as zero-length segments) in a packed R-tree,
//     for band tests and nearest-feature search.
#include "geo/box_index.hpp"
#include "geo/coord.hpp"
#include "geo/geometry.hpp"
#include "layers/model/layer.hpp"

#include <cstdint>
#include <memory>
#include <vector>

namespace layers::query {

struct Piece {
  std::uint32_t feature = 0;
  bool fills_box = false;
  std::uint32_t vertex_begin = 0;  // into LayerIndex::piece_vertices
  std::uint32_t ring_begin = 0;    // into LayerIndex::piece_ring_ends (offsets relative to vertex_begin)
  std::uint32_t ring_end = 0;
};

struct Segment {
  geo::XY a;
  geo::XY b;
  std::uint32_t feature = 0;
};

struct LayerIndex {
  GeometryKind kind = GeometryKind::Polygon;
  std::vector<Piece> pieces;
  std::vector<geo::XY> piece_vertices;
  std::vector<std::uint32_t> piece_ring_ends;
  std::vector<geo::Envelope> piece_boxes;
  // The clipped piece as a GEOS polygon (null where the piece fills its box), for overlap areas.
  // Shared read-only: callers clone before handing one to GEOS, which may cache internally.
  std::vector<geo::Geometry> piece_shapes;
  geo::BoxIndex piece_index;

  std::vector<Segment> segments;
  geo::BoxIndex segment_index;

  std::vector<double> band_m;  // per feature; 0 where the feature has none
  double max_band_m = 0;
};

class PolygonGrid;
class LineGrid;

class SpatialIndex {
 public:
  explicit SpatialIndex(const std::vector<Layer>& layers);
  ~SpatialIndex();
  SpatialIndex(SpatialIndex&&) noexcept;
  SpatialIndex& operator=(SpatialIndex&&) noexcept;
  SpatialIndex(const SpatialIndex&) = delete;
  SpatialIndex& operator=(const SpatialIndex&) = delete;

  [[nodiscard]] const LayerIndex& layer(std::size_t i) const { return layers_.at(i); }
  // All polygon layers in one grid: the point-in-polygon path of locate().
  [[nodiscard]] const PolygonGrid& grid() const noexcept { return *grid_; }
  // Candidate segments of the line layers per coarse cell: the band and nearest path of locate().
  [[nodiscard]] const LineGrid& line_grid() const noexcept { return *line_grid_; }
  [[nodiscard]] int admin_layer() const noexcept { return admin_layer_; }  // -1 if none
  // Whether admin feature f is a county-level unit (has a `county` attribute).
  [[nodiscard]] bool is_county(std::uint32_t f) const noexcept { return f < is_county_.size() && is_county_[f]; }
  [[nodiscard]] const std::vector<std::uint32_t>& line_layers() const noexcept { return line_layers_; }
  [[nodiscard]] std::size_t piece_count() const noexcept;
  [[nodiscard]] std::size_t segment_count() const noexcept;

 private:
  std::vector<LayerIndex> layers_;
  std::unique_ptr<PolygonGrid> grid_;
  std::unique_ptr<LineGrid> line_grid_;
  int admin_layer_ = -1;
  std::vector<bool> is_county_;
  std::vector<std::uint32_t> line_layers_;
};

}  // namespace layers::query
