#pragma once
// OGC API – Features 1.0 (Core + GeoJSON) under /ogc: landing page, conformance, collections (one
// per snapshot layer) and their items. Always JSON / GeoJSON; there is no HTML or OpenAPI document.
#include "server/router.hpp"

namespace server {

void add_ogc_routes(Router& router);

}  // namespace server
