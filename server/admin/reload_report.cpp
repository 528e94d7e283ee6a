#include "server/admin/reload_report.hpp"

#include <algorithm>
#include <ctime>
#include <sstream>

namespace server {
namespace {

double unix_seconds(std::chrono::system_clock::time_point when) {
  return static_cast<double>(std::chrono::duration_cast<std::chrono::milliseconds>(when.time_since_epoch()).count()) /
         1000.0;
}

// A Prometheus label value: backslash, quote and newline escaped; long reasons cut.
std::string label_value(std::string_view text) {
  std::size_t cut = std::min<std::size_t>(text.size(), 300);
  while (cut > 0 && cut < text.size() && (static_cast<unsigned char>(text[cut]) & 0xC0U) == 0x80U) --cut;  // UTF-8
  std::string out;
  for (const char c : text.substr(0, cut)) {
    if (c == '\\' || c == '"') out.push_back('\\');
    if (c == '\n') {
      out += "\\n";
      continue;
    }
    out.push_back(c);
  }
  return out;
}

}  // namespace

std::string utc_timestamp(std::chrono::system_clock::time_point when) {
  const std::time_t seconds = std::chrono::system_clock::to_time_t(when);
  std::tm utc{};
  gmtime_r(&seconds, &utc);
  char text[32];
  std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &utc);
  return text;
}

Json outcome_json(const ReloadOutcome& outcome, bool detailed) {
  Json out{{"build", outcome.build},
           {"ok", outcome.ok},
           {"trigger", outcome.trigger},
           {"snapshot_version", outcome.snapshot_version},
           {"store_revision", outcome.store_revision},
           {"finished_at", utc_timestamp(outcome.finished_at)},
           {"duration_ms", outcome.duration.count()},
           {"warm_ms", outcome.warm.count()}};
  if (!outcome.ok) {
    out["error"] = outcome.summary;
    if (detailed) out["detail"] = outcome.error;
  }
  return out;
}

Json reload_json(const ReloadRecord& record, bool detailed) {
  return {{"succeeded", record.succeeded},
          {"failed", record.failed},
          {"building", record.building},
          {"pending", record.pending},
          {"last_success", record.last_success ? outcome_json(*record.last_success, detailed) : Json(nullptr)},
          {"last_failure", record.last_failure ? outcome_json(*record.last_failure, detailed) : Json(nullptr)}};
}

std::string reload_prometheus(const ReloadRecord& record) {
  std::ostringstream out;
  out << "# HELP layoutd_reloads_total Snapshot reloads, by outcome (failed: the old snapshot kept serving).\n"
         "# TYPE layoutd_reloads_total counter\n"
         "layoutd_reloads_total{outcome=\"ok\"} "
      << record.succeeded << "\nlayoutd_reloads_total{outcome=\"failed\"} " << record.failed
      << "\n# HELP layoutd_reload_in_progress 1 while a new snapshot is being built.\n"
         "# TYPE layoutd_reload_in_progress gauge\n"
         "layoutd_reload_in_progress "
      << (record.building ? 1 : 0) << '\n';
  out.precision(15);
  if (record.last_success) {
    out << "# HELP layoutd_last_reload_success_timestamp_seconds When the last successful reload finished.\n"
           "# TYPE layoutd_last_reload_success_timestamp_seconds gauge\n"
           "layoutd_last_reload_success_timestamp_seconds "
        << unix_seconds(record.last_success->finished_at)
        << "\n# HELP layoutd_last_reload_duration_seconds Time the last successful reload took (warming included).\n"
           "# TYPE layoutd_last_reload_duration_seconds gauge\n"
           "layoutd_last_reload_duration_seconds "
        << static_cast<double>(record.last_success->duration.count()) / 1000.0 << '\n';
  }
  if (record.last_failure) {
    const bool latest = !record.last_success || record.last_success->build < record.last_failure->build;
    out << "# HELP layoutd_last_reload_failure_timestamp_seconds When the last failed reload finished.\n"
           "# TYPE layoutd_last_reload_failure_timestamp_seconds gauge\n"
           "layoutd_last_reload_failure_timestamp_seconds "
        << unix_seconds(record.last_failure->finished_at)
        << "\n# HELP layoutd_last_reload_error The last failed reload's reason; 1 while no later reload succeeded.\n"
           "# TYPE layoutd_last_reload_error gauge\n"
           "layoutd_last_reload_error{reason=\""
        << label_value(record.last_failure->summary) << "\"} " << (latest ? 1 : 0) << '\n';
  }
  return out.str();
}

}  // namespace server
