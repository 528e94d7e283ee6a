// Every route layoutd answers, in one table: what the service offers is readable in one place.
// Each handler lives in its room (api/, tiles/, ogc/, admin/) and is given here the state it reads;
// a handler that needs no more than the request and the snapshot is named directly. Routes whose
// answers take up to seconds are marked Cost::Heavy: they run on the heavy pool (http_settings.hpp).
#include "server/routes.hpp"

#include "server/admin/admin_handlers.hpp"
#include "server/admin/status_handlers.hpp"
#include "server/api/api_handlers.hpp"
#include "server/api/batch_locate.hpp"
#include "server/app.hpp"
#include "server/ogc/ogc_handlers.hpp"
#include "server/tiles/tile_handlers.hpp"

namespace server {

Router layoutd_routes(const App& app) {
  using http::verb;
  Router r;
  // The service itself.
  r.add("healthz", verb::get, "/healthz",
        [&app](const RequestContext& c) { return handle_healthz(c, app.reloads, app.started); });
  r.add("metrics", verb::get, "/metrics",
        [&app](const RequestContext& c) { return handle_metrics(c, app.metrics, app.reloads, app.started); });
  // The query API (api/).
  r.add("layers", verb::get, "/api/v1/layers", handle_layers);
  r.add("locate", verb::get, "/api/v1/locate",
        [&app](const RequestContext& c) { return handle_locate(c, app.match_fragments); });
  r.add("locate_batch", verb::post, "/api/v1/locate", handle_locate_batch, Cost::Heavy);
  r.add("nearest", verb::get, "/api/v1/nearest", handle_nearest);
  r.add("overlap", verb::post, "/api/v1/overlap", handle_overlap, Cost::Heavy);
  // Vector tiles (tiles/).
  r.add("tilejson", verb::get, "/tiles.json", handle_tilejson);
  r.add("tile", verb::get, "/tiles/{z}/{x}/{file}",
        [&app](const RequestContext& c) { return handle_tile(c, app.tiles); });
  // OGC API – Features (ogc/).
  r.add("ogc_landing", verb::get, "/ogc", handle_ogc_landing);
  r.add("ogc_landing", verb::get, "/ogc/", handle_ogc_landing);
  r.add("ogc_conformance", verb::get, "/ogc/conformance", handle_ogc_conformance);
  r.add("ogc_collections", verb::get, "/ogc/collections", handle_ogc_collections);
  r.add("ogc_collection", verb::get, "/ogc/collections/{id}", handle_ogc_collection);
  r.add("ogc_items", verb::get, "/ogc/collections/{id}/items", handle_ogc_items);
  r.add("ogc_item", verb::get, "/ogc/collections/{id}/items/{fid}", handle_ogc_item);
  // Operators (admin/), behind the bearer token of --admin-token-file.
  r.add("admin_reload", verb::post, "/admin/reload",
        [&app](const RequestContext& c) { return handle_reload(c, app.reloads, app.config.admin_token); });
  r.add("admin_reload_record", verb::get, "/admin/reload",
        [&app](const RequestContext& c) { return handle_reload_record(c, app.reloads, app.config.admin_token); });
  // GET/HEAD of any other path: the web client's files (web/), in handle_request.cpp.
  return r;
}

}  // namespace server
