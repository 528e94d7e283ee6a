// libFuzzer target: the tile pipeline and the MVT encoder (geo/tiles) on geometries read from the
// input, with the promises their headers make checked on every tile:
//   lon/lat mode  a point, line or polygon feature around a tile near 长春 at zoom 0–16, repaired
//                 with make_valid when the bytes drew an invalid polygon (WorldFeature asks for
//                 valid ones); WorldFeature, prepare_for_zoom and tile_geometry for the 3×3 tiles
//                 around it. Every polygon a tile gets must be valid for GEOS (tile_geometry.hpp).
//   pixel mode    any points, lines or rings on a zoom's pixel grid, valid or not (self-crossing,
//                 spikes, repeated vertices, holes anywhere): is_strictly_valid must never call an
//                 invalid polygon valid; clip_to_rect and split_pinches must survive anything;
//                 when the exact test passed, tile_geometry's tiles must be valid too.
// Whatever a tile gets is encoded (TileBuilder), and the bytes must decode with the strict reader
// (tests/support/mvt_decode) to the same vertices. A violation abort()s, so libFuzzer keeps it.
#include "geo/operations.hpp"
#include "geo/tiles/mvt_encoder.hpp"
#include "geo/tiles/pixel_clip.hpp"
#include "geo/tiles/pixel_polygon.hpp"
#include "geo/tiles/tile_geometry.hpp"
#include "geo/tiles/tile_math.hpp"
#include "support/mvt_decode.hpp"

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <string>
#include <vector>

namespace {

using geo::mvt::GeomType;
using geo::mvt::TileGeometry;
using geo::mvt::TilePoint;

// The input as a stream of small integers; zeros once it runs out.
class Bytes {
 public:
  Bytes(const std::uint8_t* data, std::size_t size) : data_(data), size_(size) {}
  [[nodiscard]] bool done() const noexcept { return size_ == 0; }
  std::uint8_t u8() noexcept {
    if (size_ == 0) return 0;
    --size_;
    return *data_++;
  }
  std::int16_t i16() noexcept { return static_cast<std::int16_t>(u8() | (u8() << 8)); }

