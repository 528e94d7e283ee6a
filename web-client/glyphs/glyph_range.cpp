#include "glyph_range.hpp"

#include "glyphs.pb.h"

#include <stdexcept>

namespace glyphs {

std::string encode_range(const FontFace& face, const std::string& stack_name, char32_t start, const SdfParams& params) {
  if (start % 256 != 0 || start > 0xFF00) throw std::invalid_argument("a glyph range starts at a multiple of 256");
  llmr::glyphs::glyphs message;
  llmr::glyphs::fontstack* stack = message.add_stacks();
  stack->set_name(stack_name);
  stack->set_range(std::to_string(start) + "-" + std::to_string(start + 255));
  for (char32_t code_point = start; code_point < start + 256; ++code_point) {
    const auto raster = face.render(code_point);
    if (!raster) continue;
    llmr::glyphs::glyph* glyph = stack->add_glyphs();
    glyph->set_id(code_point);
    glyph->set_width(static_cast<std::uint32_t>(raster->width));
    glyph->set_height(static_cast<std::uint32_t>(raster->height));
    glyph->set_left(raster->left);
    glyph->set_top(raster->top);
    glyph->set_advance(static_cast<std::uint32_t>(std::max(raster->advance, 0)));
    if (raster->width > 0) {
      const auto field = sdf_from_coverage(raster->coverage, raster->width, raster->height, params);
      glyph->set_bitmap(std::string(field.begin(), field.end()));
    }
  }
  return message.SerializeAsString();
}

}  // namespace glyphs
