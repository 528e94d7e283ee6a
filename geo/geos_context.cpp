#include "geo/geos_context.hpp"

#include "geo/error.hpp"

#include <new>

namespace geo {

GeosContext& GeosContext::current() {
  thread_local GeosContext context;
  return context;
}

GeosContext::GeosContext() : handle_(GEOS_init_r()) {
  if (handle_ == nullptr) {
    throw std::bad_alloc();
  }
  GEOSContext_setErrorMessageHandler_r(handle_, &GeosContext::on_error, this);
}

GeosContext::~GeosContext() { GEOS_finish_r(handle_); }

void GeosContext::on_error(const char* message, void* self) {
  static_cast<GeosContext*>(self)->last_error_ = message != nullptr ? message : "unknown GEOS error";
}

void GeosContext::throw_error(std::string_view operation) {
  std::string message(operation);
  message += ": ";
  message += last_error_.empty() ? std::string("GEOS reported failure without a message") : last_error_;
  last_error_.clear();
  throw GeometryError(message);
}

}  // namespace geo
