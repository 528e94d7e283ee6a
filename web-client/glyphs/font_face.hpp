#pragma once
// One face of a font file through FreeType, rasterised at a fixed pixel size: the coverage bitmap
// and metrics of a code point. RAII over the library and face handles.
#include <cstdint>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace glyphs {

class FontError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct RasterGlyph {
  int width = 0;  // ink box in pixels (0 for a space)
  int height = 0;
  int left = 0;                        // pen position to the box's left edge
  int top = 0;                         // baseline up to the box's top edge
  int advance = 0;                     // pen movement, whole pixels
  std::vector<std::uint8_t> coverage;  // width * height, rows top to bottom
};

class FontFace {
 public:
  // The face of `file` whose family is `family` ("Noto Sans CJK SC"; a .ttc holds several), set to
  // `pixel_size` pixels per em. Throws FontError naming the file when it or the family is missing.
  FontFace(const std::string& file, const std::string& family, int pixel_size);
  FontFace(const FontFace&) = delete;
  FontFace& operator=(const FontFace&) = delete;
  FontFace(FontFace&&) noexcept;
  FontFace& operator=(FontFace&&) noexcept;
  ~FontFace();

  [[nodiscard]] std::string family() const;
  [[nodiscard]] std::string style() const;  // "Regular", "Bold"
  // Unhinted (outlines as designed, as browsers draw map labels) and anti-aliased; nullopt when the
  // face has no glyph for the code point. Throws FontError when FreeType fails on one it has.
  [[nodiscard]] std::optional<RasterGlyph> render(char32_t code_point) const;

 private:
  struct Handles;
  std::unique_ptr<Handles> handles_;
};

}  // namespace glyphs
