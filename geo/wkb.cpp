#include "geo/wkb.hpp"

#include "geo/geos_context.hpp"

#include <memory>
#include <string>

namespace geo {
namespace {

template <typename T, void (*Destroy)(GEOSContextHandle_t, T*)>
struct Deleter {
  void operator()(T* object) const noexcept { Destroy(geos(), object); }
};
using WkbReader = std::unique_ptr<GEOSWKBReader, Deleter<GEOSWKBReader, GEOSWKBReader_destroy_r>>;
using WkbWriter = std::unique_ptr<GEOSWKBWriter, Deleter<GEOSWKBWriter, GEOSWKBWriter_destroy_r>>;
using WktReader = std::unique_ptr<GEOSWKTReader, Deleter<GEOSWKTReader, GEOSWKTReader_destroy_r>>;
using WktWriter = std::unique_ptr<GEOSWKTWriter, Deleter<GEOSWKTWriter, GEOSWKTWriter_destroy_r>>;

template <typename Ptr>
Ptr checked(Ptr object, std::string_view operation) {
  if (!object) throw_geos_error(operation);
  return object;
}

}  // namespace

Geometry from_wkb(std::span<const std::uint8_t> wkb) {
  const WkbReader reader = checked(WkbReader(GEOSWKBReader_create_r(geos())), "WKB reader");
  return Geometry::adopt(GEOSWKBReader_read_r(geos(), reader.get(), wkb.data(), wkb.size()), "read WKB");
}

std::vector<std::uint8_t> to_wkb(const Geometry& geometry) {
  const WkbWriter writer = checked(WkbWriter(GEOSWKBWriter_create_r(geos())), "WKB writer");
  GEOSWKBWriter_setByteOrder_r(geos(), writer.get(), GEOS_WKB_NDR);
  GEOSWKBWriter_setOutputDimension_r(geos(), writer.get(), 2);
  std::size_t size = 0;
  unsigned char* bytes = GEOSWKBWriter_write_r(geos(), writer.get(), geometry.get(), &size);
  if (bytes == nullptr) throw_geos_error("write WKB");
  std::vector<std::uint8_t> out(bytes, bytes + size);
  GEOSFree_r(geos(), bytes);
  return out;
}

Geometry from_wkt(std::string_view wkt) {
  const WktReader reader = checked(WktReader(GEOSWKTReader_create_r(geos())), "WKT reader");
  const std::string text(wkt);  // GEOS wants a NUL-terminated string
  return Geometry::adopt(GEOSWKTReader_read_r(geos(), reader.get(), text.c_str()), "read WKT");
}

std::string to_wkt(const Geometry& geometry, int decimals) {
  const WktWriter writer = checked(WktWriter(GEOSWKTWriter_create_r(geos())), "WKT writer");
  GEOSWKTWriter_setTrim_r(geos(), writer.get(), 1);
  GEOSWKTWriter_setOutputDimension_r(geos(), writer.get(), 2);
  if (decimals >= 0) GEOSWKTWriter_setRoundingPrecision_r(geos(), writer.get(), decimals);
  char* text = GEOSWKTWriter_write_r(geos(), writer.get(), geometry.get());
  if (text == nullptr) throw_geos_error("write WKT");
  std::string out(text);
  GEOSFree_r(geos(), text);
  return out;
}

}  // namespace geo
