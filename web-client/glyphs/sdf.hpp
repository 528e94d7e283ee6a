#pragma once
// Signed distance fields for map labels, as MapLibre's text shader reads them: 8 bits per pixel,
// 255 deep inside, 0 far outside, the outline at 255 * (1 - cutoff) (191 for cutoff 0.25), one
// grey level per radius/255 pixels of distance. Pure functions, no I/O.
#include <cstdint>
#include <span>
#include <vector>

namespace glyphs {

// Squared Euclidean distance transform, exact (Felzenszwalb & Huttenlocher's lower envelope of
// parabolas, along columns then rows). `grid` holds per pixel 0 for a source, a large value for
// others, or a squared sub-pixel distance to a source; on return each pixel holds the squared
// distance to the nearest source in pixels.
void squared_distance_transform(std::span<double> grid, int width, int height);

struct SdfParams {
  int buffer = 3;        // pixels of field around the ink box on every side
  double radius = 8.0;   // distance, in pixels, that the 0..255 range spans
  double cutoff = 0.25;  // fraction of the range left for the outside
};

// The SDF of an anti-aliased coverage bitmap (`coverage[y * width + x]`, 0 = empty, 255 = full),
// (width + 2 * buffer) x (height + 2 * buffer) bytes, rows top to bottom. A partly covered pixel
// places the outline inside it (0.5 - coverage pixels from its centre), so the field is
// sub-pixel accurate where the rasteriser was.
std::vector<std::uint8_t> sdf_from_coverage(std::span<const std::uint8_t> coverage, int width, int height,
                                            const SdfParams& params = {});

}  // namespace glyphs
