// layoutd_glyphs: writes the SDF glyph ranges the web client's style asks for, from a font file.
//   layoutd_glyphs --font FILE --family NAME --ranges 0-255,256-511 --out DIR
// writes DIR/"FAMILY STYLE"/START-END.pbf for each range (the layout of a style's
// `glyphs: ".../{fontstack}/{range}.pbf"`). Run by the build (web-client/glyphs/CMakeLists.txt).
#include "font_face.hpp"
#include "glyph_range.hpp"

#include <charconv>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace {

namespace fs = std::filesystem;

struct Options {
  std::string font;
  std::string family;
  std::vector<char32_t> starts;
  fs::path out;
};

class UsageError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// "0-255,8192-8447": each a 256-code-point range starting at a multiple of 256.
std::vector<char32_t> parse_ranges(std::string_view text) {
  std::vector<char32_t> starts;
  while (!text.empty()) {
    const auto comma = text.find(',');
    const std::string_view item = text.substr(0, comma);
    text = comma == std::string_view::npos ? std::string_view{} : text.substr(comma + 1);
    unsigned start = 0;
    unsigned end = 0;
    const char* last = item.data() + item.size();
    const auto [dash, ec1] = std::from_chars(item.data(), last, start);
    const bool ok = ec1 == std::errc{} && dash != last && *dash == '-' &&
                    std::from_chars(dash + 1, last, end).ptr == last && start % 256 == 0 && end == start + 255 &&
                    end <= 0xFFFF;
    if (!ok) throw UsageError("--ranges: '" + std::string(item) + "' is not START-END with START a multiple of 256");
    starts.push_back(start);
  }
  if (starts.empty()) throw UsageError("--ranges is empty");
  return starts;
}

Options parse(std::span<char*> args) {
  Options options;
  for (std::size_t i = 1; i < args.size(); ++i) {
    const std::string_view flag = args[i];
    if (i + 1 == args.size()) throw UsageError(std::string(flag) + " needs a value");
    const std::string value = args[++i];
    if (flag == "--font") {
      options.font = value;
    } else if (flag == "--family") {
      options.family = value;
    } else if (flag == "--ranges") {
      options.starts = parse_ranges(value);
    } else if (flag == "--out") {
      options.out = value;
    } else {
      throw UsageError("unknown option " + std::string(flag));
    }
  }
  if (options.font.empty() || options.family.empty() || options.starts.empty() || options.out.empty()) {
    throw UsageError("usage: layoutd_glyphs --font FILE --family NAME --ranges START-END[,…] --out DIR");
  }
  return options;
}

// Written beside and renamed over: a reader never sees half a file.
void write_file(const fs::path& path, const std::string& bytes) {
  const fs::path staging = path.string() + ".tmp";
  {
    std::ofstream out(staging, std::ios::binary | std::ios::trunc);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    if (!out) throw std::runtime_error("cannot write " + staging.string());
  }
  fs::rename(staging, path);
}

}  // namespace

int main(int argc, char** argv) {
  try {
    const Options options = parse(std::span<char*>(argv, static_cast<std::size_t>(argc)));
    const glyphs::FontFace face(options.font, options.family, glyphs::kGlyphPixelSize);
    const std::string stack = face.family() + " " + face.style();
    const fs::path dir = options.out / stack;
    fs::create_directories(dir);
    std::size_t bytes = 0;
    for (const char32_t start : options.starts) {
      const std::string range = glyphs::encode_range(face, stack, start);
      write_file(dir / (std::to_string(start) + "-" + std::to_string(start + 255) + ".pbf"), range);
      bytes += range.size();
    }
    std::cout << "layoutd_glyphs: " << stack << ": " << options.starts.size() << " ranges, " << bytes / 1024
              << " KiB in " << dir.string() << "\n";
    return 0;
  } catch (const UsageError& e) {
    std::cerr << "layoutd_glyphs: " << e.what() << "\n";
    return 2;
  } catch (const std::exception& e) {
    std::cerr << "layoutd_glyphs: " << e.what() << "\n";
    return 1;
  }
}
