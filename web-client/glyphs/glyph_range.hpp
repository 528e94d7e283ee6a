#pragma once
// One glyph range file: the SDF glyphs of 256 consecutive code points of a face, encoded as the
// glyph protobuf MapLibre reads (proto/glyphs.proto).
#include "font_face.hpp"
#include "sdf.hpp"

#include <string>

namespace glyphs {

// The renderer's assumptions: glyphs at 24 px, a 3 px field around each.
inline constexpr int kGlyphPixelSize = 24;

// `start` is a multiple of 256; the range is start..start+255. `stack_name` is the fontstack the
// style names ("Noto Sans CJK SC Regular"). Code points the face lacks are left out.
std::string encode_range(const FontFace& face, const std::string& stack_name, char32_t start,
                         const SdfParams& params = {});

}  // namespace glyphs
