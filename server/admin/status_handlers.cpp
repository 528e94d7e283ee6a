#include "server/admin/status_handlers.hpp"

#include "server/admin/reload_report.hpp"
#include "server/http/json_response.hpp"

namespace server {

Response handle_healthz(const RequestContext& context, const ReloadQueue& reloads,
                        std::chrono::steady_clock::time_point started) {
  const auto& snapshot = context.snapshot;
  const auto age =
      std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now() - snapshot.created_at());
  const auto uptime = std::chrono::duration_cast<std::chrono::seconds>(std::chrono::steady_clock::now() - started);
  return json_response(context.request, http::status::ok,
                       {{"status", "ok"},
                        {"layers", snapshot.layers().size()},
                        {"features", snapshot.feature_count()},
                        {"snapshot_version", snapshot.version()},
                        {"snapshot_age_s", age.count()},
                        {"store_revision", snapshot.store_revision()},
                        {"uptime_s", uptime.count()},
                        // Unauthenticated: the summary of a failure only (GET /admin/reload has the detail).
                        {"reload", reload_json(reloads.record(), /*detailed=*/false)}});
}

Response handle_metrics(const RequestContext& context, const Metrics& metrics, const ReloadQueue& reloads,
                        std::chrono::steady_clock::time_point started) {
  const auto uptime = std::chrono::duration_cast<std::chrono::seconds>(std::chrono::steady_clock::now() - started);
  Response response = body_response(context.request, http::status::ok,
                                    metrics.prometheus(context.snapshot, uptime) + reload_prometheus(reloads.record()),
                                    "text/plain; version=0.0.4; charset=utf-8");
  response.set(http::field::cache_control, "no-store");
  return response;
}

}  // namespace server
