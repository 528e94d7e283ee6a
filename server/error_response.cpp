#include "server/error_response.hpp"

#include "layers/query/budget.hpp"
#include "layers/query/site.hpp"
#include "server/http/json_response.hpp"
#include "server/http/log.hpp"

#include <nlohmann/json.hpp>

#include <string>

namespace server {

std::optional<Limit> exceeded_limit(const std::exception_ptr& error) noexcept {
  try {
    std::rethrow_exception(error);
  } catch (const LimitExceeded& e) {
    return e.limit();
  } catch (const layers::query::Interrupted& e) {
    if (e.reason() == layers::query::Interrupted::Reason::Deadline) return Limit::Deadline;
    return std::nullopt;
  } catch (...) {
    return std::nullopt;
  }
}

Response error_response(const Request& request, std::exception_ptr error, std::string_view request_id) {
  try {
    std::rethrow_exception(std::move(error));
  } catch (const HttpError& e) {
    return json_error(request, e.status(), e.error(), e.detail());
  } catch (const layers::query::InputError& e) {
    // The query engine's verdict on a client's coordinates or parcel.
    return json_error(request, http::status::bad_request, "invalid_input", e.what());
  } catch (const layers::query::Interrupted& e) {
    if (e.reason() == layers::query::Interrupted::Reason::Cancelled) {
      // Nobody reads this: the session closes the connection and logs it as 499.
      Response gone = json_error(request, http::status::service_unavailable, "cancelled", e.what());
      gone.result(499U);
      return gone;
    }
    // Not a client error in itself (the same request may pass on an idle server), but retrying at
    // once would not help: no Retry-After.
    return json_error(request, http::status::service_unavailable, "deadline_exceeded",
                      "the answer took longer than the server's request deadline (--request-deadline); send a "
                      "smaller parcel or fewer sites, or split the request");
  } catch (const std::exception& e) {
    log_error(std::string("request ") + std::string(request_id) + " " + std::string(request.target()) +
              ": internal error: " + e.what());
  } catch (...) {
    log_error(std::string("request ") + std::string(request_id) + ": internal error of unknown type");
  }
  return json_error(request, http::status::internal_server_error, "internal_error",
                    "the server failed to answer; quote request id " + std::string(request_id) + " when reporting it");
}

}  // namespace server
