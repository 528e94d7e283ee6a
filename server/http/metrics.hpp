#pragma once
// Request counters and latency histograms per route, in Prometheus text format. Recording is
// lock-free (relaxed atomics: each counter is independent, and a scrape may see one request's
// count before its latency, which Prometheus tolerates).
#include "layers/model/snapshot.hpp"
#include "server/http/request_limits.hpp"

#include <array>
#include <atomic>
#include <chrono>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace server {

class Metrics {
 public:
  // One series per route name; an extra "unmatched" series takes 404s and 405s of unknown paths.
  explicit Metrics(std::vector<std::string> route_names);

  [[nodiscard]] std::size_t unmatched() const noexcept { return routes_.size() - 1; }
  void record(std::size_t route, unsigned status, std::chrono::microseconds elapsed) const noexcept;
  // A request refused for going over one of the RequestLimits.
  void record_limit(Limit limit) const noexcept;

  // The exposition: requests, latency, and the snapshot being served.
  [[nodiscard]] std::string prometheus(const layers::Snapshot& snapshot, std::chrono::seconds uptime) const;

 private:
  static constexpr std::size_t kStatusSlots = 23;  // common statuses + "other"
  static constexpr std::size_t kBuckets = 14;      // latency buckets + "+Inf"
  struct RouteSeries {
    std::atomic<std::uint64_t> by_status[kStatusSlots];
    std::atomic<std::uint64_t> buckets[kBuckets];
    std::atomic<std::uint64_t> sum_us;
  };
  std::vector<std::string> routes_;
  mutable std::array<std::atomic<std::uint64_t>, kLimitNames.size()> limits_{};
  std::unique_ptr<RouteSeries[]> series_;
};

}  // namespace server
