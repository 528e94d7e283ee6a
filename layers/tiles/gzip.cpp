#include "layers/tiles/gzip.hpp"

#include <zlib.h>

#include <stdexcept>

namespace layers::tiles {
namespace {

constexpr int kGzipWindow = 15 + 16;  // 2^15 window, gzip header and trailer

std::runtime_error zlib_error(std::string_view what, const z_stream& stream, int code) {
  return std::runtime_error("gzip " + std::string(what) + ": " +
                            (stream.msg != nullptr ? std::string(stream.msg) : "zlib error " + std::to_string(code)));
}

// z_stream owner: deflateEnd/inflateEnd however we leave.
template <int (*End)(z_streamp)>
struct Stream {
  z_stream z{};
  bool open = false;
  ~Stream() {
    if (open) End(&z);
  }
};

}  // namespace

std::string gzip_compress(std::string_view data, int level) {
  Stream<deflateEnd> s;
  int code = deflateInit2(&s.z, level, Z_DEFLATED, kGzipWindow, 8, Z_DEFAULT_STRATEGY);
  if (code != Z_OK) throw zlib_error("compress", s.z, code);
  s.open = true;
  std::string out(deflateBound(&s.z, static_cast<uLong>(data.size())), '\0');
  s.z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  s.z.avail_in = static_cast<uInt>(data.size());
  s.z.next_out = reinterpret_cast<Bytef*>(out.data());
  s.z.avail_out = static_cast<uInt>(out.size());
  code = deflate(&s.z, Z_FINISH);
  if (code != Z_STREAM_END) throw zlib_error("compress", s.z, code);
  out.resize(s.z.total_out);
  return out;
}

std::string gzip_decompress(std::string_view data) {
  Stream<inflateEnd> s;
  int code = inflateInit2(&s.z, kGzipWindow);
  if (code != Z_OK) throw zlib_error("decompress", s.z, code);
  s.open = true;
  s.z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  s.z.avail_in = static_cast<uInt>(data.size());
  std::string out;
  char buffer[1 << 14];
  do {
    s.z.next_out = reinterpret_cast<Bytef*>(buffer);
    s.z.avail_out = sizeof buffer;
    code = inflate(&s.z, Z_NO_FLUSH);
    if (code != Z_OK && code != Z_STREAM_END) throw zlib_error("decompress", s.z, code);
    out.append(buffer, sizeof buffer - s.z.avail_out);
  } while (code != Z_STREAM_END && (s.z.avail_in > 0 || s.z.avail_out == 0));
  if (code != Z_STREAM_END) throw std::runtime_error("gzip decompress: truncated data");
  return out;
}

}  // namespace layers::tiles
