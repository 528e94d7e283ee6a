#include "server/http/negotiation.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <string>
#include <vector>

namespace server {
namespace {

struct Range {
  std::string type;  // lower-case "text/csv", "text/*", "*/*"
  double q = 1.0;
};

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

std::vector<Range> parse_accept(std::string_view header) {
  std::vector<Range> out;
  while (!header.empty()) {
    const auto comma = header.find(',');
    std::string_view item = header.substr(0, comma);
    header = comma == std::string_view::npos ? std::string_view{} : header.substr(comma + 1);
    const auto semicolon = item.find(';');
    Range range;
    range.type = std::string(trim(item.substr(0, semicolon)));
    std::transform(range.type.begin(), range.type.end(), range.type.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    std::string_view params = semicolon == std::string_view::npos ? std::string_view{} : item.substr(semicolon + 1);
    while (!params.empty()) {
      const auto next = params.find(';');
      const std::string_view param = trim(params.substr(0, next));
      params = next == std::string_view::npos ? std::string_view{} : params.substr(next + 1);
      if (param.size() > 2 && (param[0] == 'q' || param[0] == 'Q') && param[1] == '=') {
        double q = 1.0;
        const auto [ptr, ec] = std::from_chars(param.data() + 2, param.data() + param.size(), q);
        if (ec == std::errc{}) range.q = std::clamp(q, 0.0, 1.0);
      }
    }
    if (!range.type.empty()) out.push_back(std::move(range));
  }
  return out;
}

// How specifically `range` matches `type`: 3 exact, 2 type/*, 1 */*, 0 not at all.
int specificity(const std::string& range, std::string_view type) {
  if (range == type) return 3;
  if (range == "*/*") return 1;
  if (range.size() > 2 && range.ends_with("/*")) {
    return type.substr(0, range.size() - 1) == std::string_view(range).substr(0, range.size() - 1) ? 2 : 0;
  }
  return 0;
}

}  // namespace

std::string_view negotiate(const Request& request, std::initializer_list<std::string_view> offered) {
  const std::string_view header = request[http::field::accept];
  if (trim(header).empty()) return *offered.begin();
  const auto ranges = parse_accept(header);
  std::string_view best;
  double best_q = 0.0;
  for (const auto type : offered) {
    // The most specific range that matches decides the type's q.
    int matched = 0;
    double q = 0.0;
    for (const auto& range : ranges) {
      const int s = specificity(range.type, type);
      if (s > matched) {
        matched = s;
        q = range.q;
      }
    }
    if (q > best_q) {
      best_q = q;
      best = type;
    }
  }
  if (best.empty()) {
    std::string list;
    for (const auto type : offered) list += (list.empty() ? "" : ", ") + std::string(type);
    throw HttpError(http::status::not_acceptable, "not_acceptable",
                    "cannot answer in '" + std::string(header) + "'; available: " + list);
  }
  return best;
}

bool accepts_encoding(const Request& request, std::string_view coding) {
  const auto ranges = parse_accept(request[http::field::accept_encoding]);
  const auto listed = [&](std::string_view name) {
    return std::find_if(ranges.begin(), ranges.end(), [&](const Range& r) { return r.type == name; });
  };
  if (const auto exact = listed(coding); exact != ranges.end()) return exact->q > 0;
  const auto any = listed("*");
  return any != ranges.end() && any->q > 0;
}

}  // namespace server
