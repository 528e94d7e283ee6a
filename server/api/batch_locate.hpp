#pragma once
// POST /api/v1/locate: many sites in one request. In: a GeoJSON FeatureCollection of Points, or
// CSV with `lon` and `lat` columns (other columns kept). Out, by Accept: a GeoJSON
// FeatureCollection (each input feature with a `locate` member in its properties) or CSV (the
// input columns, then the county, one column per layer, and the nearest of each line layer).
#include "server/http/request_context.hpp"

namespace server {

// Above RequestLimits::max_batch_sites (--max-batch-sites) a request is refused (413).
Response handle_locate_batch(const RequestContext& context);

}  // namespace server
