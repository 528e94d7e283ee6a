#pragma once
// One GEOS context per thread. GEOS's reentrant (_r) API is thread-safe only if no context handle is
// shared between threads, so each thread lazily gets its own, and its error handler writes into that
// thread's context object: a NULL/sentinel return is then turned into a geo::GeometryError that says
// what GEOS said.
#include <geos_c.h>

#include <string>
#include <string_view>

namespace geo {

class GeosContext {
 public:
  // The calling thread's context, created on first use and destroyed when the thread exits.
  static GeosContext& current();

  GeosContext(const GeosContext&) = delete;
  GeosContext& operator=(const GeosContext&) = delete;
  ~GeosContext();

  [[nodiscard]] GEOSContextHandle_t handle() const noexcept { return handle_; }

  // Throws GeometryError("<operation>: <last GEOS message>") and clears the message.
  [[noreturn]] void throw_error(std::string_view operation);

 private:
  GeosContext();
  static void on_error(const char* message, void* self);

  GEOSContextHandle_t handle_;
  std::string last_error_;
};

// Shorthand for the calling thread's handle.
inline GEOSContextHandle_t geos() { return GeosContext::current().handle(); }

// Throws the calling thread's last GEOS error for `operation`.
[[noreturn]] inline void throw_geos_error(std::string_view operation) {
  GeosContext::current().throw_error(operation);
}

}  // namespace geo
