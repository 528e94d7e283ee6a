#pragma once
// Method + path pattern → handler. Patterns are literal segments and {captures}
// ("/ogc/collections/{id}/items/{fid}"); a path that matches a pattern under another method gives
// 405 with the allowed methods, one that matches nothing 404.
#include "server/http/request_context.hpp"

#include <algorithm>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace server {

// Whether a route's answers may take long (seconds): heavy ones are answered off the I/O threads,
// on a pool with a bounded queue (http_settings.hpp).
enum class Cost : std::uint8_t { Cheap, Heavy };

struct Route {
  std::string name;  // metrics label ("locate", "ogc_items")
  http::verb method;
  std::string pattern;
  Handler handler;
  std::size_t name_index = 0;  // position of `name` in Router::names()
  Cost cost = Cost::Cheap;
};

class Router {
 public:
  void add(std::string name, http::verb method, std::string pattern, Handler handler, Cost cost = Cost::Cheap);

  struct Match {
    const Route* route = nullptr;  // null: no route for this method
    std::vector<std::string> args;
    std::vector<http::verb> allowed;  // when route is null: methods the path does accept
  };
  [[nodiscard]] Match match(http::verb method, std::string_view path) const;
  [[nodiscard]] const std::vector<Route>& routes() const noexcept { return routes_; }
  // Whether any Cost::Heavy route takes `method`: most requests (GET) are then classified without
  // matching their path.
  [[nodiscard]] bool has_heavy(http::verb method) const noexcept {
    return std::find(heavy_methods_.begin(), heavy_methods_.end(), method) != heavy_methods_.end();
  }
  // Distinct route names, in order of first registration (for metrics).
  [[nodiscard]] const std::vector<std::string>& names() const noexcept { return names_; }

 private:
  std::vector<Route> routes_;
  std::vector<std::string> names_;
  std::vector<http::verb> heavy_methods_;
};

}  // namespace server
