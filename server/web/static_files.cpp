#include "server/web/static_files.hpp"

#include "layers/tiles/gzip.hpp"
#include "server/http/json_response.hpp"
#include "server/http/negotiation.hpp"
#include "server/http/parse_number.hpp"
#include "server/http/url.hpp"
#include "server/http/validators.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <fstream>
#include <iterator>
#include <system_error>
#include <utility>

namespace server {
namespace {

namespace fs = std::filesystem;

struct MediaType {
  std::string_view extension;
  std::string_view type;
  bool compressible;
};

// JavaScript is text/javascript (RFC 9239) for .js and .mjs alike: browsers refuse a module script
// served as anything but a JavaScript type.
constexpr std::array<MediaType, 17> kMediaTypes{{
    {".html", "text/html; charset=utf-8", true},
    {".js", "text/javascript; charset=utf-8", true},
    {".mjs", "text/javascript; charset=utf-8", true},
    {".css", "text/css; charset=utf-8", true},
    {".json", "application/json", true},
    {".map", "application/json", true},
    {".txt", "text/plain; charset=utf-8", true},
    {".svg", "image/svg+xml", true},
    {".pbf", "application/x-protobuf", true},  // glyph ranges: SDF bitmaps halve under gzip
    {".wasm", "application/wasm", true},
    {".png", "image/png", false},
    {".jpg", "image/jpeg", false},
    {".jpeg", "image/jpeg", false},
    {".webp", "image/webp", false},
    {".ico", "image/x-icon", false},
    {".woff2", "font/woff2", false},
    {".woff", "font/woff", false},
}};
constexpr MediaType kOctetStream{"", "application/octet-stream", false};

// Vite names what it builds assets/NAME-HASH.EXT: a new content is a new URL, so these may be
// cached for good. Everything else (index.html above all) is revalidated on every use.
constexpr std::string_view kImmutable = "public, max-age=31536000, immutable";
constexpr std::string_view kRevalidate = "no-cache";

const MediaType& media_type(const fs::path& file) {
  std::string extension = file.extension().string();
  std::transform(extension.begin(), extension.end(), extension.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  const auto* found = std::find_if(kMediaTypes.begin(), kMediaTypes.end(),
                                   [&](const MediaType& m) { return m.extension == extension; });
  return found == kMediaTypes.end() ? kOctetStream : *found;
}

bool is_hashed_asset(const fs::path& relative) {
  constexpr std::size_t kHash = 8;  // Vite's [hash]: 8 characters of [A-Za-z0-9_-]
  if (relative.begin() == relative.end() || *relative.begin() != "assets") return false;
  const std::string stem = relative.stem().string();
  if (stem.size() < kHash + 2 || stem[stem.size() - kHash - 1] != '-') return false;
  return std::all_of(stem.end() - kHash, stem.end(),
                     [](unsigned char c) { return std::isalnum(c) != 0 || c == '_' || c == '-'; });
}

bool is_hidden(const fs::path& relative) {
  return std::any_of(relative.begin(), relative.end(),
                     [](const fs::path& part) { return part.string().starts_with('.'); });
}

// Whether `path` (canonical) is `root` (canonical) or below it, compared component by component so
// that /srv/web-old is not inside /srv/web.
bool is_within(const fs::path& path, const fs::path& root) {
  return std::mismatch(root.begin(), root.end(), path.begin(), path.end()).first == root.end();
}

std::string read_file(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (!in.good() && !in.eof()) throw WebRootError("cannot read " + file.string());
  return bytes;
}

StaticFile make_file(std::string body, const MediaType& type, std::string_view cache_control) {
  StaticFile file;
  const std::string hash = content_hash(body);
  file.etag = "\"" + hash + "\"";
  file.etag_gzip = "\"" + hash + "-gz\"";
  if (type.compressible && !body.empty()) {
    std::string packed = layers::tiles::gzip_compress(body, 9);
    if (packed.size() * 10 <= body.size() * 9) file.gzip = std::move(packed);
  }
  file.body = std::move(body);
  file.content_type = type.type;
  file.cache_control = cache_control;
  return file;
}

// "0-255", "65280-65535": a range MapLibre may ask for.
bool is_glyph_range(std::string_view name) {
  constexpr std::string_view kSuffix = ".pbf";
  if (!name.ends_with(kSuffix)) return false;
  name.remove_suffix(kSuffix.size());
  const auto dash = name.find('-');
  if (dash == std::string_view::npos) return false;
  const auto start = parse_number<unsigned>(name.substr(0, dash));
  const auto end = parse_number<unsigned>(name.substr(dash + 1));
  return start.ok() && end.ok() && start.value % 256 == 0 && end.value == start.value + 255 && end.value <= 0xFFFF;
}

// The request path as a relative path below the root: each segment percent-decoded, and any
// attempt to climb out or to smuggle a separator refused.
std::string relative_path(std::string_view raw_path) {
  const auto refuse = [&](std::string_view why) {
    throw HttpError(http::status::bad_request, "bad_path",
                    "'" + std::string(raw_path) + "' is not a file path: " + std::string(why));
  };
  if (!raw_path.starts_with('/')) refuse("it must start with '/'");
  std::string out;
  std::string_view rest = raw_path.substr(1);
  while (!rest.empty()) {
    const auto slash = rest.find('/');
    const std::string segment = percent_decode(rest.substr(0, slash), false);
    rest = slash == std::string_view::npos ? std::string_view{} : rest.substr(slash + 1);
    const bool last = slash == std::string_view::npos;
    if (segment.empty()) {
      if (last) break;  // "dir/": the directory's index.html
      refuse("empty segment");
    }
    if (segment == "." || segment == "..") refuse("'.' and '..' segments are not allowed");
    if (segment.find_first_of(std::string_view("/\\\0", 3)) != std::string::npos) {
      refuse("an encoded '/', '\\' or NUL is not allowed");
    }
    out += segment;
    if (!last) out += '/';
  }
  if (out.empty() || out.ends_with('/')) out += "index.html";
  return out;
}

}  // namespace

StaticFiles::StaticFiles() : empty_glyph_range_(make_file({}, media_type("x.pbf"), kRevalidate)) {}

StaticFiles::StaticFiles(const fs::path& root, WebRootLimits limits) : StaticFiles() {
  std::error_code ec;
  const fs::path canonical_root = fs::canonical(root, ec);
  if (ec || !fs::is_directory(canonical_root)) {
    throw WebRootError("web root " + root.string() + " is not a directory" + (ec ? " (" + ec.message() + ")" : ""));
  }
  auto it = fs::recursive_directory_iterator(canonical_root, fs::directory_options::none, ec);
  if (ec) throw WebRootError("cannot list web root " + root.string() + ": " + ec.message());
  for (; it != fs::recursive_directory_iterator(); it.increment(ec)) {
    if (ec) throw WebRootError("cannot list web root " + root.string() + ": " + ec.message());
    const fs::path relative = it->path().lexically_relative(canonical_root);
    if (is_hidden(relative)) {
      if (it->is_directory(ec) && !it->is_symlink(ec)) it.disable_recursion_pending();
      continue;
    }
    fs::path source = it->path();
    if (it->is_symlink(ec)) {
      // Followed only to a regular file inside the root; never to a directory (no loops, and no
      // second name for a subtree).
      source = fs::canonical(it->path(), ec);
      if (ec || !is_within(source, canonical_root) || !fs::is_regular_file(source, ec)) {
        ++skipped_;
        continue;
      }
    } else if (it->is_directory(ec)) {
      continue;
    } else if (!it->is_regular_file(ec)) {
      ++skipped_;  // sockets, devices, fifos
      continue;
    }
    if (files_.size() == limits.max_files) {
      throw WebRootError("web root " + root.string() + " holds more than " + std::to_string(limits.max_files) +
                         " files; is it the built client (web-client/dist)?");
    }
    std::string body = read_file(source);
    total_bytes_ += body.size();
    if (total_bytes_ > limits.max_bytes) {
      throw WebRootError("web root " + root.string() + " holds more than " + std::to_string(limits.max_bytes >> 20U) +
                         " MiB; is it the built client (web-client/dist)?");
    }
    const std::string key = relative.generic_string();
    if (relative.begin() != relative.end() && *relative.begin() == kGlyphDirectory &&
        std::distance(relative.begin(), relative.end()) == 3) {
      font_stacks_.insert(std::next(relative.begin())->string());
    }
    files_.emplace(
        key, make_file(std::move(body), media_type(relative), is_hashed_asset(relative) ? kImmutable : kRevalidate));
  }
}

const StaticFile* StaticFiles::find(std::string_view relative) const {
  if (const auto found = files_.find(std::string(relative)); found != files_.end()) return &found->second;
  // fonts/{stack}/{range}.pbf
  const std::string prefix = std::string(kGlyphDirectory) + "/";
  if (!relative.starts_with(prefix)) return nullptr;
  relative.remove_prefix(prefix.size());
  const auto slash = relative.find('/');
  if (slash == std::string_view::npos || !font_stacks_.contains(relative.substr(0, slash))) return nullptr;
  return is_glyph_range(relative.substr(slash + 1)) ? &empty_glyph_range_ : nullptr;
}

namespace {

// The page runs only its own code: scripts, styles, tiles, glyphs and API calls all come from this
// origin; MapLibre's workers are blob: URLs and its sprites/canvas images data: or blob:. Inline
// style properties are allowed (MapLibre positions its controls with them); inline scripts are not.
// No other site may frame the map (clickjacking), and a link followed from it tells the next site
// this origin only.
constexpr std::string_view kContentSecurityPolicy =
    "default-src 'self'; script-src 'self'; worker-src 'self' blob:; child-src 'self' blob:; "
    "img-src 'self' data: blob:; style-src 'self' 'unsafe-inline'; font-src 'self' data:; connect-src 'self'; "
    "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

void set_security_headers(Response& response) {
  response.set("X-Content-Type-Options", "nosniff");
  response.set("Content-Security-Policy", kContentSecurityPolicy);
  response.set("X-Frame-Options", "DENY");
  response.set("Referrer-Policy", "strict-origin-when-cross-origin");
}

}  // namespace

std::optional<Response> serve_static(const StaticFiles& files, const Request& request, std::string_view raw_path) {
  if (files.empty()) return std::nullopt;
  const StaticFile* file = files.find(relative_path(raw_path));
  if (file == nullptr) return std::nullopt;
  const bool head = request.method() == http::verb::head;
  if (!head && request.method() != http::verb::get) {
    Response response = json_error(
        request, http::status::method_not_allowed, "method_not_allowed",
        std::string(request.method_string()) + " is not allowed on " + std::string(raw_path) + "; use GET, HEAD");
    response.set(http::field::allow, "GET, HEAD");
    return response;
  }

  // Each content coding is its own representation, with its own strong validator.
  const bool gzip = !file->gzip.empty() && accepts_encoding(request, "gzip");
  const std::string& etag = gzip ? file->etag_gzip : file->etag;
  Response response(matches_if_none_match(request, etag) ? http::status::not_modified : http::status::ok,
                    request.version());
  response.keep_alive(request.keep_alive());
  response.set(http::field::etag, etag);
  response.set(http::field::cache_control, file->cache_control);
  set_security_headers(response);
  if (!file->gzip.empty()) response.set(http::field::vary, "Accept-Encoding");
  if (response.result() == http::status::not_modified) return response;

  response.set(http::field::content_type, file->content_type);
  if (gzip) response.set(http::field::content_encoding, "gzip");
  const std::string& body = gzip ? file->gzip : file->body;
  if (head) {
    response.content_length(body.size());  // what a GET would send; no body
  } else {
    response.body() = body;
    response.prepare_payload();
  }
  return response;
}

}  // namespace server