 private:
  const std::uint8_t* data_;
  std::size_t size_;
};

[[noreturn]] void fail(const std::string& what, const TileGeometry& g) {
  std::fprintf(stderr, "fuzz_mvt: %s\ntype %d, %zu points, parts:", what.c_str(), static_cast<int>(g.type),
               g.points.size());
  for (auto end : g.part_ends) std::fprintf(stderr, " %u", end);
  std::fprintf(stderr, "\n");
  for (const auto& p : g.points) std::fprintf(stderr, "(%d %d) ", p.x, p.y);
  std::fprintf(stderr, "\n");
  std::abort();
}

// MVT's layout (tile_point.hpp): lines of ≥ 2 vertices, rings of ≥ 3 with the first an exterior.
void check_layout(const TileGeometry& g, const char* stage) {
  std::uint32_t begin = 0;
  for (std::size_t i = 0; i < g.part_ends.size(); ++i) {
    const std::uint32_t end = g.part_ends[i];
    if (end < begin || end > g.points.size()) fail(std::string(stage) + ": part ends out of order", g);
    const std::uint32_t n = end - begin;
    if (g.type == GeomType::LineString && n < 2) fail(std::string(stage) + ": a line of < 2 vertices", g);
    if (g.type == GeomType::Polygon) {
      if (n < 3) fail(std::string(stage) + ": a ring of < 3 vertices", g);
      if (i == 0 && geo::mvt::ring_area2({g.points.data(), n}) <= 0) fail(std::string(stage) + ": a hole first", g);
    }
    begin = end;
  }
  if (!g.part_ends.empty() && g.part_ends.back() != g.points.size()) fail(std::string(stage) + ": stray points", g);
}

void check_valid_polygon(const TileGeometry& g, const char* stage) {
  if (g.type != GeomType::Polygon || g.empty()) return;
  check_layout(g, stage);
  if (!geo::to_geometry(g).is_valid()) fail(std::string(stage) + ": an invalid polygon", g);
}

// Encodes the tile's features, decodes the bytes strictly and compares.
void check_encoding(const std::vector<TileGeometry>& features) {
  geo::mvt::TileBuilder builder;
  builder.layer("fuzz");
  std::vector<const TileGeometry*> added;
  for (const auto& g : features) {
    const geo::mvt::Property property{"n", std::int64_t{static_cast<std::int64_t>(added.size())}};
    if (builder.add_feature(added.size() + 1, g, {&property, 1})) added.push_back(&g);
  }
  const std::string bytes = builder.serialize();
  test_support::DecodedTile tile;
  try {
    tile = test_support::decode_mvt(bytes);
  } catch (const std::exception& e) {
    fail(std::string("the tile does not decode: ") + e.what(), features.empty() ? TileGeometry{} : features.front());
  }
  const std::size_t decoded = tile.layers.empty() ? 0 : tile.layers.front().features.size();
  if (decoded != added.size()) fail("decoded feature count differs", added.empty() ? TileGeometry{} : *added.front());
  for (std::size_t i = 0; i < decoded; ++i) {
    const TileGeometry& in = *added[i];
    const TileGeometry& out = tile.layers.front().features[i].geometry;
    // A point feature is one MoveTo: its parts, if it had any, are not in the tile.
    const bool parts_differ = in.type != GeomType::Point && in.part_ends != out.part_ends;
    if (in.type != out.type || in.points != out.points || parts_differ) {
      fail("decoded geometry differs from the encoded one", in);
    }
  }
}

geo::TileOptions options_from(std::uint8_t b) {
  geo::TileOptions options;
  options.buffer = (b & 1) != 0 ? 0 : 64;
  options.simplify_tolerance = static_cast<double>((b >> 1) & 3);  // 0 keeps every vertex
  options.min_ring_area = (b & 8) != 0 ? 0.0 : 4.0;
  return options;
}

// The 3×3 tiles around (x, y) that exist at zoom z.
template <typename Visit>
void around(int z, std::uint32_t x, std::uint32_t y, Visit&& visit) {
  const auto side = static_cast<std::int64_t>(geo::tiles_per_side(z));
  for (std::int64_t dy = -1; dy <= 1; ++dy) {
    for (std::int64_t dx = -1; dx <= 1; ++dx) {
      const std::int64_t tx = x + dx, ty = y + dy;
      if (tx >= 0 && ty >= 0 && tx < side && ty < side)
        visit(static_cast<std::uint32_t>(tx), static_cast<std::uint32_t>(ty));
    }
  }
}

void lonlat_mode(Bytes& in, GeomType type, bool multi) {
  const int z = in.u8() % 17;
  const geo::TileOptions options = options_from(in.u8());
  const geo::TileId centre = geo::tile_containing(125.3245, 43.8868, z);
  const geo::Envelope b = geo::tile_lonlat_bounds(centre);
  const double cx = (b.min_x + b.max_x) / 2, cy = (b.min_y + b.max_y) / 2;
  // int16 offsets span the 3×3 tiles, a few steps per pixel: vertices meet, nearly meet, round together.
  const double sx = 1.5 * (b.max_x - b.min_x) / 32768, sy = 1.5 * (b.max_y - b.min_y) / 32768;
  std::vector<std::vector<geo::XY>> parts;
  while (!in.done() && parts.size() < 16) {
    std::vector<geo::XY> part(1 + in.u8() % 24);
    for (auto& v : part) v = {cx + sx * in.i16(), cy + sy * in.i16()};
    parts.push_back(std::move(part));
  }
  geo::Geometry lonlat;
  try {
    std::vector<geo::Geometry> pieces;
    if (type == GeomType::Polygon) {
      // Each ring after the first is a hole of the polygon before, or (multi) a polygon of its own.
      std::vector<geo::XY> shell;
      std::vector<std::vector<geo::XY>> holes;
      const auto flush = [&] {
        if (!shell.empty()) pieces.push_back(geo::make_polygon(shell, holes));
        shell.clear();
        holes.clear();
      };
      for (auto& ring : parts) {
        if (ring.size() < 3) continue;
        if (shell.empty() || multi) {
          flush();
          shell = std::move(ring);
        } else {
          holes.push_back(std::move(ring));
        }
      }
      flush();
      if (pieces.empty()) return;
      lonlat = geo::make_collection(std::move(pieces));
      if (!lonlat.is_valid()) lonlat = geo::polygonal_part(geo::make_valid(lonlat));
      if (lonlat.is_empty()) return;
    } else if (type == GeomType::LineString) {
      for (const auto& line : parts) {
        if (line.size() >= 2) pieces.push_back(geo::make_line(line));
      }
      if (pieces.empty()) return;
      lonlat = geo::make_collection(std::move(pieces));
    } else {
      for (const auto& run : parts) {
        for (const auto& v : run) pieces.push_back(geo::make_point(v.x, v.y));
      }
      if (pieces.empty()) return;
      lonlat = geo::make_collection(std::move(pieces));
    }
  } catch (const std::exception&) {
    return;  // GEOS refused to build the input (a ring of repeated points, say): nothing to tile
  }
  const geo::WorldFeature feature(lonlat);
  const geo::ZoomGeometry zoomed = geo::prepare_for_zoom(feature, z, options);
  std::vector<TileGeometry> tiles;
  around(z, centre.x, centre.y, [&](std::uint32_t x, std::uint32_t y) {
    TileGeometry g = geo::tile_geometry(zoomed, x, y, options);
    check_layout(g, "tile_geometry");
    check_valid_polygon(g, "tile_geometry");
    if (!g.empty()) tiles.push_back(std::move(g));
  });
  check_encoding(tiles);
}

void pixel_mode(Bytes& in, GeomType type) {
  const int z = 1 + in.u8() % 12;
  const geo::TileOptions options = options_from(in.u8());
  const int shift = in.u8() % 8;  // coarser grids: more shared vertices, collinear edges, touching rings
  const std::uint32_t side = geo::tiles_per_side(z);
  const std::uint32_t tx = side / 2, ty = side / 2 - 1;
  const auto extent = static_cast<std::int32_t>(options.extent);
  const std::int32_t cx = static_cast<std::int32_t>(tx) * extent + extent / 2;
  const std::int32_t cy = static_cast<std::int32_t>(ty) * extent + extent / 2;
  TileGeometry g;
  g.type = type;
  while (!in.done() && g.part_ends.size() < 16) {
    std::vector<TilePoint> part(1 + in.u8() % 24);
    for (auto& p : part) p = {cx + (in.i16() >> shift), cy + (in.i16() >> shift)};
    if (type == GeomType::LineString && part.size() < 2) continue;
    if (type == GeomType::Polygon) {
      if (part.size() < 3 || geo::mvt::ring_area2(part) == 0) continue;
      if (g.part_ends.empty() && geo::mvt::ring_area2(part) < 0) std::reverse(part.begin(), part.end());
    }
    g.points.insert(g.points.end(), part.begin(), part.end());
    g.part_ends.push_back(static_cast<std::uint32_t>(g.points.size()));
  }
  if (g.empty()) return;
  bool touching = false;
  const bool strict = type == GeomType::Polygon && geo::is_strictly_valid(g, &touching);
  if (strict && !geo::to_geometry(g).is_valid()) fail("is_strictly_valid passed an invalid polygon", g);
  if (type == GeomType::Polygon) {
    TileGeometry split = g;
    if (geo::split_pinches(split)) {
      check_layout(split, "split_pinches");
      if (geo::is_strictly_valid(split) && !geo::to_geometry(split).is_valid()) {
        fail("is_strictly_valid passed an invalid polygon from split_pinches", split);
      }
    } else if (split.points != g.points || split.part_ends != g.part_ends) {
      fail("split_pinches changed the polygon and returned false", g);
    }
  }
  std::vector<TileGeometry> tiles{g};
  const geo::PixelShape shape(g);
  const geo::ZoomGeometry zoomed{shape, false, false, touching};
  const auto buffer = static_cast<std::int32_t>(options.buffer);
  around(z, tx, ty, [&](std::uint32_t x, std::uint32_t y) {
    const TilePoint origin{static_cast<std::int32_t>(x) * extent, static_cast<std::int32_t>(y) * extent};
    const geo::PixelBox rect{origin.x - buffer, origin.y - buffer, origin.x + extent + buffer,
                             origin.y + extent + buffer};
    if (auto clipped = geo::clip_to_rect(shape, rect, origin)) {
      check_layout(clipped->geometry, "clip_to_rect");
      // Clipped::exact's promise: from a valid polygon whose rings do not touch, valid as it is.
      if (strict && !touching && clipped->exact) check_valid_polygon(clipped->geometry, "clip_to_rect (exact)");
      if (!clipped->geometry.empty()) tiles.push_back(std::move(clipped->geometry));
    }
    if (type != GeomType::Polygon || strict) {  // tile_geometry asks for valid polygons
      TileGeometry t = geo::tile_geometry(zoomed, x, y, options);
      check_layout(t, "tile_geometry");
      check_valid_polygon(t, "tile_geometry");
      if (!t.empty()) tiles.push_back(std::move(t));
    }
  });
  check_encoding(tiles);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  Bytes in(data, size);
  const std::uint8_t mode = in.u8();
  const GeomType type = (mode >> 1) % 3 == 0   ? GeomType::Point
                        : (mode >> 1) % 3 == 1 ? GeomType::LineString
                                               : GeomType::Polygon;
  if ((mode & 1) == 0) {
    lonlat_mode(in, type, (mode & 0x40) != 0);
  } else {
    pixel_mode(in, type);
  }
  return 0;
}
