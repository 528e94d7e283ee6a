#pragma once
// What one request may ask of the server: limits an honest client stays far below and a hostile
// or careless one runs into, configurable on the command line (config.hpp) and documented in the
// README. A request over one is answered with a LimitExceeded (4xx naming the limit and its
// value), and every trip is counted in /metrics (layoutd_limit_exceeded_total{limit=…}), so an
// operator sees when honest clients start hitting one.
#include "server/http/http_types.hpp"

#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace server {

enum class Limit : std::uint8_t {
  JsonDepth,       // nesting of arrays and objects in a JSON body
  ParcelVertices,  // vertices of an overlap parcel
  ParcelParts,     // polygons of an overlap parcel
  BatchSites,      // sites in one batch locate
  AnswerBytes,     // size of one answer built in memory
  Deadline,        // time to answer one heavy request (HttpSettings::request_deadline)
  HeavyQueue,      // heavy requests waiting for a worker (HttpSettings::heavy_queue)
};
inline constexpr std::array<std::string_view, 7> kLimitNames = {
    "json_depth", "parcel_vertices", "parcel_parts", "batch_sites", "answer_bytes", "deadline", "heavy_queue"};
[[nodiscard]] constexpr std::string_view to_string(Limit limit) noexcept {
  return kLimitNames[static_cast<std::size_t>(limit)];
}

struct RequestLimits {
  // GeoJSON needs 7 levels (a FeatureCollection of MultiPolygons); properties a few more.
  std::size_t max_json_depth = 64;
  // Overlap's cost grows with the parcel's vertices (about 0.2 ms each against the dataset): the
  // defaults bound one request to seconds of one worker. Real parcels have hundreds to thousands.
  std::size_t max_parcel_vertices = 20000;
  std::size_t max_parcel_parts = 1000;
  std::size_t max_batch_sites = 100000;
  // An answer is built in memory before it is sent: a batch's GeoJSON answer runs to ~6 KB a site
  // (100 000 sites made 598 MB). Past this the request gets 413 and what was built is freed; the
  // CSV answer (~400 bytes a site) fits 100 000 sites well under it.
  std::size_t max_answer_bytes = std::size_t{64} << 20U;
};

class LimitExceeded : public HttpError {
 public:
  LimitExceeded(Limit limit, http::status status, std::string error, std::string detail)
      : HttpError(status, std::move(error), std::move(detail)), limit_(limit) {}
  [[nodiscard]] Limit limit() const noexcept { return limit_; }

 private:
  Limit limit_;
};

}  // namespace server
