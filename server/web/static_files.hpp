#pragma once
// The built web client (--web-root): every file under the root is read once at start-up, so a
// request never touches the file system and a URL can only name a file that was found inside the
// root (a symlink is followed only when its target is inside it too). The API routes keep
// priority: handle_request asks here only for paths no route knows.
#include "server/http/http_types.hpp"

#include <cstddef>
#include <filesystem>
#include <functional>
#include <optional>
#include <set>
#include <stdexcept>
#include <string>
#include <string_view>
#include <unordered_map>

namespace server {

// The web root cannot be served: missing, not a directory, unreadable, or over the limits.
class WebRootError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Glyph ranges live at fonts/{fontstack}/{start}-{end}.pbf (the client style's `glyphs` URL).
inline constexpr std::string_view kGlyphDirectory = "fonts";

struct StaticFile {
  std::string body;
  std::string gzip;       // the body gzip-compressed, when that saves at least a tenth; else empty
  std::string etag;       // quoted, strong, of the body
  std::string etag_gzip;  // quoted, strong, of the gzip representation
  std::string_view content_type;
  std::string_view cache_control;
};

struct WebRootLimits {
  std::size_t max_files = 10'000;
  std::size_t max_bytes = std::size_t{256} << 20U;
};

class StaticFiles {
 public:
  StaticFiles();  // no web root: finds nothing
  // Reads every regular file under `root`, skipping hidden names (".stamp") and symlinks that
  // lead out of the root or to directories. Throws WebRootError.
  explicit StaticFiles(const std::filesystem::path& root, WebRootLimits limits = {});

  // `relative` is a clean path below the root ("index.html", "assets/index-B1x2c3d4.js"). A
  // 256-code-point glyph range that was not generated, of a font stack that was, is an empty
  // glyph set: MapLibre asks for every range its labels touch, and a 404 would be a browser
  // console error for a character the font does not have anyway.
  [[nodiscard]] const StaticFile* find(std::string_view relative) const;

  [[nodiscard]] bool empty() const noexcept { return files_.empty(); }
  [[nodiscard]] std::size_t file_count() const noexcept { return files_.size(); }
  [[nodiscard]] std::size_t total_bytes() const noexcept { return total_bytes_; }
  [[nodiscard]] std::size_t skipped() const noexcept { return skipped_; }  // links out of the root, devices

 private:
  std::unordered_map<std::string, StaticFile> files_;
  std::set<std::string, std::less<>> font_stacks_;
  StaticFile empty_glyph_range_;
  std::size_t total_bytes_ = 0;
  std::size_t skipped_ = 0;
};

// The file `raw_path` (a request target's path, still percent-encoded) names, for GET and HEAD;
// nullopt when it names none. Throws HttpError 400 for a path that tries to leave the root or
// hide in an encoding (a "." or ".." segment, an empty one, an encoded '/' or '\', a NUL); answers
// 405 with Allow for other methods on a file.
std::optional<Response> serve_static(const StaticFiles& files, const Request& request, std::string_view raw_path);

}  // namespace server
