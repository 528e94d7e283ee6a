// The glyph generator of the web client (web-client/glyphs): the distance transform against brute
// force, the SDF's grey levels where MapLibre's shader expects them, and a range of the Debian font
// read back through the glyph protobuf.
#include "font_face.hpp"
#include "glyph_range.hpp"
#include "glyphs.pb.h"
#include "sdf.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <random>
#include <vector>

namespace {

// min over every pixel p of |q - p|^2 + f(p): the definition, in O(n^2).
std::vector<double> brute_force(const std::vector<double>& f, int width, int height) {
  std::vector<double> out(f.size());
  for (int qy = 0; qy < height; ++qy) {
    for (int qx = 0; qx < width; ++qx) {
      double best = 1e300;
      for (int py = 0; py < height; ++py) {
        for (int px = 0; px < width; ++px) {
          const double d = (qx - px) * (qx - px) + (qy - py) * (qy - py) + f[static_cast<std::size_t>(py * width + px)];
          best = std::min(best, d);
        }
      }
      out[static_cast<std::size_t>(qy * width + qx)] = best;
    }
  }
  return out;
}

TEST(DistanceTransform, ExactOnRandomBinaryImages) {
  std::mt19937 random(7);
  for (const auto& [width, height, density] : {std::tuple{1, 1, 1.0}, {17, 5, 0.1}, {9, 23, 0.02}, {31, 31, 0.3}}) {
    std::bernoulli_distribution source(density);
    std::vector<double> grid(static_cast<std::size_t>(width * height));
    for (auto& g : grid) g = source(random) ? 0.0 : 1e20;
    const auto expected = brute_force(grid, width, height);
    glyphs::squared_distance_transform(grid, width, height);
    EXPECT_EQ(grid, expected) << width << "x" << height;  // integer squares: exact, not approximately
  }
}

TEST(DistanceTransform, SubPixelSeedsAddTheirOwnDistance) {
  std::mt19937 random(11);
  std::uniform_real_distribution<double> seed(0.0, 0.25);
  std::bernoulli_distribution source(0.05);
  const int width = 24;
  const int height = 19;
  std::vector<double> grid(static_cast<std::size_t>(width * height));
  for (auto& g : grid) g = source(random) ? seed(random) : 1e20;
  const auto expected = brute_force(grid, width, height);
  glyphs::squared_distance_transform(grid, width, height);
  for (std::size_t i = 0; i < grid.size(); ++i) EXPECT_NEAR(grid[i], expected[i], 1e-9) << i;
}

TEST(DistanceTransform, RefusesAMismatchedGrid) {
  std::vector<double> grid(10);
  EXPECT_THROW(glyphs::squared_distance_transform(grid, 3, 3), std::invalid_argument);
}

TEST(Sdf, OutlineAt191InsideHigherOutsideLower) {
  // A 6x6 ink square with a half-covered left column.
  const int size = 6;
  std::vector<std::uint8_t> coverage(size * size, 255);
  for (int y = 0; y < size; ++y) coverage[static_cast<std::size_t>(y * size)] = 128;
  const glyphs::SdfParams params;  // buffer 3, radius 8, cutoff 0.25
  const auto field = glyphs::sdf_from_coverage(coverage, size, size, params);
  const int w = size + 2 * params.buffer;
  ASSERT_EQ(field.size(), static_cast<std::size_t>(w * w));
  const auto at = [&](int x, int y) { return static_cast<int>(field[static_cast<std::size_t>(y * w + x)]); };
  const int row = params.buffer + size / 2;
  // The half-covered pixel is on the outline: 255 * (1 - cutoff) (the 128/255 coverage puts it 0.002 px in).
  EXPECT_NEAR(at(params.buffer, row), 191, 1);
  // One pixel of distance is 255 / radius grey levels: ~32 up inside, down outside.
  EXPECT_NEAR(at(params.buffer - 1, row), 191 - 32, 2);
  EXPECT_NEAR(at(params.buffer + 1, row), 191 + 32, 2);
  // Monotonic along the row from outside to just inside (deeper in, it saturates at 255).
  for (int x = 0; x <= params.buffer; ++x) EXPECT_LT(at(x, row), at(x + 1, row)) << x;
  // Far outside the field floors at 0 only beyond radius * (1 - cutoff) = 6 px; the corner is ~4.2 px away.
  EXPECT_GT(at(0, 0), 0);
  EXPECT_LT(at(0, 0), 100);
}

TEST(Sdf, EmptyCoverageIsAllOutside) {
  const std::vector<std::uint8_t> coverage(4, 0);
  const auto field = glyphs::sdf_from_coverage(coverage, 2, 2);
  EXPECT_TRUE(std::all_of(field.begin(), field.end(), [](std::uint8_t v) { return v == 0; }));
}

TEST(GlyphRange, DebianFontEncodesAsTheGlyphProtobuf) {
  const glyphs::FontFace face(LAYOUTD_GLYPH_FONT, "Noto Sans CJK SC", glyphs::kGlyphPixelSize);
  EXPECT_EQ(face.style(), "Regular");
  llmr::glyphs::glyphs message;
  ASSERT_TRUE(message.ParseFromString(glyphs::encode_range(face, "Noto Sans CJK SC Regular", 0)));
  ASSERT_EQ(message.stacks_size(), 1);
  const auto& stack = message.stacks(0);
  EXPECT_EQ(stack.name(), "Noto Sans CJK SC Regular");
  EXPECT_EQ(stack.range(), "0-255");
  EXPECT_GT(stack.glyphs_size(), 180);  // Basic Latin and Latin-1

  const auto find = [&](std::uint32_t id) {
    const auto glyph = std::find_if(stack.glyphs().begin(), stack.glyphs().end(),
                                    [&](const llmr::glyphs::glyph& g) { return g.id() == id; });
    return glyph == stack.glyphs().end() ? nullptr : &*glyph;
  };
  const auto* space = find(' ');
  ASSERT_NE(space, nullptr);
  EXPECT_FALSE(space->has_bitmap());
  EXPECT_GT(space->advance(), 3U);

  // 'H' at 24 px: cap height ~0.73 em, on the baseline, a field 3 px wider on every side.
  const auto* h = find('H');
  ASSERT_NE(h, nullptr);
  EXPECT_NEAR(h->height(), 17, 1.5);
  EXPECT_NEAR(h->top(), 17, 1.5);
  EXPECT_GE(h->left(), 0);
  EXPECT_NEAR(h->advance(), 18, 3);
  ASSERT_EQ(h->bitmap().size(), (h->width() + 6) * (h->height() + 6));
  // Its left stem is ink: the field passes the outline value 191 across the stem.
  const auto w = h->width() + 6;
  const auto row = (h->height() + 6) / 2;
  int inside = 0;
  for (std::uint32_t x = 0; x < w; ++x) inside += static_cast<unsigned char>(h->bitmap()[row * w + x]) > 191 ? 1 : 0;
  EXPECT_GT(inside, 2);
  // 'g' descends below the baseline.
  const auto* g = find('g');
  ASSERT_NE(g, nullptr);
  EXPECT_LT(g->top(), static_cast<int>(g->height()));
}

TEST(GlyphRange, MissingFontOrFamilyIsAnError) {
  EXPECT_THROW(glyphs::FontFace("/nonexistent.ttc", "Noto Sans CJK SC", 24), glyphs::FontError);
  EXPECT_THROW(glyphs::FontFace(LAYOUTD_GLYPH_FONT, "No Such Family", 24), glyphs::FontError);
}

}  // namespace
