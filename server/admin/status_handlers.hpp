#pragma once
// The service's own state, for operators and load balancers: GET /healthz (JSON: the snapshot
// served, uptime, the last reload) and GET /metrics (Prometheus text). Unauthenticated.
#include "server/admin/reload_queue.hpp"
#include "server/http/metrics.hpp"
#include "server/http/request_context.hpp"

#include <chrono>

namespace server {

Response handle_healthz(const RequestContext& context, const ReloadQueue& reloads,
                        std::chrono::steady_clock::time_point started);
Response handle_metrics(const RequestContext& context, const Metrics& metrics, const ReloadQueue& reloads,
                        std::chrono::steady_clock::time_point started);

}  // namespace server
