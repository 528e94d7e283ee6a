#pragma once
// Vector tiles over HTTP: GET /tiles.json (TileJSON 3.0.0) and GET /tiles/{z}/{x}/{y}.mvt.
#include "server/http/request_context.hpp"
#include "server/tiles/tile_cache.hpp"

namespace server {

Response handle_tilejson(const RequestContext& context);
// Rendered tiles are kept in `cache`, keyed by snapshot version, layers and tile.
Response handle_tile(const RequestContext& context, const TileCache& cache);

}  // namespace server
