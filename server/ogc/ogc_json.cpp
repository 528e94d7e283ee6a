#include "server/ogc/ogc_json.hpp"

#include "server/http/feature_json.hpp"
#include "server/ogc/ogc_params.hpp"

#include <algorithm>
#include <ctime>
#include <string>

namespace server {
namespace {


// RFC 3339 in UTC, to the second: "2024-05-01T08:30:00Z".
std::string rfc3339(std::chrono::system_clock::time_point time) {
  const std::time_t seconds = std::chrono::system_clock::to_time_t(time);
  std::tm utc{};
  gmtime_r(&seconds, &utc);
  char text[32];
  const std::size_t size = std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &utc);
  return {text, size};
}

// Chinese first: the plan's own names are Chinese; the English follows for other readers.
std::string collection_title(const layers::LayerInfo& info) {
  if (info.title_en.empty()) return info.title_zh;
  if (info.title_zh.empty()) return info.title_en;
  return info.title_zh + " " + info.title_en;
}

// "Administrative divisions (行政区划): 64 polygon features"
std::string collection_description(const layers::Layer& layer) {
  const auto& info = layer.info();
  const std::size_t count = layer.features().size();
  return info.title_en + " (" + info.title_zh + "): " + std::to_string(count) + " " +
         std::string(layers::to_string(info.geometry_kind)) + (count == 1 ? " feature" : " features");
}

// The request's query with offset and limit replaced, for a link to another page.
QueryItems page_query(const QueryItems& request_query, std::size_t offset, std::size_t limit) {
  QueryItems out;
  for (const auto& item : request_query) {
    if (item.first != "offset" && item.first != "limit") out.push_back(item);
  }
  out.emplace_back("limit", std::to_string(limit));
  if (offset > 0) out.emplace_back("offset", std::to_string(offset));
  return out;
}

}  // namespace

Json ogc_landing(const OgcUrls& urls) {
  return {{"title", "layoutd"},
          {"description", "The planning layout's layers (组团, 水系, 行政区划 ...) as OGC API – Features."},
          {"links", Json::array({link_json(urls.landing(), "self", kMediaJson, "This document"),
                                 link_json(urls.conformance(), "conformance", kMediaJson,
                                           "Conformance classes implemented by this server"),
                                 link_json(urls.collections(), "data", kMediaJson, "Feature collections")})}};
}

Json ogc_conformance() {
  // Only what is implemented: no OpenAPI document is served, so no oas30; no HTML, so no html.
  return {{"conformsTo", Json::array({"http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core",
                                      "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/geojson"})}};
}

Json ogc_collection(const layers::Layer& layer, const OgcUrls& urls) {
  const auto& info = layer.info();
  Json collection = {
      {"id", info.id},
      {"title", collection_title(info)},
      {"description", collection_description(layer)},
      {"links", Json::array({link_json(urls.collection(info.id), "self", kMediaJson, "This collection"),
                             link_json(urls.items(info.id), "items", kMediaGeoJson, "Its features as GeoJSON")})}};
  const geo::Envelope bounds = layer.bounds();
  // An empty layer has no extent; the member is optional, so it is left out rather than invented.
  if (!bounds.is_null()) {
    collection["extent"] = {
        {"spatial",
         {{"bbox", Json::array({Json::array({bounds.min_x, bounds.min_y, bounds.max_x, bounds.max_y})})},
          {"crs", kCrs84Uri}}}};
  }
  collection["itemType"] = "feature";
  collection["crs"] = Json::array({kCrs84Uri});
  return collection;
}

Json ogc_collections(const layers::Snapshot& snapshot, const OgcUrls& urls) {
  Json collections = Json::array();
  for (const auto& layer : snapshot.layers()) collections.push_back(ogc_collection(layer, urls));
  return {{"links", Json::array({link_json(urls.collections(), "self", kMediaJson, "This document")})},
          {"collections", std::move(collections)}};
}

Json ogc_items(const ItemsPage& page, const OgcUrls& urls) {
  const std::string& id = page.layer.id();
  const std::size_t matched = page.selected.size();
  const std::size_t first = std::min(page.query.offset, matched);
  const std::size_t count = std::min(page.query.limit, matched - first);

  Json features = Json::array();
  for (const std::uint32_t position : page.selected.subspan(first, count)) {
    features.push_back(feature_geojson(page.layer.features()[position]));
  }

  const std::string items = urls.items(id);
  Json links = Json::array({link_json(with_query(items, page.request_query), "self", kMediaGeoJson, "This page"),
                            link_json(urls.collection(id), "collection", kMediaJson, "The collection")});
  // `next` only while features remain: GDAL (and other clients) page until it is absent.
  if (first + count < matched) {
    links.push_back(link_json(with_query(items, page_query(page.request_query, first + count, page.query.limit)),
                              "next", kMediaGeoJson, "Next page"));
  }
  if (first > 0) {
    const std::size_t previous = first - std::min(first, page.query.limit);
    links.push_back(link_json(with_query(items, page_query(page.request_query, previous, page.query.limit)), "prev",
                              kMediaGeoJson, "Previous page"));
  }
  return {{"type", "FeatureCollection"},    {"numberMatched", matched},  {"numberReturned", count},
          {"timeStamp", rfc3339(page.now)}, {"links", std::move(links)}, {"features", std::move(features)}};
}

Json ogc_feature(const layers::Layer& layer, const layers::Feature& feature, const OgcUrls& urls) {
  Json out = feature_geojson(feature);
  out["links"] = Json::array({link_json(urls.item(layer.id(), feature.fid), "self", kMediaGeoJson, "This feature"),
                              link_json(urls.collection(layer.id()), "collection", kMediaJson, "The collection")});
  return out;
}

}  // namespace server
