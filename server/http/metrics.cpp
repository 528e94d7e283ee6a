#include "server/http/metrics.hpp"

#include <array>
#include <sstream>

namespace server {
namespace {

// 499: the client closed the connection before its answer (nginx's convention).
constexpr std::array<unsigned, 22> kStatuses{200, 201, 202, 204, 304, 400, 401, 403, 404, 405, 406,
                                             409, 413, 414, 415, 429, 431, 499, 500, 501, 503, 504};
// Upper bounds in seconds; the last bucket is +Inf.
constexpr std::array<double, 13> kBounds{0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01,
                                         0.025,  0.05,    0.1,    0.25,  1.0,    5.0};

std::size_t status_slot(unsigned status) noexcept {
  for (std::size_t i = 0; i < kStatuses.size(); ++i) {
    if (kStatuses[i] == status) return i;
  }
  return kStatuses.size();  // "other"
}

}  // namespace

Metrics::Metrics(std::vector<std::string> route_names) : routes_(std::move(route_names)) {
  routes_.emplace_back("unmatched");
  series_ = std::make_unique<RouteSeries[]>(routes_.size());  // value-initialised: all zero
  static_assert(kStatuses.size() + 1 == kStatusSlots && kBounds.size() + 1 == kBuckets);
}

void Metrics::record(std::size_t route, unsigned status, std::chrono::microseconds elapsed) const noexcept {
  if (route >= routes_.size()) route = unmatched();
  RouteSeries& s = series_[route];
  s.by_status[status_slot(status)].fetch_add(1, std::memory_order_relaxed);
  const double seconds = static_cast<double>(elapsed.count()) * 1e-6;
  std::size_t bucket = 0;
  while (bucket < kBounds.size() && seconds > kBounds[bucket]) ++bucket;
  s.buckets[bucket].fetch_add(1, std::memory_order_relaxed);
  s.sum_us.fetch_add(static_cast<std::uint64_t>(elapsed.count()), std::memory_order_relaxed);
}

void Metrics::record_limit(Limit limit) const noexcept {
  limits_[static_cast<std::size_t>(limit)].fetch_add(1, std::memory_order_relaxed);
}

std::string Metrics::prometheus(const layers::Snapshot& snapshot, std::chrono::seconds uptime) const {
  std::ostringstream out;
  out << "# HELP layoutd_requests_total HTTP requests answered, by route and status.\n"
         "# TYPE layoutd_requests_total counter\n";
  for (std::size_t r = 0; r < routes_.size(); ++r) {
    for (std::size_t k = 0; k < kStatusSlots; ++k) {
      const auto n = series_[r].by_status[k].load(std::memory_order_relaxed);
      if (n == 0) continue;
      out << "layoutd_requests_total{route=\"" << routes_[r] << "\",status=\""
          << (k < kStatuses.size() ? std::to_string(kStatuses[k]) : std::string("other")) << "\"} " << n << '\n';
    }
  }
  out << "# HELP layoutd_request_duration_seconds Time from a parsed request to its response, by route.\n"
         "# TYPE layoutd_request_duration_seconds histogram\n";
  for (std::size_t r = 0; r < routes_.size(); ++r) {
    std::uint64_t cumulative = 0;
    for (std::size_t b = 0; b < kBuckets; ++b) {
      cumulative += series_[r].buckets[b].load(std::memory_order_relaxed);
      out << "layoutd_request_duration_seconds_bucket{route=\"" << routes_[r] << "\",le=\""
          << (b < kBounds.size() ? std::to_string(kBounds[b]) : std::string("+Inf")) << "\"} " << cumulative << '\n';
    }
    out << "layoutd_request_duration_seconds_sum{route=\"" << routes_[r] << "\"} "
        << static_cast<double>(series_[r].sum_us.load(std::memory_order_relaxed)) * 1e-6 << '\n'
        << "layoutd_request_duration_seconds_count{route=\"" << routes_[r] << "\"} " << cumulative << '\n';
  }
  out << "# HELP layoutd_limit_exceeded_total Requests refused for going over a configured limit, by limit.\n"
         "# TYPE layoutd_limit_exceeded_total counter\n";
  for (std::size_t l = 0; l < kLimitNames.size(); ++l) {
    out << "layoutd_limit_exceeded_total{limit=\"" << kLimitNames[l] << "\"} "
        << limits_[l].load(std::memory_order_relaxed) << '\n';
  }
  const auto age =
      std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now() - snapshot.created_at());
  out << "# HELP layoutd_features Features in the snapshot being served, by layer.\n"
         "# TYPE layoutd_features gauge\n";
  for (const auto& layer : snapshot.layers()) {
    out << "layoutd_features{layer=\"" << layer.id() << "\"} " << layer.features().size() << '\n';
  }
  out << "# HELP layoutd_snapshot_version Version of the snapshot being served (increases per reload).\n"
         "# TYPE layoutd_snapshot_version gauge\n"
         "layoutd_snapshot_version "
      << snapshot.version()
      << "\n"
         "# HELP layoutd_snapshot_age_seconds Seconds since the snapshot being served was built.\n"
         "# TYPE layoutd_snapshot_age_seconds gauge\n"
         "layoutd_snapshot_age_seconds "
      << age.count()
      << "\n"
         "# HELP layoutd_store_revision The store's revision (layoutd_meta) when the served snapshot was read.\n"
         "# TYPE layoutd_store_revision gauge\n"
         "layoutd_store_revision "
      << snapshot.store_revision()
      << "\n"
         "# HELP layoutd_uptime_seconds Seconds since the server started.\n"
         "# TYPE layoutd_uptime_seconds gauge\n"
         "layoutd_uptime_seconds "
      << uptime.count() << '\n';
  return out.str();
}

}  // namespace server
