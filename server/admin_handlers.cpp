#include "server/admin_handlers.hpp"

#include "server/bearer_auth.hpp"
#include "server/error_response.hpp"
#include "server/json_response.hpp"
#include "server/params.hpp"
#include "server/reload_report.hpp"

namespace server {
namespace {

// ?wait=1 holds one worker thread for this long at most; a reload with zooms to warm takes seconds.
constexpr std::chrono::seconds kLongestWait{120};

Response handle_reload(const RequestContext& context) {
  if (auto denied = check_bearer(context.request, context.app.config.admin_token)) return std::move(*denied);
  const bool wait = integer_in_range(context.params, "wait", 0, 0, 1) == 1;
  if (!context.app.reloads.has_worker()) {
    throw HttpError(http::status::service_unavailable, "reload_unavailable", "no reloader is running");
  }
  const std::uint64_t build = context.app.reloads.request("http");
  if (wait) {
    if (const auto outcome = context.app.reloads.wait(build, kLongestWait)) {
      if (outcome->ok) return json_response(context.request, http::status::ok, outcome_json(*outcome));
      // The store is not usable: the request was fine, the state of what it names is not.
      return json_error(context.request, http::status::conflict, "reload_failed", outcome->error);
    }
  }
  // Its outcome shows in /healthz ("reload") once it finished.
  return json_response(context.request, http::status::accepted, {{"status", "queued"}, {"build", build}});
}

}  // namespace

void add_admin_routes(Router& router) {
  router.add("admin_reload", http::verb::post, "/admin/reload", handle_reload);
}

}  // namespace server
