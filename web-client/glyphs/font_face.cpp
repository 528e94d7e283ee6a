#include "font_face.hpp"

#include <ft2build.h>
#include FT_FREETYPE_H

#include <cmath>
#include <cstdlib>

namespace glyphs {

struct FontFace::Handles {
  FT_Library library = nullptr;
  FT_Face face = nullptr;
  Handles() = default;
  Handles(const Handles&) = delete;
  Handles& operator=(const Handles&) = delete;
  ~Handles() {
    if (face != nullptr) FT_Done_Face(face);
    if (library != nullptr) FT_Done_FreeType(library);
  }
};

FontFace::FontFace(const std::string& file, const std::string& family, int pixel_size)
    : handles_(std::make_unique<Handles>()) {
  if (FT_Init_FreeType(&handles_->library) != 0) throw FontError("FreeType failed to initialise");
  // A collection (.ttc) has several faces; try each until the family matches.
  FT_Long faces = 1;
  for (FT_Long index = 0; index < faces; ++index) {
    FT_Face face = nullptr;
    if (FT_New_Face(handles_->library, file.c_str(), index, &face) != 0) {
      throw FontError(file + ": not a font FreeType can open (is fonts-noto-cjk installed?)");
    }
    faces = face->num_faces;
    if (face->family_name != nullptr && family == face->family_name) {
      handles_->face = face;
      break;
    }
    FT_Done_Face(face);
  }
  if (handles_->face == nullptr) throw FontError(file + ": no face of family '" + family + "'");
  if (FT_Set_Pixel_Sizes(handles_->face, 0, static_cast<FT_UInt>(pixel_size)) != 0) {
    throw FontError(file + ": cannot be scaled to " + std::to_string(pixel_size) + " px");
  }
}

FontFace::FontFace(FontFace&&) noexcept = default;
FontFace& FontFace::operator=(FontFace&&) noexcept = default;
FontFace::~FontFace() = default;

std::string FontFace::family() const {
  return handles_->face->family_name != nullptr ? handles_->face->family_name : "";
}

std::string FontFace::style() const {
  return handles_->face->style_name != nullptr ? handles_->face->style_name : "";
}

std::optional<RasterGlyph> FontFace::render(char32_t code_point) const {
  FT_Face face = handles_->face;
  const FT_UInt index = FT_Get_Char_Index(face, code_point);
  if (index == 0) return std::nullopt;
  if (FT_Load_Glyph(face, index, FT_LOAD_NO_HINTING | FT_LOAD_NO_BITMAP | FT_LOAD_RENDER) != 0) {
    throw FontError(family() + " " + style() + ": FreeType cannot render U+" + std::to_string(code_point));
  }
  const FT_GlyphSlot slot = face->glyph;
  const FT_Bitmap& bitmap = slot->bitmap;
  RasterGlyph out;
  out.advance = static_cast<int>(std::lround(static_cast<double>(slot->advance.x) / 64.0));
  if (bitmap.width == 0 || bitmap.rows == 0) return out;  // a space: metrics only
  if (bitmap.pixel_mode != FT_PIXEL_MODE_GRAY) {
    throw FontError(family() + " " + style() + ": U+" + std::to_string(code_point) + " did not render as 8-bit grey");
  }
  out.width = static_cast<int>(bitmap.width);
  out.height = static_cast<int>(bitmap.rows);
  out.left = slot->bitmap_left;
  out.top = slot->bitmap_top;
  out.coverage.resize(static_cast<std::size_t>(out.width) * static_cast<std::size_t>(out.height));
  for (int y = 0; y < out.height; ++y) {
    const unsigned char* row = bitmap.buffer + static_cast<std::ptrdiff_t>(y) * bitmap.pitch;
    std::copy(row, row + out.width, out.coverage.begin() + static_cast<std::ptrdiff_t>(y) * out.width);
  }
  return out;
}

}  // namespace glyphs
