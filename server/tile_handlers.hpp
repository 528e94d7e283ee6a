#pragma once
// Vector tiles over HTTP: GET /tiles.json (TileJSON 3.0.0) and GET /tiles/{z}/{x}/{y}.mvt.
#include "server/router.hpp"

namespace server {

void add_tile_routes(Router& router);

}  // namespace server
