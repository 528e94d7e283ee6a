#pragma once
// Exceptions thrown by geo/. They carry the library's own message (GEOS, PROJ) plus the operation
// that failed; the HTTP boundary decides what, if anything, a client sees.
#include <stdexcept>
#include <string>

namespace geo {

class GeometryError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

class ProjectionError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

}  // namespace geo
