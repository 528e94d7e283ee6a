#include "server/ogc/ogc_links.hpp"

#include "server/http/url.hpp"

namespace server {

std::string OgcUrls::collection(std::string_view id) const {
  return collections() + "/" + percent_encode(id);
}

std::string OgcUrls::item(std::string_view id, std::int64_t fid) const {
  return items(id) + "/" + std::to_string(fid);
}

std::string with_query(std::string url, const QueryItems& query) {
  char separator = '?';
  for (const auto& [name, value] : query) {
    url += separator;
    url += percent_encode(name);
    url += '=';
    url += percent_encode(value);
    separator = '&';
  }
  return url;
}

Json link_json(std::string href, std::string_view rel, std::string_view type, std::string_view title) {
  return {{"href", std::move(href)}, {"rel", rel}, {"type", type}, {"title", title}};
}

}  // namespace server
