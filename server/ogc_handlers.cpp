#include "server/ogc_handlers.hpp"

namespace server {

void add_ogc_routes(Router& router) {
  (void)router;
}

}  // namespace server
