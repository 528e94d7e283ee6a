#pragma once
// The query API (/api/v1/...) and the service endpoints (/healthz, /metrics).
#include "server/request_context.hpp"

namespace server {

Response handle_healthz(const RequestContext& context);
Response handle_metrics(const RequestContext& context);
Response handle_layers(const RequestContext& context);
Response handle_locate(const RequestContext& context);
Response handle_nearest(const RequestContext& context);
Response handle_overlap(const RequestContext& context);

}  // namespace server
