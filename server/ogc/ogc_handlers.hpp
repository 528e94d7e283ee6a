#pragma once
// OGC API – Features 1.0 (Core + GeoJSON) under /ogc: landing page, conformance, collections (one
// per snapshot layer) and their items. Always JSON / GeoJSON; there is no HTML or OpenAPI document.
#include "server/http/request_context.hpp"

namespace server {

Response handle_ogc_landing(const RequestContext& context);
Response handle_ogc_conformance(const RequestContext& context);
Response handle_ogc_collections(const RequestContext& context);
Response handle_ogc_collection(const RequestContext& context);
Response handle_ogc_items(const RequestContext& context);
Response handle_ogc_item(const RequestContext& context);

}  // namespace server
