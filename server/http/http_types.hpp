#pragma once
#include <boost/beast/http.hpp>

#include <stdexcept>
#include <string>

namespace server {

namespace http = boost::beast::http;
using Request = http::request<http::string_body>;
using Response = http::response<http::string_body>;

// A client-caused failure with its HTTP status. `error` is a short machine-readable code
// ("bad_coordinate"), `detail` a sentence for the person reading it.
class HttpError : public std::runtime_error {
 public:
  HttpError(http::status status, std::string error, std::string detail)
      : std::runtime_error(detail), status_(status), error_(std::move(error)), detail_(std::move(detail)) {}
  [[nodiscard]] http::status status() const noexcept { return status_; }
  [[nodiscard]] const std::string& error() const noexcept { return error_; }
  [[nodiscard]] const std::string& detail() const noexcept { return detail_; }

 private:
  http::status status_;
  std::string error_;
  std::string detail_;
};

}  // namespace server
