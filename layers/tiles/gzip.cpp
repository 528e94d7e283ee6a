#include "layers/tiles/gzip.hpp"

// next_in is a pointer to const only with ZLIB_CONST; without it compressing a string_view
// would need a const_cast.
#define ZLIB_CONST
#include <zlib.h>

#include <algorithm>
#include <array>
#include <limits>
#include <stdexcept>

namespace layers::tiles {
namespace {

// windowBits 15 (the largest window) plus 16: zlib writes and expects the gzip wrapper instead of
// the zlib one.
constexpr int kGzipWindowBits = 15 + 16;
// zlib counts bytes in uInt (32 bits): larger inputs are fed in pieces.
constexpr std::size_t kBufferBytes = std::size_t{64} * 1024;
constexpr std::size_t kMaxChunk = std::numeric_limits<uInt>::max();

std::string zlib_message(const z_stream& stream, int code) {
  if (stream.msg != nullptr) return stream.msg;
  return "zlib error " + std::to_string(code);
}

// A z_stream released by `End` (deflateEnd or inflateEnd) whatever happens after it is set up.
// Ending a stream whose init failed is safe: zlib leaves it without state then.
template <int (*End)(z_streamp)>
class ZStream {
 public:
  ZStream() = default;
  ZStream(const ZStream&) = delete;
  ZStream& operator=(const ZStream&) = delete;
  ZStream(ZStream&&) = delete;  // zlib keeps a pointer back to the z_stream
  ZStream& operator=(ZStream&&) = delete;
  ~ZStream() { End(&stream_); }
  z_stream& get() noexcept { return stream_; }

 private:
  z_stream stream_{};
};

// Points the stream's input at the next piece of `data` after `consumed` bytes.
void feed(z_stream& stream, std::string_view data, std::size_t& consumed) {
  const std::size_t chunk = std::min(data.size() - consumed, kMaxChunk);
  stream.next_in = reinterpret_cast<const Bytef*>(data.data() + consumed);
  stream.avail_in = static_cast<uInt>(chunk);
  consumed += chunk;
}

}  // namespace

std::string gzip_compress(std::string_view data, int level) {
  ZStream<deflateEnd> deflater;
  z_stream& stream = deflater.get();
  const int init = deflateInit2(&stream, level, Z_DEFLATED, kGzipWindowBits, 8, Z_DEFAULT_STRATEGY);
  if (init == Z_STREAM_ERROR) throw std::invalid_argument("gzip: invalid compression level " + std::to_string(level));
  if (init != Z_OK) throw std::runtime_error("gzip: cannot start compression: " + zlib_message(stream, init));
  std::string out;
  out.reserve(deflateBound(&stream, data.size()));
  std::array<Bytef, kBufferBytes> buffer{};
  std::size_t consumed = 0;
  int flush = Z_NO_FLUSH;
  do {
    feed(stream, data, consumed);
    flush = consumed == data.size() ? Z_FINISH : Z_NO_FLUSH;
    do {
      stream.next_out = buffer.data();
      stream.avail_out = static_cast<uInt>(buffer.size());
      const int code = deflate(&stream, flush);
      if (code == Z_STREAM_ERROR) throw std::runtime_error("gzip: compression failed: " + zlib_message(stream, code));
      out.append(reinterpret_cast<const char*>(buffer.data()), buffer.size() - stream.avail_out);
    } while (stream.avail_out == 0);
  } while (flush != Z_FINISH);
  return out;
}

std::string gzip_decompress(std::string_view data) {
  if (data.empty()) throw std::runtime_error("gzip: no data to decompress");
  ZStream<inflateEnd> inflater;
  z_stream& stream = inflater.get();
  const int init = inflateInit2(&stream, kGzipWindowBits);
  if (init != Z_OK) throw std::runtime_error("gzip: cannot start decompression: " + zlib_message(stream, init));
  std::string out;
  std::array<Bytef, kBufferBytes> buffer{};
  std::size_t consumed = 0;
  while (true) {
    if (stream.avail_in == 0 && consumed < data.size()) feed(stream, data, consumed);
    stream.next_out = buffer.data();
    stream.avail_out = static_cast<uInt>(buffer.size());
    const int code = inflate(&stream, Z_NO_FLUSH);
    out.append(reinterpret_cast<const char*>(buffer.data()), buffer.size() - stream.avail_out);
    if (code == Z_OK) continue;
    if (code == Z_STREAM_END) {
      if (stream.avail_in == 0 && consumed == data.size()) return out;
      // Another gzip member follows: concatenated .gz files are valid gzip.
      inflateReset(&stream);
      continue;
    }
    // Z_BUF_ERROR: no progress possible, and all the input was given, so the member is cut short.
    if (code == Z_BUF_ERROR) throw std::runtime_error("gzip: truncated data (the input ends inside a gzip member)");
    throw std::runtime_error("gzip: corrupt data: " + zlib_message(stream, code));
  }
}

}  // namespace layers::tiles
