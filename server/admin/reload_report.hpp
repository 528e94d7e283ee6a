#pragma once
// How reloads went, as /healthz and POST /admin/reload JSON and as /metrics text.
#include "server/http/json_response.hpp"
#include "server/admin/reload_queue.hpp"

#include <string>

namespace server {

// {"build":…,"ok":…,"trigger":…,"snapshot_version":…,"store_revision":…,"finished_at":…,
//  "duration_ms":…,"warm_ms":…} plus, when it failed, "error" (the summary: no store name, no
// feature) and, if `detailed` (for operators, behind the token), "detail" (the whole reason).
Json outcome_json(const ReloadOutcome& outcome, bool detailed);

// {"succeeded":…,"failed":…,"building":…,"pending":…,"last_success":{…}|null,"last_failure":{…}|null}
Json reload_json(const ReloadRecord& record, bool detailed);

// layoutd_reloads_total{outcome}, layoutd_reload_in_progress, the last success's and failure's
// timestamps and duration, and layoutd_last_reload_error{reason} (the summary; 1 while the latest
// attempt failed).
std::string reload_prometheus(const ReloadRecord& record);

// "2026-11-23T05:42:00Z"
std::string utc_timestamp(std::chrono::system_clock::time_point when);

}  // namespace server
