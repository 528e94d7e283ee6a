#pragma once
// Where each OGC API – Features resource lives, and the link objects that point at them.
//
// Every href is absolute (scheme://host/ogc/...). GDAL's OAPIF driver resolves an href that starts
// with '/' by prefixing the URL it was opened with, which already ends in /ogc, so a root-relative
// "/ogc/collections/x/items" would become ".../ogc/ogc/collections/x/items".
#include "server/http/json_response.hpp"

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace server {

inline constexpr std::string_view kMediaJson = "application/json";
inline constexpr std::string_view kMediaGeoJson = "application/geo+json";

class OgcUrls {
 public:
  // `base` is public_base_url(request): "https://host".
  explicit OgcUrls(std::string base) : root_(std::move(base) + "/ogc") {}

  [[nodiscard]] const std::string& landing() const noexcept { return root_; }
  [[nodiscard]] std::string conformance() const { return root_ + "/conformance"; }
  [[nodiscard]] std::string collections() const { return root_ + "/collections"; }
  [[nodiscard]] std::string collection(std::string_view id) const;
  [[nodiscard]] std::string items(std::string_view id) const { return collection(id) + "/items"; }
  [[nodiscard]] std::string item(std::string_view id, std::int64_t fid) const;

 private:
  std::string root_;
};

using QueryItems = std::vector<std::pair<std::string, std::string>>;

// `url` followed by ?name=value&... (percent-encoded); `url` alone when `query` is empty.
std::string with_query(std::string url, const QueryItems& query);

// {"href","rel","type","title"}: every member, because clients pick links by rel and type.
Json link_json(std::string href, std::string_view rel, std::string_view type, std::string_view title);

}  // namespace server
