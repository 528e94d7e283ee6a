#include "server/admin/admin_handlers.hpp"

#include "server/admin/bearer_auth.hpp"
#include "server/http/json_response.hpp"
#include "server/http/params.hpp"
#include "server/admin/reload_report.hpp"

namespace server {
namespace {

// ?wait=1 holds one worker thread for this long at most; a reload with zooms to warm takes seconds.
constexpr std::chrono::seconds kLongestWait{120};

}  // namespace

Response handle_reload(const RequestContext& context, const ReloadQueue& reloads, std::string_view admin_token) {
  if (auto denied = check_bearer(context.request, admin_token)) return std::move(*denied);
  const bool wait = integer_in_range(context.params, "wait", 0, 0, 1) == 1;
  if (!reloads.has_worker()) {
    throw HttpError(http::status::service_unavailable, "reload_unavailable", "no reloader is running");
  }
  const std::uint64_t build = reloads.request("http");
  if (wait) {
    if (const auto outcome = reloads.wait(build, kLongestWait)) {
      if (outcome->ok) {
        return json_response(context.request, http::status::ok, outcome_json(*outcome, /*detailed=*/true));
      }
      // The store is not usable: the request was fine, the state of what it names is not.
      return json_error(context.request, http::status::conflict, "reload_failed", outcome->error);
    }
  }
  // Its outcome shows in /healthz ("reload") once it finished.
  return json_response(context.request, http::status::accepted, {{"status", "queued"}, {"build", build}});
}

Response handle_reload_record(const RequestContext& context, const ReloadQueue& reloads, std::string_view admin_token) {
  if (auto denied = check_bearer(context.request, admin_token)) return std::move(*denied);
  Response response =
      json_response(context.request, http::status::ok, reload_json(reloads.record(), /*detailed=*/true));
  response.set(http::field::cache_control, "no-store");  // neither stale nor kept by a shared cache
  return response;
}

}  // namespace server
