#include "hostile/catalogue.hpp"

#include <cmath>

namespace hostile {

std::string request(const std::string& method, const std::string& target, const std::string& headers,
                    const std::string& body, const std::string& version) {
  return method + " " + target + " " + version + "\r\n" + headers + "\r\n" + body;
}

std::string get(const std::string& target, const std::string& extra_headers) {
  return request("GET", target, "Host: t\r\nConnection: close\r\n" + extra_headers);
}

std::string post(const std::string& target, const std::string& content_type, const std::string& body,
                 const std::string& extra_headers) {
  return request("POST", target,
                 "Host: t\r\nContent-Type: " + content_type + "\r\nContent-Length: " + std::to_string(body.size()) +
                     "\r\nConnection: close\r\n" + extra_headers,
                 body);
}

std::string post_json(const std::string& target, const std::string& body) {
  return post(target, "application/json", body);
}

std::string repeat(const std::string& text, std::size_t n) {
  std::string out;
  out.reserve(text.size() * n);
  for (std::size_t i = 0; i < n; ++i) out += text;
  return out;
}

std::string circle_parcel(int n) {
  std::string coordinates;
  for (int i = 0; i <= n; ++i) {
    const double a = 2 * 3.141592653589793 * (i % n) / n;
    if (i > 0) coordinates += ',';
    coordinates += '[';
    coordinates += std::to_string(125.4 + 0.01 * std::cos(a));
    coordinates += ',';
    coordinates += std::to_string(43.7 + 0.01 * std::sin(a));
    coordinates += ']';
  }
  return R"({"type":"Polygon","coordinates":[[)" + coordinates + "]]}";
}

std::vector<Case> catalogue() {
  std::vector<Case> all;
  for (auto group : {regression_cases(), api_cases(), tile_cases(), ogc_cases(), web_admin_cases(), protocol_cases()}) {
    all.insert(all.end(), std::make_move_iterator(group.begin()), std::make_move_iterator(group.end()));
  }
  return all;
}

}  // namespace hostile
