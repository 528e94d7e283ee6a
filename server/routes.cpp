// Every route layoutd answers, in one table: what the service offers is readable in one place.
#include "server/admin_handlers.hpp"
#include "server/api_handlers.hpp"
#include "server/batch_locate.hpp"
#include "server/ogc_handlers.hpp"
#include "server/router.hpp"
#include "server/tile_handlers.hpp"

namespace server {

const Router& layoutd_router() {
  static const Router router = [] {
    Router r;
    r.add("healthz", http::verb::get, "/healthz", handle_healthz);
    r.add("metrics", http::verb::get, "/metrics", handle_metrics);
    r.add("layers", http::verb::get, "/api/v1/layers", handle_layers);
    r.add("locate", http::verb::get, "/api/v1/locate", handle_locate);
    r.add("locate_batch", http::verb::post, "/api/v1/locate", handle_locate_batch);
    r.add("nearest", http::verb::get, "/api/v1/nearest", handle_nearest);
    r.add("overlap", http::verb::post, "/api/v1/overlap", handle_overlap);
    add_tile_routes(r);
    add_ogc_routes(r);
    add_admin_routes(r);
    return r;
  }();
  return router;
}

}  // namespace server
