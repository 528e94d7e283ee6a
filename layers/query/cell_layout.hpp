#pragma once
// The cells of a uniform lon/lat grid over a box: which cell a point falls in, and each cell's
// box. Shared by the polygon grid and the line grid (polygon_grid.hpp, line_grid.hpp).
#include "geo/coord.hpp"

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>

namespace layers::query {

struct CellLayout {
  // Each cell is split into kSubSide × kSubSide sub-cells, numbered row by row (PolygonGrid keeps
  // per sub-cell whether an outline crosses it).
  static constexpr std::uint32_t kSubSide = 4;

  geo::Envelope bounds;
  double cell = 1;  // degrees
  std::uint32_t columns = 0;
  std::uint32_t rows = 0;

  CellLayout() = default;
  // A null box has no cells. The last column and row reach past the box's edge.
  CellLayout(const geo::Envelope& box, double cell_deg) : bounds(box), cell(cell_deg) {
    if (bounds.is_null()) return;
    columns = static_cast<std::uint32_t>(std::ceil((bounds.max_x - bounds.min_x) / cell)) + 1;
    rows = static_cast<std::uint32_t>(std::ceil((bounds.max_y - bounds.min_y) / cell)) + 1;
  }

  [[nodiscard]] std::size_t size() const noexcept { return static_cast<std::size_t>(columns) * rows; }

  // The cell holding p, and the sub-cell of p in it; false if p is outside the box.
  [[nodiscard]] bool cell_of(geo::XY p, std::uint32_t& id, std::uint32_t& sub) const noexcept {
    if (size() == 0 || !bounds.contains(p.x, p.y)) return false;
    const double fx = (p.x - bounds.min_x) / cell;
    const double fy = (p.y - bounds.min_y) / cell;
    const auto c = std::min(columns - 1, static_cast<std::uint32_t>(fx));
    const auto r = std::min(rows - 1, static_cast<std::uint32_t>(fy));
    const auto sx = std::min(kSubSide - 1, static_cast<std::uint32_t>((fx - c) * kSubSide));
    const auto sy = std::min(kSubSide - 1, static_cast<std::uint32_t>((fy - r) * kSubSide));
    id = r * columns + c;
    sub = sy * kSubSide + sx;
    return true;
  }
  // The cell alone.
  [[nodiscard]] bool cell_of(geo::XY p, std::uint32_t& id) const noexcept {
    std::uint32_t sub = 0;
    return cell_of(p, id, sub);
  }
  // The column or row of a coordinate, clamped into the grid.
  [[nodiscard]] std::uint32_t column_of(double x) const noexcept {
    return static_cast<std::uint32_t>(std::clamp(std::floor((x - bounds.min_x) / cell), 0.0, columns - 1.0));
  }
  [[nodiscard]] std::uint32_t row_of(double y) const noexcept {
    return static_cast<std::uint32_t>(std::clamp(std::floor((y - bounds.min_y) / cell), 0.0, rows - 1.0));
  }
  [[nodiscard]] std::uint32_t id(std::uint32_t column, std::uint32_t row) const noexcept {
    return row * columns + column;
  }
  [[nodiscard]] geo::Envelope box(std::uint32_t column, std::uint32_t row) const noexcept {
    return {bounds.min_x + column * cell, bounds.min_y + row * cell, bounds.min_x + (column + 1) * cell,
            bounds.min_y + (row + 1) * cell};
  }
  [[nodiscard]] geo::Envelope sub_box(std::uint32_t column, std::uint32_t row, std::uint32_t sub) const noexcept {
    const double step = cell / kSubSide;
    const double x = bounds.min_x + column * cell + (sub % kSubSide) * step;
    const double y = bounds.min_y + row * cell + (sub / kSubSide) * step;
    return {x, y, x + step, y + step};
  }
};

}  // namespace layers::query
