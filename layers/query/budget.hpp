#pragma once
// How long a heavy query may run, and whether anyone still waits for its answer. The engine's long
// loops (overlap's pieces, a batch's sites) ask check() between steps, so a parcel that would hold
// a worker for minutes, or one whose client has hung up, gives the worker back within one step
// (milliseconds) instead of at the end. A default Budget never runs out: tests and tools that call
// the engine directly pay nothing for it.
#include <chrono>
#include <stdexcept>
#include <stop_token>
#include <string>

namespace layers::query {

// A query stopped before its end: its answer is not worth finishing.
class Interrupted : public std::runtime_error {
 public:
  enum class Reason { Deadline, Cancelled };
  Interrupted(Reason reason, const std::string& what) : std::runtime_error(what), reason_(reason) {}
  [[nodiscard]] Reason reason() const noexcept { return reason_; }

 private:
  Reason reason_;
};

class Budget {
 public:
  using Clock = std::chrono::steady_clock;

  Budget() = default;  // no deadline, never cancelled
  Budget(std::stop_token stop, Clock::time_point deadline) : stop_(std::move(stop)), deadline_(deadline) {}

  // True once the deadline has passed or a stop was requested. An atomic load and a vDSO clock
  // read (~20 ns): cheap enough between steps that each cost microseconds or more.
  [[nodiscard]] bool exhausted() const noexcept {
    return stop_.stop_requested() || (deadline_ != Clock::time_point::max() && Clock::now() >= deadline_);
  }

  // Throws Interrupted when exhausted(); the cancellation wins when both hold (nobody is left to
  // read a deadline's error).
  void check() const {
    if (stop_.stop_requested()) throw Interrupted(Interrupted::Reason::Cancelled, "the client closed the connection");
    if (deadline_ != Clock::time_point::max() && Clock::now() >= deadline_) {
      throw Interrupted(Interrupted::Reason::Deadline, "the request ran past its deadline");
    }
  }

 private:
  std::stop_token stop_;
  Clock::time_point deadline_ = Clock::time_point::max();
};

}  // namespace layers::query
