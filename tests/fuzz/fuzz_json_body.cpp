// libFuzzer target: the input's first byte picks an endpoint, a Content-Type and an Accept; the
// rest is the body, sent straight to server::handle_request on a sample App (no HTTP parsing, so
// the fuzzer spends its time in the body readers): overlap parcels as GeoJSON, batch locates as
// GeoJSON or CSV, answered as JSON, GeoJSON, CSV or protobuf.
#include "fuzz_check.hpp"
#include "server/handle_request.hpp"
#include "support/sample_app.hpp"

#include <array>
#include <cstddef>
#include <cstdint>
#include <string>

namespace {

struct Shape {
  const char* target;
  const char* content_type;
  const char* accept;  // "" sends none
};

constexpr std::array<Shape, 8> kShapes{{
    {"/api/v1/overlap", "application/geo+json", ""},
    {"/api/v1/overlap", "application/json", "application/x-protobuf"},
    {"/api/v1/overlap?layers=groups", "application/json", "application/json"},
    {"/api/v1/locate", "application/geo+json", ""},
    {"/api/v1/locate", "application/json", "application/x-protobuf"},
    {"/api/v1/locate", "text/csv", "text/csv"},
    {"/api/v1/locate", "text/csv", "application/json"},
    {"/api/v1/locate?crs=gcj02", "text/csv; charset=utf-8", "application/geo+json"},
}};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const server::App app = test_support::sample_app();
  if (size == 0) return 0;
  const Shape& shape = kShapes[data[0] % kShapes.size()];
  server::Request request(server::http::verb::post, shape.target, 11);
  request.set(server::http::field::content_type, shape.content_type);
  if (*shape.accept != '\0') request.set(server::http::field::accept, shape.accept);
  request.body().assign(reinterpret_cast<const char*>(data) + 1, size - 1);
  request.prepare_payload();
  fuzz::check_response(request, server::handle_request(app, request, "fuzz"));
  return 0;
}
