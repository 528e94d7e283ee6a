#pragma once
// OGC API – Features 1.0 (Core + GeoJSON) under /ogc.
#include "server/router.hpp"

namespace server {

void add_ogc_routes(Router& router);

}  // namespace server
