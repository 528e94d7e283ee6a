#pragma once
// The query parameters of /ogc/collections/{id}/items, checked: each bad value is an HttpError 400
// naming the parameter.
#include "geo/coord.hpp"
#include "server/http/url.hpp"

#include <cstddef>
#include <optional>
#include <string_view>

namespace server {

// Page sizes: the spec's example default, and its recommended ceiling.
// The one CRS the items are served in (and a bbox is read in): longitude, latitude on WGS84.
inline constexpr std::string_view kCrs84Uri = "http://www.opengis.net/def/crs/OGC/1.3/CRS84";
inline constexpr std::size_t kDefaultItemsLimit = 10;
inline constexpr std::size_t kMaxItemsLimit = 10'000;

struct ItemsQuery {
  std::optional<geo::Envelope> bbox;  // CRS84 lon/lat; absent: the whole layer
  std::size_t limit = kDefaultItemsLimit;
  std::size_t offset = 0;
};

// bbox=minx,miny,maxx,maxy (or the 6-number 3D form, heights ignored: the data are 2D), limit
// (1..; above kMaxItemsLimit it is lowered to it, as the spec says a too-large limit is not an
// error), offset (0..). Other parameters are not looked at here.
ItemsQuery items_query(const QueryParams& params);

}  // namespace server
