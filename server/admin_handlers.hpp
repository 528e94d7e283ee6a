#pragma once
// Operator routes, behind the bearer token of --admin-token-file:
//   POST /admin/reload[?wait=1]   rebuild the snapshot from the store and swap it in.
#include "server/router.hpp"

namespace server {

void add_admin_routes(Router& router);

}  // namespace server
