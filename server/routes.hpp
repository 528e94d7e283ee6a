#pragma once
// layoutd's route table (routes.cpp): every route, bound to the state of the App it serves.
#include "server/http/router.hpp"

namespace server {

struct App;

// `app` must outlive the router: the handlers keep references to its members.
Router layoutd_routes(const App& app);

}  // namespace server
