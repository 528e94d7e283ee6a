#include "server/http/router.hpp"

#include <algorithm>

namespace server {
namespace {

// Matches `path` against `pattern` segment by segment; captures are percent-decoded.
bool match_pattern(std::string_view pattern, std::string_view path, std::vector<std::string>& args) {
  args.clear();
  while (true) {
    if (pattern.empty() || path.empty()) return pattern.empty() && path.empty();
    if (pattern.front() != '/' || path.front() != '/') return false;
    pattern.remove_prefix(1);
    path.remove_prefix(1);
    const auto pattern_end = std::min(pattern.find('/'), pattern.size());
    const auto path_end = std::min(path.find('/'), path.size());
    const std::string_view want = pattern.substr(0, pattern_end);
    const std::string_view got = path.substr(0, path_end);
    if (want.size() >= 2 && want.front() == '{' && want.back() == '}') {
      if (got.empty()) return false;
      args.push_back(percent_decode(got, false));
    } else if (want != got) {
      return false;
    }
    pattern.remove_prefix(pattern_end);
    path.remove_prefix(path_end);
  }
}

}  // namespace

void Router::add(std::string name, http::verb method, std::string pattern, Handler handler, Cost cost) {
  auto known = std::find(names_.begin(), names_.end(), name);
  if (known == names_.end()) known = names_.insert(names_.end(), name);
  const auto name_index = static_cast<std::size_t>(known - names_.begin());
  routes_.push_back({std::move(name), method, std::move(pattern), handler, name_index, cost});
  if (cost == Cost::Heavy && !has_heavy(method)) heavy_methods_.push_back(method);
}

Router::Match Router::match(http::verb method, std::string_view path) const {
  Match result;
  std::vector<std::string> args;
  for (const Route& route : routes_) {
    if (!match_pattern(route.pattern, path, args)) continue;
    if (route.method == method) {
      result.route = &route;
      result.args = std::move(args);
      return result;
    }
    if (std::find(result.allowed.begin(), result.allowed.end(), route.method) == result.allowed.end()) {
      result.allowed.push_back(route.method);
    }
  }
  return result;
}

}  // namespace server
